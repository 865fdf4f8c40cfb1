/**
 * Adaptive pacing (adaptiveRate.ts, pacing.ts): each process finds its share of ThroughLine's per-IP limit from
 * the 429s it draws. The limit itself (30 a second) is ThroughLine's published one.
 */
import { sleep } from 'n8n-workflow';

import { ADAPTIVE_PACING, THROUGHLINE_LIMITS } from '../../../../nodes/ThroughLine/transport/limits';
import type { PaceSignal } from '../../../../nodes/ThroughLine/transport/pacing';
import { AdaptiveRate } from '../../../../nodes/ThroughLine/transport/adaptiveRate';
import { paceSignal, SlidingWindowLimiter } from '../../../../nodes/ThroughLine/transport/pacing';
import { createCredentials, localCredential, runNode, useLocalServer } from '../../../harness/runNode';
import { advanceUntil } from './simulation';

const PER_SECOND = THROUGHLINE_LIMITS.requestsPerSecond;

function clockAt(start = 0) {
	const clock = { t: start, now: () => clock.t };
	return clock;
}

describe('the rate of one process', () => {
	test('a 429 lowers it below what the process was sending', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		const sending = rate.perWindow; // the slow start's (pacing.slowstart.test.ts)
		rate.throttled(sending);
		expect(rate.perWindow).toBeLessThan(sending);
		expect(rate.burst).toBe(1); // spaced evenly: one too many draws one 429, not a burst
	});

	test('a process sending less than its ceiling is lowered from what it sent, not from the ceiling', () => {
		const rate = new AdaptiveRate(PER_SECOND, clockAt().now);
		rate.throttled(10); // Max Requests per Second 10, say: a cut from 30 would not slow it at all
		expect(rate.perWindow).toBeLessThan(10);
	});

	test('a window still holding more than the rate (requests sent before a cut) is cut from the rate', () => {
		const rate = new AdaptiveRate(PER_SECOND, clockAt().now);
		const sending = rate.perWindowExact;
		rate.throttled(PER_SECOND);
		expect(rate.perWindowExact).toBeCloseTo(sending * ADAPTIVE_PACING.decreaseFactor, 9);
	});

	test('429s that answer requests sent before the cut count once', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		rate.throttled(PER_SECOND);
		const afterOne = rate.perWindow;
		clock.t += 10;
		rate.throttled(PER_SECOND);
		expect(rate.perWindow).toBe(afterOne);
		clock.t += ADAPTIVE_PACING.holdMs;
		rate.throttled(afterOne);
		expect(rate.perWindow).toBeLessThan(afterOne);
	});

	test('after a cut, each second of full use adds 0.1 a second', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		rate.throttled(rate.perWindow);
		const cut = rate.perWindowExact;
		rate.held(true, true);
		for (let s = 0; s < 10; s++) {
			clock.t += 1000;
			rate.answered(rate.perWindow);
		}
		expect(rate.perWindowExact).toBeCloseTo(cut + 10 * ADAPTIVE_PACING.increasePerSecond, 9);
	});

	test('the idle time counts from the last answer, a 429 included', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		clock.t += ADAPTIVE_PACING.idleMs - 1;
		rate.throttled(rate.perWindow);
		clock.t += ADAPTIVE_PACING.idleMs - 1;
		expect(rate.starting).toBe(false); // heard 429 less than the idle time ago: still cut
	});

	test('never below the floor, however many 429s', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		for (let i = 0; i < 50; i++) {
			rate.throttled(PER_SECOND);
			clock.t += ADAPTIVE_PACING.holdMs;
		}
		expect(rate.perWindow).toBe(ADAPTIVE_PACING.floorPerSecond);
	});

	test('a ceiling below the floor stays the ceiling (a user asking for 1 a second)', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(1, clock.now);
		rate.throttled(1);
		expect(rate.perWindow).toBe(1);
	});

	test('each second in which more was wanted raises it slowly, a quarter second at a time, never above the ceiling', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		for (let i = 0; i < 50; i++) {
			clock.t += ADAPTIVE_PACING.holdMs;
			rate.throttled(PER_SECOND);
		}
		const low = rate.perWindow;
		rate.held(true, true); // requests wait for this rate from here on
		clock.t += 249;
		rate.answered(rate.perWindow);
		expect(rate.perWindowExact).toBe(low); // not yet a step since the last change
		// Ten seconds of answers gain about one request a second (0.1 a second): slow, not a jump back.
		for (let q = 0; q < 40; q++) {
			clock.t += 250;
			rate.answered(rate.perWindow);
		}
		expect(rate.perWindowExact).toBeGreaterThan(low + 0.5);
		expect(rate.perWindowExact).toBeLessThanOrEqual(low + 2);
		// Never above the ceiling: answered every quarter second for an hour.
		for (let q = 0; q < 4 * 3600; q++) {
			clock.t += 250;
			rate.answered(rate.perWindow);
		}
		expect(rate.perWindow).toBe(PER_SECOND);
		expect(rate.burst).toBe(Infinity); // back at the top: no spacing
	});
});

