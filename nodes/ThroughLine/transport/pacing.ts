import { sleep } from 'n8n-workflow';

/**
 * At most `limit` request starts in any sliding window of `windowMs`. Bursts up to the limit go
 * out at once (fast for small batches); beyond that each start waits for the oldest to age out.
 * The window carries a small margin so network jitter cannot push two windows' worth into one
 * second as the server counts it. Each caller passes its own limit, so one window can serve
 * nodes configured with different maxima.
 */
export class SlidingWindowLimiter {
	private readonly starts: number[] = [];

	constructor(
		private readonly windowMs = 1050,
		private readonly now: () => number = Date.now,
	) {}

	async acquire(limit: number): Promise<void> {
		for (;;) {
			const now = this.now();
			while (this.starts.length && now - this.starts[0] >= this.windowMs) this.starts.shift();
			if (this.starts.length < limit) {
				this.starts.push(now);
				return;
			}
			await sleep(this.windowMs - (now - this.starts[this.starts.length - limit]) + 1);
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
