/**
 * ThroughLine's documented limits and this package's own bounds, in one place. No imports: the
 * credential's token exchange reads RETRY_POLICY from here too.
 */

/** ThroughLine's limits (limits-policy page): per IP address, and per customer over 24 hours. */
export const THROUGHLINE_LIMITS = {
	requestsPerSecond: 30,
	callsPerDay: 1000,
};

/**
 * The `limit` the node sends when it needs everything (Return All, filters, the trigger's lists).
 * ThroughLine does not publish its maximum: this is a guess, so an answer this long is treated
 * as possibly cut (helpers/completeness.ts), never as complete.
 */
export const MAX_RESULTS = 1000;
/** What ThroughLine returns when no `limit` is sent (seen: exactly 20). */
export const DEFAULT_RESULTS = 20;

/** The longest event session ID the node sends: a longer one is refused before anything is sent. */
export const MAX_SESSION_ID = 200;

/**
 * Lookups by ID the trigger makes per poll, over all lists, to confirm removals. Each costs one of
 * the daily calls: a list that suddenly comes back (nearly) empty must not spend the day's quota
 * on lookups. Missing helplines beyond it stay as they were and are looked up at the next polls.
 */
export const REMOVAL_LOOKUPS_PER_POLL = 10;

/** How one client (one node execution, poll or dropdown) talks to ThroughLine by default. */
export const CLIENT_DEFAULTS = {
	/** Requests in flight at once. */
	concurrency: 8,
	/** Deadline of one attempt, from its start until the whole answer is in. */
	timeoutMs: 30_000,
	minTimeoutMs: 1000,
	/** The token request, inside n8n's preAuthentication. */
	tokenTimeoutMs: 30_000,
};

/** The per-second window: 1 s plus a margin for clock jitter between us and ThroughLine. */
export const PACING = {
	windowMs: 1050,
	/** How often waiters look again while every slot is still waiting for its answer. */
	pollMs: 20,
};

/**
 * How a process finds its share of the per-IP limit when others (queue-mode workers, other apps
 * behind the same address) use it too (transport/adaptiveRate.ts): a slow start, then
 * after a 429 it keeps this share of what it was sending and gains a little per second. Tuned in
 * a simulation of 2 and 4 processes against a 30/s window
 * (test/nodes/ThroughLine/transport/pacing.adaptive.test.ts). Exported so tests can switch it off
 * to measure what a fixed pace draws.
 */
export const ADAPTIVE_PACING = {
	enabled: true,
	/** Share of the ceiling a process starts at: 4 processes starting together stay within 30. */
	startShare: 0.25,
	/**
	 * Growth per second of the slow start: processes whose sum crosses 30 overshoot by this much
	 * at most (30 × 1.1 = 33). A lone process reaches 30 from 7.5 in 15 seconds of full demand.
	 */
	slowStartGrowth: 1.1,
	/** Requests that start at once in the slow start before spacing: a chatbot's five-country question. */
	startBurst: 5,
	/** Growth is reckoned at most this often, for the time since the last (up to a second's worth). */
	stepMs: 250,
	/**
	 * Share of that time requests must have waited for the rate for it to grow: sustained demand
	 * waits all the time, bursts (a worker whose average is below its rate) only now and then.
	 */
	heldShareToGrow: 0.5,
	/** Without an answer this long, a process starts slowly again: others may have begun meanwhile. */
	idleMs: 10_000,
	decreaseFactor: 0.7,
	/** Requests per second regained for each second without a 429. */
	increasePerSecond: 0.1,
	/**
	 * Share of the unused part of the rate (above what the process sent, and above its burst) kept
	 * per second in which its requests hardly waited: a rate that is not used fades.
	 */
	unusedKeptPerSecond: 0.5,
	/** Requests per second never go below this (ThroughLine asks for at most 30). */
	floorPerSecond: 2,
	/** 429s this soon after a decrease answer requests sent at the old rate: they count once. */
	holdMs: PACING.windowMs,
};