describe('what an answer says about the pace', () => {
	const answer = (statusCode: number, retryAfter?: string) => ({
		statusCode,
		headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
		body: {},
	});
	test.each([
		['a 429 asking for a second', answer(429, '1'), 'throttled'],
		['a 429 without Retry-After', answer(429), 'throttled'],
		// The retry waits out exactly the cap (retry.ts), so that 429 is still the pace.
		['a 429 asking for exactly the longest wait retried (60 s)', answer(429, '60'), 'throttled'],
		['a 429 asking for a second more than that', answer(429, '61'), undefined],
		['a 429 asking for an hour (a spent daily quota)', answer(429, '3600'), undefined],
		['a 200', answer(200), 'answered'],
		['a 503', answer(503, '1'), 'answered'],
		['no answer at all', undefined, undefined],
	])('%s', (_name, given, expected) => {
		expect(paceSignal(given)).toBe(expected);
	});
});

/** One process with 8 requests in flight and always more to send, each request ending with `signal`. */
async function rateAfter(signal: PaceSignal, seconds: number) {
	jest.useFakeTimers();
	jest.setSystemTime(0);
	const limiter = new SlidingWindowLimiter(undefined, () => Date.now());
	const start = limiter.currentCapacity;
	const until = seconds * 1000;
	// Read while there is still work: once it runs out, an unused rate fades (tested above).
	let end: number | undefined;
	const worker = async () => {
		while (Date.now() < until) {
			const release = await limiter.acquire(PER_SECOND);
			await sleep(20);
			release(signal);
		}
		end ??= limiter.currentCapacity;
	};
	let done = false;
	const running = Promise.all(Array.from({ length: 8 }, worker));
	void running.then(() => (done = true));
	await advanceUntil(() => done, 500);
	await running;
	jest.useRealTimers();
	return { start, end };
}

describe('what a request that ended teaches the share', () => {
	afterEach(() => jest.useRealTimers());

	test('answers at full use grow it', async () => {
		const { start, end } = await rateAfter('answered', 5);
		expect(end).toBeGreaterThan(start);
	});

	// A network failure or a spent daily quota says nothing about the per-second limit.
	test('requests that ended without an answer leave it where it was', async () => {
		const { start, end } = await rateAfter(undefined, 5);
		expect(end).toBe(start);
	});
});

/**
 * Processes sharing one address, each a real SlidingWindowLimiter with 8 requests in flight and
 * always more to send, against a server that accepts 30 in any second and answers after 20 ms.
 * Fake timers make it deterministic and fast.
 */
async function simulate(processes: number, seconds: number) {
	jest.useFakeTimers();
	jest.setSystemTime(0);
	const accepted: number[] = [];
	const sent: Array<{ at: number; ok: boolean }> = [];
	const until = seconds * 1000;
	const limiters = Array.from({ length: processes }, () => new SlidingWindowLimiter(undefined, () => Date.now()));
	const worker = async (limiter: SlidingWindowLimiter) => {
		while (Date.now() < until) {
			const release = await limiter.acquire(PER_SECOND);
			const at = Date.now();
			while (accepted.length && accepted[0] <= at - 1000) accepted.shift();
			const ok = accepted.length < PER_SECOND;
			if (ok) accepted.push(at);
			sent.push({ at, ok });
			await sleep(20);
			const signal: PaceSignal = ok ? 'answered' : 'throttled';
			release(signal);
		}
	};
	let done = false;
	const running = Promise.all(limiters.flatMap((limiter) => Array.from({ length: 8 }, async () => await worker(limiter))));
	void running.then(() => (done = true));
	// Workers waiting for a slot at the end still need the clock to move to finish.
	await advanceUntil(() => done, 1000);
	await running;
	jest.useRealTimers();
	// The second half, once the processes have found their shares.
	const settled = sent.filter((request) => request.at >= until / 2);
	const bySecond = new Map<number, number>();
	for (const { at } of settled) bySecond.set(Math.floor(at / 1000), (bySecond.get(Math.floor(at / 1000)) ?? 0) + 1);
	const rejected = settled.filter((request) => !request.ok).length;
	return {
		rejectedShare: rejected / settled.length,
		sentPerSecond: settled.length / (seconds / 2),
		acceptedPerSecond: (settled.length - rejected) / (seconds / 2),
		peakPerSecond: Math.max(...bySecond.values()),
	};
}

