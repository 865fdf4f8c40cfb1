import { sleep } from 'n8n-workflow';

import { AdaptiveRate } from './adaptiveRate';
import type { HttpAnswer } from './errors';
import { PACING, parseRetryAfter, RETRY_POLICY, THROUGHLINE_LIMITS } from './limits';

interface Slot {
	at: number;
	answered: boolean;
	owner: object;
}

interface Waiter {
	limit: number;
	owner: object;
	/** Held to this process's learned share; false when the owner set its own pace. */
	paced: boolean;
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
 * one still gets its turn. The window carries a small margin for jitter.
 * This process's share (an AdaptiveRate) bounds the requests *started* in any window, and below
 * the ceiling requests beyond its burst are spaced evenly at that rate. Starts, not the window
 * above: with slow answers (a busy worker) that window fills with requests waiting for answers,
 * the server receives far less than the rate, and a rate grown on that is sent all at once when
 * answers are quick again (47 in a second with 4 workers in real queue mode).
 * An owner that set its own pace (Max Requests per Second) is held to that and the ceiling only:
 * the learned share is a guess for when nobody said, and its slow start made a lone process's
 * 50-country pull take 6 s instead of 1.7 s. Its requests neither use the share nor teach it (a
 * 429 at a pace someone chose says nothing about the share); the window bounds everyone's together.
 */
export class SlidingWindowLimiter {
	private slots: Slot[] = [];
	/** When the last window's requests held to the share started: what they really send. */
	private starts: number[] = [];
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
		private readonly capacity = THROUGHLINE_LIMITS.requestsPerSecond,
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

	private forgetOldStarts(now: number) {
		this.starts = this.starts.filter((at) => now - at < this.windowMs);
	}

	private startedInWindow(now: number): number {
		this.forgetOldStarts(now);
		return this.starts.length;
	}

	/**
	 * Waits for room for one request of `owner`, at most `limit` of whose requests may be in the
	 * window; `paced`: also within this process's learned share (false: the owner chose its pace).
	 */
	async acquire(limit: number, owner: object = ANYONE, paced = true): Promise<ReleaseSlot> {
		const granted = new Promise<ReleaseSlot>((grant) => this.waiters.push({ limit, owner, paced, grant }));
		this.admit();
		if (this.waiters.length) void this.pump();
		return await granted;
	}

	/** Lets in every waiter there is room for, oldest first. */
	private admit() {
		const now = this.now();
		this.slots = this.inWindow(now);
		this.forgetOldStarts(now);
		for (let i = 0; i < this.waiters.length && this.slots.length < this.capacity;) {
			const waiter = this.waiters[i];
			if (this.ownSlots(waiter.owner) >= waiter.limit || (waiter.paced && !this.paceAllows(now))) {
				i++;
				continue;
			}
			this.waiters.splice(i, 1);
			const slot: Slot = { at: now, answered: false, owner: waiter.owner };
			this.slots.push(slot);
			if (waiter.paced) {
				this.starts.push(now);
				this.credit = this.available(now) - 1;
				this.creditAt = now;
			}
			waiter.grant((signal) => {
				if (slot.answered) return;
				slot.answered = true;
				slot.at = this.now();
				if (!waiter.paced) return; // the share learns from its own requests only
				if (signal === 'throttled') this.pace.throttled(this.startedInWindow(slot.at));
				else if (signal === 'answered') this.pace.answered(this.startedInWindow(slot.at));
			});
		}
		// Only requests held to the share say whether it is used: an owner's own pace is not its demand.
		this.waiting = this.waiters.some((waiter) => waiter.paced && this.ownSlots(waiter.owner) < waiter.limit);
		this.pace.held(this.waiting, this.starts.length >= this.pace.perWindow);
	}

	/** Whether the learned share lets one more request start now. */
	private paceAllows(now: number): boolean {
		return this.starts.length < this.pace.perWindow && this.available(now) >= 1;
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
				const ageOut = [
					...this.slots.filter((slot) => slot.answered).map((slot) => slot.at + this.windowMs - now),
					...this.starts.map((at) => at + this.windowMs - now),
				];
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
