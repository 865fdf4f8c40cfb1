import { sleep } from 'n8n-workflow';

interface Slot {
	at: number;
	answered: boolean;
}

/** Called when a request's answer has arrived (or it failed); calling it again does nothing. */
export type ReleaseSlot = () => void;

/**
 * At most `limit` requests in any sliding window of `windowMs`, where a request occupies the
 * window from its start until `windowMs` after its answer. Counting from the answer, not the
 * start, matters: the server counts a request when it arrives, which can be well after the node
 * started it (a token fetched first, a slow connection), and it has always arrived by the time it
 * is answered. Bursts up to the limit go out at once (fast for small batches); beyond that each
 * request waits for an answered one to age out. The window carries a small margin for jitter.
 * Each caller passes its own limit, so one window can serve nodes configured with different maxima.
 */
export class SlidingWindowLimiter {
	private slots: Slot[] = [];

	constructor(
		private readonly windowMs = 1050,
		private readonly now: () => number = Date.now,
		/** How often to look again while every slot is still waiting for its answer. */
		private readonly pollMs = 20,
	) {}

	async acquire(limit: number): Promise<ReleaseSlot> {
		for (;;) {
			const now = this.now();
			this.slots = this.slots.filter((slot) => !slot.answered || now - slot.at < this.windowMs);
			if (this.slots.length < limit) {
				const slot: Slot = { at: now, answered: false };
				this.slots.push(slot);
				return () => {
					if (slot.answered) return;
					slot.answered = true;
					slot.at = this.now();
				};
			}
			// Room comes only from answered requests ageing out (one answered later ages out later).
			const ageOut = this.slots
				.filter((slot) => slot.answered)
				.map((slot) => slot.at + this.windowMs - now)
				.sort((a, b) => a - b);
			const needed = this.slots.length - limit + 1;
			await sleep(ageOut.length >= needed ? ageOut[needed - 1] + 1 : this.pollMs);
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