describe('processes sharing ThroughLine’s 30 a second (simulated)', () => {
	afterEach(() => {
		jest.useRealTimers();
		ADAPTIVE_PACING.enabled = true;
	});

	test.each([2, 4])('%i processes settle below the limit together, with few 429s', async (processes) => {
		const { rejectedShare, sentPerSecond, acceptedPerSecond, peakPerSecond } = await simulate(processes, 120);
		expect(rejectedShare).toBeLessThan(0.01);
		expect(peakPerSecond).toBeLessThanOrEqual(33); // the queue-mode target of issue 17
		expect(sentPerSecond).toBeLessThan(PER_SECOND + 1);
		// They share the limit rather than starve: most of it is used.
		expect(acceptedPerSecond).toBeGreaterThan(PER_SECOND * 0.75);
	});

	test('without adaptation the same 2 processes draw 429s for half of what they send', async () => {
		ADAPTIVE_PACING.enabled = false;
		const { rejectedShare, sentPerSecond } = await simulate(2, 60);
		expect(sentPerSecond).toBeGreaterThan(PER_SECOND * 1.5);
		expect(rejectedShare).toBeGreaterThan(0.3);
	});
});

describe('through the node, against a server allowing fewer than the node sends', () => {
	const local = useLocalServer();
	afterEach(() => {
		ADAPTIVE_PACING.enabled = true;
	});

	/**
	 * 40 distinct searches (no two coalesce) with a stored token, at the node's own 30 a second,
	 * against a server that accepts 10. `host` spells the server's address: each spelling has its
	 * own window in this process, so each run starts from a rate nothing has lowered yet.
	 */
	const batch = async (host: string) => {
		const credentials = createCredentials({ ...localCredential(local.server), baseUrl: local.server.url.replace('127.0.0.1', host) });
		local.server.setLimits({ perSecondLimit: 0 });
		await runNode(credentials, search, [{ limit: 1 }]);
		local.server.reset();
		local.server.setLimits({ perSecondLimit: 10 });
		const run = await runNode(
			credentials,
			search,
			Array.from({ length: 40 }, (_, i) => ({ limit: i + 2 })),
		);
		const stats = local.server.stats();
		return { error: run.error, rateLimited: stats.rateLimited, searches: stats.byRoute['GET /v1/helplines'] ?? 0 };
	};
	const search = { resource: 'helpline', operation: 'search', country: 'US', limit: '={{ $json.limit }}' };

	test('a batch draws far fewer 429s than at a fixed pace, and completes', async () => {
		expect(local.server.url).toContain('127.0.0.1');
		ADAPTIVE_PACING.enabled = false;
		const fixed = await batch('127.0.0.1');
		ADAPTIVE_PACING.enabled = true;
		const adaptive = await batch('localhost');
		expect(adaptive.error).toBeUndefined();
		// Every search answered once; the rest of what the server saw were 429s.
		expect(adaptive.searches - adaptive.rateLimited).toBe(40);
		expect(adaptive.rateLimited).toBeLessThan(fixed.rateLimited / 2);
	});
});

describe('through the node: Max Requests per Second, when set, is the pace from the first request', () => {
	const local = useLocalServer();
	const search = { resource: 'helpline', operation: 'search', country: 'US', limit: '={{ $json.limit }}' };

	/** 20 different searches (no two coalesce, none cached) from a cold process: when each reached the server, from the first. */
	const arrivals = async (options: Record<string, unknown>) => {
		local.server.reset();
		const run = await runNode(
			createCredentials(localCredential(local.server)),
			{ ...search, options: { cacheAnswersFor: 0, ...options } },
			Array.from({ length: 20 }, (_, i) => ({ limit: i + 1 })),
		);
		expect(run.error).toBeUndefined();
		const at = local.server
			.requests()
			.filter((r) => r.url.startsWith('/v1/helplines'))
			.map((r) => r.receivedAt)
			.sort((a, b) => a - b);
		expect(at).toHaveLength(20);
		return at.map((t) => t - at[0]);
	};

	test('20 searches go out within the first second; left unset, a cold process spaces them after its burst', async () => {
		const unset = await arrivals({});
		const told = await arrivals({ maxRequestsPerSecond: PER_SECOND });
		// 20 is within ThroughLine's 30 a second: told it may, the node sends them all at once.
		expect(told[19]).toBeLessThan(1000);
		// Unset, the process does not know who else shares the address: the rest wait for its share.
		expect(unset[19]).toBeGreaterThan(1000);
	});
});
