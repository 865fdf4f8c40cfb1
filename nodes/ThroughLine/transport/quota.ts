import type { NodeExecutionHint } from 'n8n-workflow';

import { processBudget } from './callBudget';
import { QUOTA_WATCH, THROUGHLINE_LIMITS } from './limits';

/**
 * Who a count belongs to: the client ID and the API address (ThroughLine's quota is per
 * customer, and the sandbox and production count apart). Never the secret.
 */
export const quotaIdentity = (clientId: string, apiBaseUrl: string) => JSON.stringify([clientId, apiBaseUrl]);

export interface CallsSeen {
	/** Calls in the last 24 hours. */
	lastDay: number;
	/** Calls in the last hour. */
	lastHour: number;
}

/**
 * ThroughLine calls this process made, per identity, in buckets over a rolling 24 hours. Only
 * this process: other queue-mode workers and other apps on the same account count apart, so the
 * account may be further along than this says. Bounded: at most 24 h of buckets per identity
 * (288 of 5 minutes), and the least recently used identity is forgotten beyond maxIdentities.
 */
export class CallCounter {
	/** identity -> bucket number -> calls; Map order is least recently used first. */
	private readonly identities = new Map<string, Map<number, number>>();

	constructor(
		private readonly now: () => number = Date.now,
		private readonly maxIdentities = QUOTA_WATCH.maxIdentities,
	) {}

	record(identity: string, calls = 1) {
		const buckets = this.identities.get(identity) ?? new Map<number, number>();
		this.identities.delete(identity);
		this.identities.set(identity, buckets);
		const bucket = Math.floor(this.now() / QUOTA_WATCH.bucketMs);
		buckets.set(bucket, (buckets.get(bucket) ?? 0) + calls);
		this.prune(buckets);
		while (this.identities.size > this.maxIdentities) {
			this.identities.delete(this.identities.keys().next().value as string);
		}
	}

	seen(identity: string): CallsSeen {
		const buckets = this.identities.get(identity);
		if (!buckets) return { lastDay: 0, lastHour: 0 };
		this.prune(buckets);
		const hourFrom = Math.floor((this.now() - 3600_000) / QUOTA_WATCH.bucketMs);
		let lastDay = 0;
		let lastHour = 0;
		for (const [bucket, calls] of buckets) {
			lastDay += calls;
			if (bucket > hourFrom) lastHour += calls;
		}
		return { lastDay, lastHour };
	}

	/** How many identities and buckets are held (for tests and the soak benchmark). */
	get size(): { identities: number; buckets: number } {
		let buckets = 0;
		for (const held of this.identities.values()) buckets += held.size;
		return { identities: this.identities.size, buckets };
	}

	/** Forgets everything (tests). */
	clear() {
		this.identities.clear();
	}

	/** Drops buckets that ended more than 24 hours ago. */
	private prune(buckets: Map<number, number>) {
		const oldest = Math.floor((this.now() - QUOTA_WATCH.dayMs) / QUOTA_WATCH.bucketMs);
		for (const bucket of buckets.keys()) if (bucket <= oldest) buckets.delete(bucket);
	}
}

/**
 * On course to run out of the daily quota: the last 24 hours used most of it already, or the
 * last hour's pace, kept up for a day, would spend it and is not a one-off (calls came before
 * that hour too: a single batch, such as a once-a-day sync, is no pace).
 */
export function onCourseToExceed({ lastDay, lastHour }: CallsSeen, perDay = THROUGHLINE_LIMITS.callsPerDay): boolean {
	if (lastDay >= perDay * QUOTA_WATCH.warnShare) return true;
	return lastHour * 24 > perDay && lastDay > lastHour;
}

/** The execution hint: what this process used, of what, and what to do. */
export function quotaHint({ lastDay }: CallsSeen, perDay = THROUGHLINE_LIMITS.callsPerDay): string {
	const used = lastDay.toLocaleString('en-US');
	const quota = perDay.toLocaleString('en-US');
	return (
		`This n8n process made ${used} calls to ThroughLine with this credential in the last 24 hours, of ThroughLine's ${quota} a day for the whole account` +
		' (other n8n workers and apps using the account count on top). When they are used up, searches fail (or get their last answer known) until the quota frees up.' +
		' Turn on caching (Options > Cache Answers For), keep Options > Daily Call Budget within what the account allows (each n8n worker its share), or make fewer calls: look up a country once per conversation, or sync less often.'
	);
}

/** One counter for every execution in this n8n process. */
export const processCalls = new CallCounter();

interface HintsContext {
	addExecutionHints?: (...hints: NodeExecutionHint[]) => void;
}

/**
 * One client's side of the count: every call is counted (and spent from the credential's daily
 * call budget, transport/callBudget), and an execution on course to exceed the quota gets the hint
 * once. Dropdowns and polls have no hints; they are still counted.
 */
export class QuotaWatch {
	private hinted = false;
	private readonly addHints?: (...hints: NodeExecutionHint[]) => void;

	constructor(
		private readonly identity: string,
		context: object,
		private readonly counter = processCalls,
		private readonly budget = processBudget,
	) {
		const add = (context as HintsContext).addExecutionHints;
		if (typeof add === 'function') this.addHints = add.bind(context);
	}

	/**
	 * Requests n8n makes on its own around a sign-in (the token request, and after a 401 the
	 * request n8n repeats with the old token): not in the count above, but spent from the daily
	 * budget, since ThroughLine may count them too.
	 */
	tokenRequested(requests = 1) {
		for (let i = 0; i < requests; i++) this.budget.spend(this.identity);
	}

	called() {
		this.counter.record(this.identity);
		this.budget.spend(this.identity);
		if (this.hinted || !this.addHints) return;
		const seen = this.counter.seen(this.identity);
		if (!onCourseToExceed(seen)) return;
		this.hinted = true;
		this.addHints({ message: quotaHint(seen), type: 'warning', location: 'outputPane' });
	}
}
