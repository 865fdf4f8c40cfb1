import { sleep } from 'n8n-workflow';

import type { HttpAnswer } from './errors';
import { ADAPTIVE_PACING, PACING, parseRetryAfter, RETRY_POLICY, THROUGHLINE_LIMITS } from './limits';

interface Slot {
	at: number;
	answered: boolean;
	owner: object;
}

interface Waiter {
	limit: number;
	owner: object;
	grant: (release: ReleaseSlot) => void;
}

/** What an answer says about the pace: too fast (a 429), fine, or nothing (no answer at all). */
export type PaceSignal = 'throttled' | 'answered' | undefined;

/**
 * Called when a request's answer has arrived (or it failed), with what the answer says about the
 * pace; calling it again does nothing.
 */
export type ReleaseSlot = (signal?: PaceSignal) => void;

/**
 * A 429 that asks for a short wait (or none) is the per-second limit: slow down. One that asks
 * for a wait beyond the retry cap is a spent daily quota, which says nothing about the pace.
 */
export function paceSignal(answer: HttpAnswer | undefined): PaceSignal {
	if (!answer) return undefined;
	if (answer.statusCode !== 429) return 'answered';
	const wait = parseRetryAfter(answer.headers?.['retry-after']);
	return wait !== undefined && wait > RETRY_POLICY.maxRetryAfterMs ? undefined : 'throttled';
}

/**
 * This process's share of ThroughLine's per-IP limit, learned from its answers, as TCP shares a
 * link. A process cannot see the others (queue-mode workers, other apps behind the same address),
 * but all of them draw 429s when together they send too much.
 * - Slow start: a process that has not heard from ThroughLine for a while (and at first) starts at
 *   a quarter of the ceiling, so 4 processes starting together stay within it, and grows by 10 %
 *   a second while it uses its whole rate. Processes whose sum crosses the limit so overshoot it
 *   by about one step before the first 429 ends each one's slow start.
 * - Then additive increase, multiplicative decrease: each 429 cuts the rate to a share of what the
 *   process was sending, and each second it uses its whole rate adds a little back, up to the
 *   ceiling.
 * The rate grows only while it is used: a process sending less than it may (or only in bursts)
 * learns nothing about whether more would be welcome. N processes so settle near 30/s together
 * without anyone setting Max Requests per Second.
 */
export class AdaptiveRate {
	private rate = 0;
	private slowStart = true;
	/** Since when seconds are counted for the next increase. */
	private steadySince = 0;
	private decreasedAt = -Infinity;
	private heardAt = -Infinity;
	/** Time requests spent waiting for this rate, in total, and since when they wait now. */
	private heldMs = 0;
	private holdingSince: number | undefined;
	/** heldMs when the current step began. */
	private heldAtStep = 0;

	constructor(
		private readonly ceiling: number,
		private readonly now: () => number = Date.now,
	) {
		this.wake(now());
	}

	/** Requests allowed per window now: a whole number, at least 1. */
	get perWindow(): number {
		return Math.max(1, Math.floor(this.perWindowExact));
	}

	/** The same before rounding down (at least 1): what the spacing follows, so it grows smoothly. */
	get perWindowExact(): number {
		this.wake(this.now());
		return Math.max(1, this.rate);
	}

	/**
	 * Requests that may start at once before the rest are spaced evenly at the rate. At the ceiling,
	 * any number. After a cut, one: one too many then draws one 429, not a burst. In the slow start
	 * a few (a chatbot's question for five countries goes out at once), then spaced: processes that
	 * start together send evenly, not in bursts that meet at the server.
	 */
	get burst(): number {
		this.wake(this.now());
		if (this.rate >= this.ceiling) return Infinity;
		return this.slowStart ? ADAPTIVE_PACING.startBurst : 1;
	}

	/** Whether the rate is still in its slow start (for tests and benchmarks). */
	get starting(): boolean {
		this.wake(this.now());
		return this.slowStart;
	}

	/** Whether requests wait for this rate now (not for their execution's own limit). */
	held(waiting: boolean) {
		const now = this.now();
		if (waiting) this.holdingSince ??= now;
		else if (this.holdingSince !== undefined) {
			this.heldMs += now - this.holdingSince;
			this.holdingSince = undefined;
		}
	}