/** The process's own count of calls, to warn before the daily quota runs out. */
export const QUOTA_WATCH = {
	/** Counted in buckets of this size over a rolling 24 hours. */
	bucketMs: 5 * 60_000,
	dayMs: 24 * 3600_000,
	/** Warn once the last 24 hours used this share of the daily quota. */
	warnShare: 0.8,
	/** Credentials counted at once; the least recently used is forgotten beyond this. */
	maxIdentities: 50,
};

/** Bounds and delays of retries. Exported so tests can shorten the waits, never the counts. */
export const RETRY_POLICY = {
	/** Retries after a 429 (rate limit). */
	rateLimitRetries: 5,
	/** Retries after a 5xx, a network error, a timeout or a broken body (reads only). */
	failureRetries: 3,
	/** Retries of the token request after a 5xx, a 429 or a network error (never after 400/401/403). */
	tokenRetries: 3,
	/** First back-off after a 429 without Retry-After; doubles each time, with jitter. */
	rateLimitBaseMs: 1000,
	failureBaseMs: 500,
	maxDelayMs: 8000,
	/** A Retry-After longer than this (a spent daily quota) fails at once instead of waiting. */
	maxRetryAfterMs: 60_000,
};

/** Exponential back-off with jitter: between half and all of base * 2^attempt, capped. */
export function backoffMs(base: number, attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(RETRY_POLICY.maxDelayMs, base * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Retry-After in seconds or as an HTTP date, in milliseconds from now. Every HTTP date form
 * (RFC 9110 5.6.7) has a time of day: without one, JavaScript's lenient Date.parse would read
 * "in 3" or "1.2.3" as a day in 2001, that is "now", instead of no Retry-After at all.
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	if (!/\d\d:\d\d:\d\d/.test(text)) return undefined;
	// HTTP dates are in GMT, asctime's too, which names no zone (Date.parse would read local time).
	const date = Date.parse(/GMT$/.test(text) ? text : `${text} GMT`);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** "2026-12-02 14:05 UTC": when a wait of `ms` from `now` ends, to the minute. */
export function clockTime(ms: number, now = Date.now()): string {
	const iso = new Date(now + ms).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * The cache of read answers shared by the executions of one n8n process (transport/answerCache):
 * its bounds, and the default lifetimes of *Cache Answers For* and *Serve Stale Answers For*.
 */
export const ANSWER_CACHE = {
	maxEntries: 500,
	/** Characters of stored JSON (about bytes: ThroughLine's answers are mostly ASCII). */
	maxBytes: 5_000_000,
	/**
	 * Helplines change seldom. An hour refreshes up to ~40 distinct queries within 1,000 calls a day
	 * (40 × 24 windows); beyond that the daily call budget (CALL_BUDGET) keeps answers longer.
	 */
	helplineMinutes: 60,
	/** The country and topic lists change even less. */
	listMinutes: 1440,
	/** How old an answer may be to stand in for one ThroughLine cannot give now: 7 days. */
	staleMinutes: 10080,
};

/**
 * Last known good answers of priority searches kept in the workflow's static data (see
 * transport/lastKnownGood), so they outlive an n8n restart. n8n writes the whole static data to
 * the workflow's database row after each production execution that changed it: small bounds,
 * and an unchanged answer is written again only once it is this old.
 */
export const LAST_KNOWN_GOOD = {
	maxEntries: 50,
	/** Characters of stored JSON, keys included (a priority answer is about 2,000). */
	maxBytes: 200_000,
	refreshMinutes: 60,
};

/**
 * The daily call budget of cached reads (transport/callBudget): a process earns calls at the
 * budget ÷ 25 an hour and saves at most an hour's earnings, so any 24 hours hold at most
 * 24 + 1 of those 25 parts: the budget. An answer waiting for the budget is used at most
 * `holdFactor` times Cache Answers For (a day at the default hour).
 */
export const CALL_BUDGET = {
	earnOverMs: 25 * 3600_000,
	saveAtMostMs: 3600_000,
	holdFactor: 24,
	/** Credentials budgeted at once; the least recently used is forgotten beyond this. */
	maxIdentities: 50,
};
