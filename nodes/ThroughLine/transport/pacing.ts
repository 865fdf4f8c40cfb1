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
 * This process's share of ThroughLine's per-IP limit, learned from its answers (additive
 * increase, multiplicative decrease, as TCP shares a link). A process cannot see the others
 * (queue-mode workers, other apps behind the same address), but all of them draw 429s when
 * together they send too much: each 429 cuts this process's rate to a share of what it was
 * sending, and every second without one adds a little back, up to the ceiling. N processes so
 * settle near 30/s together without anyone setting Max Requests per Second.
 */
export class AdaptiveRate {
	private rate: number;
	/** Since when seconds without a 429 are counted. */
	private steadySince: number;
	private decreasedAt = -Infinity;

	constructor(
		private readonly ceiling: number,
		private readonly now: () => number = Date.now,
	) {
		this.rate = ceiling;
		this.steadySince = now();
	}

	/** Requests allowed per window now: a whole number, at least 1. */
	get perWindow(): number {
		return Math.max(1, Math.floor(this.rate));
	}

	/** Below the ceiling: then requests are spaced evenly, so one too many draws one 429, not a burst. */
	get adapted(): boolean {
		return this.rate < this.ceiling;
	}

	/** A 429 while `inWindow` requests were in the window: what this process sent is too much. */
	throttled(inWindow: number) {
		const now = this.now();
		if (!ADAPTIVE_PACING.enabled || now - this.decreasedAt < ADAPTIVE_PACING.holdMs) return;
		const floor = Math.min(this.ceiling, ADAPTIVE_PACING.floorPerSecond);
		const sending = Math.min(this.rate, Math.max(1, inWindow));
		this.rate = Math.max(floor, sending * ADAPTIVE_PACING.decreaseFactor);
		this.decreasedAt = now;
		this.steadySince = now;
	}

	/** An answer that was not a 429: credit each whole second since the last change. */
	answered() {
		const now = this.now();
		const seconds = Math.floor((now - this.steadySince) / 1000);
		if (seconds < 1) return;
		this.rate = Math.min(this.ceiling, this.rate + seconds * ADAPTIVE_PACING.increasePerSecond);
		this.steadySince += seconds * 1000;
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
 * one still gets its turn. The window carries a small margin for jitter. After a 429 the
 * capacity follows an AdaptiveRate, and requests are spaced evenly until it is back at the top.
 */
export class SlidingWindowLimiter {
	private slots: Slot[] = [];
	private readonly waiters: Waiter[] = [];
	private pumping = false;
	private readonly pace: AdaptiveRate;
	private lastGrantAt = -Infinity;

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

	/** Until when the next start must wait while the rate is adapted (spacing). */
	private nextStartAt(): number {
		return this.pace.adapted ? this.lastGrantAt + this.windowMs / this.pace.perWindow : -Infinity;
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
			if (now < this.nextStartAt()) return;
			const waiter = this.waiters[i];
			const own = this.slots.filter((slot) => slot.owner === waiter.owner).length;
			if (own >= waiter.limit) {
				i++;
				continue;
			}
			this.waiters.splice(i, 1);
			const slot: Slot = { at: now, answered: false, owner: waiter.owner };
			this.slots.push(slot);
			this.lastGrantAt = now;
			waiter.grant((signal) => {
				if (slot.answered) return;
				slot.answered = true;
				slot.at = this.now();
				if (signal === 'throttled') this.pace.throttled(this.inWindow(slot.at).length);
				else if (signal === 'answered') this.pace.answered();
			});
		}
	}

	/** One loop per limiter wakes when the next answered slot ages out, while anyone waits. */
	private async pump() {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiters.length) {
				const now = this.now();
				const ageOut = this.slots.filter((slot) => slot.answered).map((slot) => slot.at + this.windowMs - now);
				const spaced = this.nextStartAt() - now;
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