	private heldUntil(now: number) {
		return this.heldMs + (this.holdingSince === undefined ? 0 : now - this.holdingSince);
	}

	/** A 429 while `inWindow` requests were in the window: what this process sent is too much. */
	throttled(inWindow: number) {
		const now = this.now();
		this.wake(now);
		this.heardAt = now;
		if (!ADAPTIVE_PACING.enabled || now - this.decreasedAt < ADAPTIVE_PACING.holdMs) return;
		const floor = Math.min(this.ceiling, ADAPTIVE_PACING.floorPerSecond);
		const sending = Math.min(this.rate, Math.max(1, inWindow));
		this.rate = Math.max(floor, sending * ADAPTIVE_PACING.decreaseFactor);
		this.slowStart = false;
		this.decreasedAt = now;
		this.restartCount(now);
	}

	/**
	 * An answer that was not a 429: growth for the time since the last step (at most a second's),
	 * if requests waited for the rate during most of it. A process whose bursts wait now and then
	 * but whose average is below its rate keeps it: bursts that have not met at the server yet
	 * would, once the rates of several processes had grown on them.
	 */
	answered() {
		const now = this.now();
		this.wake(now);
		this.heardAt = now;
		const elapsed = now - this.steadySince;
		if (elapsed < ADAPTIVE_PACING.stepMs) return;
		const held = this.heldUntil(now) - this.heldAtStep;
		if (held >= elapsed * ADAPTIVE_PACING.heldShareToGrow) {
			const seconds = Math.min(1, elapsed / 1000);
			const grown = this.slowStart
				? this.rate * ADAPTIVE_PACING.slowStartGrowth ** seconds
				: this.rate + ADAPTIVE_PACING.increasePerSecond * seconds;
			this.rate = Math.min(this.ceiling, grown);
		}
		this.restartCount(now);
	}

	/** After a silence what was learned is stale (others may have started): start slowly again. */
	private wake(now: number) {
		if (!ADAPTIVE_PACING.enabled) {
			this.rate = this.ceiling;
			this.slowStart = false;
			return;
		}
		if (now - this.heardAt <= ADAPTIVE_PACING.idleMs) return;
		const floor = Math.min(this.ceiling, ADAPTIVE_PACING.floorPerSecond);
		this.rate = Math.max(floor, this.ceiling * ADAPTIVE_PACING.startShare);
		this.slowStart = true;
		this.heardAt = now;
		this.restartCount(now);
	}

	private restartCount(now: number) {
		this.steadySince = now;
		this.heldAtStep = this.heldUntil(now);
	}
}

/** Callers that do not say who they are count as one. */
const ANYONE = {};

/**
 * At most `capacity` requests in any sliding window of `windowMs` (ThroughLine's per-IP limit,
 * shared by every execution in this process), and at most `limit` of one owner's (an execution's
 * own Max Requests per Second). A request occupies the window from its start until `windowMs`
 * after its answer. Counting from the answer, not the start, matters: the server counts a request
 * when it arrives, which can be well after the node started it (a token fetched first, a slow
 * connection), and it has always arrived by the time it is answered. Bursts up to the limit go
 * out at once; beyond that each request waits for an answered one to age out. Waiters are served
 * in arrival order, skipping only those at their own limit, so a slow execution beside a fast
 * one still gets its turn. The window carries a small margin for jitter. The capacity follows an
 * AdaptiveRate; below the ceiling, requests beyond its burst are spaced evenly at that rate.
 */
export class SlidingWindowLimiter {
	private slots: Slot[] = [];
	private readonly waiters: Waiter[] = [];
	private pumping = false;
	private readonly pace: AdaptiveRate;
	/** Starts that may go out at once (a bucket refilled at the rate, up to the pace's burst). */
	private credit = Infinity;
	private creditAt = 0;
	/** Requests waited for the rate at the last look. */
	private waiting = false;

