import { sleep } from 'n8n-workflow';

import { PACING, THROUGHLINE_LIMITS } from './limits';

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

/** Called when a request's answer has arrived (or it failed); calling it again does nothing. */
export type ReleaseSlot = () => void;

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
 */
export class SlidingWindowLimiter {
	private slots: Slot[] = [];
	private readonly waiters: Waiter[] = [];
	private pumping = false;

	constructor(
		private readonly windowMs = PACING.windowMs,
		private readonly now: () => number = Date.now,
		/** How often to look again while every slot is still waiting for its answer. */
		private readonly pollMs = PACING.pollMs,
		private readonly capacity = THROUGHLINE_LIMITS.requestsPerSecond,
	) {}

	async acquire(limit: number, owner: object = ANYONE): Promise<ReleaseSlot> {
		const granted = new Promise<ReleaseSlot>((grant) => this.waiters.push({ limit, owner, grant }));
		this.admit();
		if (this.waiters.length) void this.pump();
		return await granted;
	}

	/** Lets in every waiter there is room for, oldest first. */
	private admit() {
		const now = this.now();
		this.slots = this.slots.filter((slot) => !slot.answered || now - slot.at < this.windowMs);
		for (let i = 0; i < this.waiters.length && this.slots.length < this.capacity; ) {
			const waiter = this.waiters[i];
			const own = this.slots.filter((slot) => slot.owner === waiter.owner).length;
			if (own >= waiter.limit) {
				i++;
				continue;
			}
			this.waiters.splice(i, 1);
			const slot: Slot = { at: now, answered: false, owner: waiter.owner };
			this.slots.push(slot);
			waiter.grant(() => {
				if (slot.answered) return;
				slot.answered = true;
				slot.at = this.now();
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
				const ageOut = this.slots
					.filter((slot) => slot.answered)
					.map((slot) => slot.at + this.windowMs - now);
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
