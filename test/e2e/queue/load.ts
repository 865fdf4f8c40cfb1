/**
 * A webhook load: `total` GET calls, `concurrency` at a time, countries in rotation, each with a
 * client timeout so none can hang the suite. Also samples a counter (the API server's requests)
 * to find the busiest second.
 */

export interface CallResult {
	index: number;
	country: string;
	/** HTTP status, or undefined when the call failed without an answer (timeout, reset) */
	status?: number;
	/** parsed JSON body, or the text when not JSON */
	body?: unknown;
	/** the execution id the workflow put in its answer's x-execution-id header */
	executionId?: string;
	/** why the call failed: HTTP status and body, or the client error */
	error?: string;
	startedAt: number;
	ms: number;
}

export interface LoadResult {
	calls: CallResult[];
	wallMs: number;
	callsPerSecond: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
}

export function percentile(values: number[], p: number): number {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length) - 1;
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export async function runLoad(o: {
	url: (country: string, index: number) => string;
	countries: string[];
	total: number;
	concurrency: number;
	timeoutMs: number;
	/** called after each call settles (e.g. to kill a worker once a third are done) */
	onSettled?: (done: number, call: CallResult) => void;
}): Promise<LoadResult> {
	const calls: CallResult[] = [];
	let next = 0;
	let done = 0;
	const t0 = Date.now();
	async function one(index: number): Promise<CallResult> {
		const country = o.countries[index % o.countries.length];
		const startedAt = Date.now();
		const call: CallResult = { index, country, startedAt, ms: 0 };
		try {
			const res = await fetch(o.url(country, index), { signal: AbortSignal.timeout(o.timeoutMs) });
			const text = await res.text();
			call.status = res.status;
			call.executionId = res.headers.get('x-execution-id') ?? undefined;
			try {
				call.body = JSON.parse(text);
			} catch {
				call.body = text;
			}
			if (res.status !== 200) call.error = `HTTP ${res.status}: ${text.slice(0, 300)}`;
		} catch (e) {
			const err = e as Error & { cause?: { code?: string; message?: string } };
			call.error =
				err.name === 'TimeoutError'
					? `no answer within ${o.timeoutMs} ms`
					: `${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message})` : ''}`;
		}
		call.ms = Date.now() - startedAt;
		return call;
	}
	async function lane() {
		while (next < o.total) {
			const index = next++;
			const call = await one(index);
			calls[index] = call;
			done++;
			o.onSettled?.(done, call);
		}
	}
	await Promise.all(Array.from({ length: Math.min(o.concurrency, o.total) }, lane));
	const wallMs = Date.now() - t0;
	const ok = calls.filter((c) => c.status === 200).map((c) => c.ms);
	return {
		calls,
		wallMs,
		callsPerSecond: Math.round((calls.length / (wallMs / 1000)) * 10) / 10,
		p50Ms: percentile(ok, 50),
		p95Ms: percentile(ok, 95),
		maxMs: Math.max(0, ...calls.map((c) => c.ms)),
	};
}

/**
 * Samples a monotonic counter every `everyMs`; `peakPerSecond()` is the most it grew within any
 * one second (window of 1000 ms between samples, so accurate to about one sample period).
 */
export class RateSampler {
	private readonly samples: Array<{ t: number; n: number }> = [];
	private timer?: NodeJS.Timeout;
	private reading?: Promise<void>;
	private failed?: unknown;
	constructor(
		private readonly read: () => Promise<number>,
		private readonly everyMs = 50,
	) {}
	/** One reading at a time: a slow answer skips a tick rather than piling readings up. */
	private sample() {
		if (this.reading) return this.reading;
		// Stamped when asked: the counter is read then, in the server's process, while the answer
		// may reach this (busier) process later.
		const t = Date.now();
		this.reading = this.read()
			.then((n) => void this.samples.push({ t, n }))
			.catch((error: unknown) => void (this.failed ??= error))
			.finally(() => (this.reading = undefined));
		return this.reading;
	}
	start() {
		void this.sample();
		this.timer = setInterval(() => void this.sample(), this.everyMs);
		return this;
	}
	async stop() {
		clearInterval(this.timer);
		await this.reading;
		await this.sample();
		// A reading that failed would leave a gap the peak cannot see: loud, not a low figure.
		if (this.failed) throw new Error(`the request counter could not be read: ${String(this.failed)}`);
		return this;
	}
	peakPerSecond(): number {
		let peak = 0;
		let j = 0;
		for (let i = 0; i < this.samples.length; i++) {
			while (this.samples[i].t - this.samples[j].t > 1000) j++;
			peak = Math.max(peak, this.samples[i].n - this.samples[j].n);
		}
		return peak;
	}
}