	constructor(
		private readonly windowMs = PACING.windowMs,
		private readonly now: () => number = Date.now,
		/** How often to look again while every slot is still waiting for its answer. */
		private readonly pollMs = PACING.pollMs,
		capacity = THROUGHLINE_LIMITS.requestsPerSecond,
	) {
		this.pace = new AdaptiveRate(capacity, now);
	}

	/** Requests this process may start per window now (for tests and benchmarks). */
	get currentCapacity(): number {
		return this.pace.perWindow;
	}

	private available(now: number): number {
		const burst = this.pace.burst;
		if (burst === Infinity) return Infinity;
		// A burst is for requests after a quiet spell: credit saved while requests wait for the
		// window would go out together with the other processes' and meet theirs at the server.
		const cap = this.waiting ? 1 : burst;
		return Math.min(cap, this.credit + ((now - this.creditAt) * this.pace.perWindowExact) / this.windowMs);
	}

	/** Until when the next start must wait for the spacing (the past when it need not). */
	private nextStartAt(now: number): number {
		const available = this.available(now);
		return available >= 1 ? -Infinity : now + ((1 - available) * this.windowMs) / this.pace.perWindowExact;
	}

	private inWindow(now: number) {
		return this.slots.filter((slot) => !slot.answered || now - slot.at < this.windowMs);
	}

	async acquire(limit: number, owner: object = ANYONE): Promise<ReleaseSlot> {
		const granted = new Promise<ReleaseSlot>((grant) => this.waiters.push({ limit, owner, grant }));
		this.admit();
		if (this.waiters.length) void this.pump();
		return await granted;
	}

	/** Lets in every waiter there is room for, oldest first. */
	private admit() {
		const now = this.now();
		this.slots = this.inWindow(now);
		for (let i = 0; i < this.waiters.length && this.slots.length < this.pace.perWindow;) {
			if (this.available(now) < 1) break;
			const waiter = this.waiters[i];
			if (this.ownSlots(waiter.owner) >= waiter.limit) {
				i++;
				continue;
			}
			this.waiters.splice(i, 1);
			const slot: Slot = { at: now, answered: false, owner: waiter.owner };
			this.slots.push(slot);
			this.credit = this.available(now) - 1;
			this.creditAt = now;
			waiter.grant((signal) => {
				if (slot.answered) return;
				slot.answered = true;
				slot.at = this.now();
				if (signal === 'throttled') this.pace.throttled(this.inWindow(slot.at).length);
				else if (signal === 'answered') this.pace.answered();
			});
		}
		this.waiting = this.waiters.some((waiter) => this.ownSlots(waiter.owner) < waiter.limit);
		// Growth needs a full window: waiting only for the spacing is a burst, not a process that
		// uses its whole rate.
		this.pace.held(this.waiting && this.slots.length >= this.pace.perWindow);
	}

	private ownSlots(owner: object) {
		return this.slots.filter((slot) => slot.owner === owner).length;
	}

	/** One loop per limiter wakes when the next answered slot ages out, while anyone waits. */
	private async pump() {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiters.length) {
				const now = this.now();
				const ageOut = this.slots.filter((slot) => slot.answered).map((slot) => slot.at + this.windowMs - now);
				const spaced = this.nextStartAt(now) - now;
				if (spaced > 0) ageOut.push(spaced);
				await sleep(ageOut.length ? Math.max(1, Math.min(...ageOut) + 1) : this.pollMs);
				this.admit();
			}
		} finally {
			this.pumping = false;
		}
	}
}

const windows = new Map<string, SlidingWindowLimiter>();

/**
 * ThroughLine counts requests per IP address, not per execution: every execution in this n8n
 * process that calls the same API shares one window, so back-to-back or parallel executions
 * cannot add up to more than the limit.
 */
export function sharedLimiter(apiBaseUrl: string): SlidingWindowLimiter {
	let limiter = windows.get(apiBaseUrl);
	if (!limiter) {
		limiter = new SlidingWindowLimiter();
		windows.set(apiBaseUrl, limiter);
	}
	return limiter;
}

/** Bounded concurrency: at most `size` holders at once, served in arrival order. */
export class Semaphore {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly size: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active >= this.size) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.active++;
		}
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		}
	}
}
