/**
 * The slow start of the adaptive pacing (pacing.ts): processes that begin together, each with no
 * idea of the others, must not together exceed ThroughLine's 30 a second before their first 429.
 * Issue 17's queue-mode targets: at most 33 requests in the server's busiest second (429s count:
 * the server sees them arrive), at most 1 % of requests answered 429.
 */
import { sleep } from 'n8n-workflow';

import { ADAPTIVE_PACING, THROUGHLINE_LIMITS } from '../../../../nodes/ThroughLine/transport/limits';
import { AdaptiveRate } from '../../../../nodes/ThroughLine/transport/adaptiveRate';
import { SlidingWindowLimiter } from '../../../../nodes/ThroughLine/transport/pacing';
import { busiestSecond } from '../../../e2e/queue/share';
import { advanceUntil, stepUntil } from './simulation';

const PER_SECOND = THROUGHLINE_LIMITS.requestsPerSecond;
const PEAK_TARGET = 33;
const SHARE_TARGET = 0.01;

/** The busiest 1,000 ms: the most arrivals within any second, counted as the queue suite counts it. */
const busiest = (arrivals: number[]) => busiestSecond(arrivals).requests;

/**
 * A load like the queue suite's (test/e2e/queue/share.ts): 600 searches, spread over `processes`
 * that start cold and share one address: 100 wanting to go at once (`full`), or (`calls`) 120
 * calls of five searches at once, 20 calls at a time, each call on any process. Each process is a real
 * SlidingWindowLimiter. The server accepts 30 in any sliding second (as the real API and the
 * local server: a 429 is not counted as accepted, but it did arrive) and answers after
 * `answerMs`, plus up to `jitterMs` (a loaded worker), or until `slowUntilMs` after 1 to 2 s (busy
 * workers: answers held up, then all at once quick again); a 429 is asked again after its
 * Retry-After of 1 s, through the limiter, as the client does. `seed` picks one arrival order.
 * `ownPace`: every search as at that Max Requests per Second (the node's option, set).
 */
async function coldLoad(
	processes: number,
	searches = 600,
	answerMs = 60,
	shape: 'full' | 'calls' = 'full',
	{ seed: firstSeed = 12345, jitterMs = 0, slowUntilMs = 0, ownPace = undefined as number | undefined } = {},
) {
	jest.useFakeTimers();
	jest.setSystemTime(0);
	const accepted: number[] = [];
	const arrivals: number[] = [];
	let rateLimited = 0;
	let left = searches;
	const limiters = Array.from({ length: processes }, () => new SlidingWindowLimiter(undefined, () => Date.now()));
	// One seeded sequence decides which process gets each call, when, and how slow each answer is.
	let seed = firstSeed;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
	const search = async (limiter: SlidingWindowLimiter) => {
		for (;;) {
			const release = await limiter.acquire(ownPace ?? PER_SECOND, undefined, ownPace === undefined);
			const at = Date.now();
			arrivals.push(at);
			while (accepted.length && accepted[0] <= at - 1000) accepted.shift();
			const ok = accepted.length < PER_SECOND;
			if (ok) accepted.push(at);
			else rateLimited++;
			await sleep(Date.now() < slowUntilMs ? 1000 + random() * 1000 : answerMs + (jitterMs ? random() * jitterMs : 0));
			release(ok ? 'answered' : 'throttled');
			if (ok) return;
			await sleep(1000);
		}
	};
	const worker = async (limiter: SlidingWindowLimiter) => {
		while (left > 0) {
			left--;
			await search(limiter);
		}
	};
	// Calls of five searches, 20 at a time, each on any process after up to 5 s of n8n's own work.
	const caller = async () => {
		while (left > 0) {
			left -= 5;
			await sleep(random() * 5000);
			const limiter = limiters[Math.floor(random() * processes)];
			await Promise.all(Array.from({ length: 5 }, async () => await search(limiter)));
		}
	};
	let done = false;
	const running = Promise.all(
		shape === 'calls'
			? Array.from({ length: 20 }, caller)
			: limiters.flatMap((limiter) => Array.from({ length: Math.ceil(100 / processes) }, async () => await worker(limiter))),
	);
	void running.then(() => (done = true));
	await advanceUntil(() => done, 500);
	await running;
	jest.useRealTimers();
	return {
		answered: arrivals.length - rateLimited,
		busiest: busiest(arrivals),
		rateLimitedShare: rateLimited / arrivals.length,
		seconds: Math.max(...arrivals) / 1000,
	};
}

describe('processes starting together from cold (simulated, a load like the queue suite’s)', () => {
	afterEach(() => jest.useRealTimers());

	test.each([2, 4])('%i processes: busiest second ≤ 33 and ≤ 1 % 429s, every search answered', async (processes) => {
		const load = await coldLoad(processes);
		expect(load.answered).toBe(600);
		expect(load.busiest).toBeLessThanOrEqual(PEAK_TARGET);
		expect(load.rateLimitedShare).toBeLessThanOrEqual(SHARE_TARGET);
	});

	test('with slower answers too (250 ms, a loaded worker)', async () => {
		for (const processes of [2, 4]) {
			const load = await coldLoad(processes, 600, 250);
			expect(load.answered).toBe(600);
			expect(load.busiest).toBeLessThanOrEqual(PEAK_TARGET);
			expect(load.rateLimitedShare).toBeLessThanOrEqual(SHARE_TARGET);
		}
	});

	// Which process gets a call, and when, decides whether rates grown on one process's work meet
	// another's at the server: one arrival order is one sample. Before unused rates faded, 24 of
	// these 96 loads missed a target (up to 37 in a second, up to 1.3 % of requests answered 429).
	test.each([
		[20, 0],
		[60, 0],
		[250, 0],
		[60, 300],
	])(
		'calls of five searches on 2 and 4 processes, answers after %i ms (+ up to %i ms): the same targets in 12 arrival orders',
		async (answerMs, jitterMs) => {
			const missed: string[] = [];
			for (const processes of [2, 4]) {
				for (let order = 1; order <= 12; order++) {
					const load = await coldLoad(processes, 600, answerMs, 'calls', { seed: order * 7919, jitterMs });
					expect(load.answered).toBe(600);
					if (load.busiest > PEAK_TARGET || load.rateLimitedShare > SHARE_TARGET)
						missed.push(
							`${processes} processes, order ${order}: ${load.busiest} in a second, ${(load.rateLimitedShare * 100).toFixed(1)} % 429s`,
						);
				}
			}
			expect(missed).toEqual([]);
		},
	);

	// Busy workers answer slowly: their windows fill with requests waiting for answers, not for the
	// rate. A rate grown on that is one the server never saw, and when answers are quick again every
	// worker sends it at once: before, up to 40 in a second and 2.4 % 429s here (47 in real queue mode).
	test.each([10_000, 20_000])(
		'answers held up for the first %i ms, then quick: the same targets on 2 and 4 processes in 12 arrival orders',
		async (slowUntilMs) => {
			const missed: string[] = [];
			for (const processes of [2, 4]) {
				for (let order = 1; order <= 12; order++) {
					const load = await coldLoad(processes, 600, 60, 'calls', { seed: order * 7919, slowUntilMs });
					expect(load.answered).toBe(600);
					if (load.busiest > PEAK_TARGET || load.rateLimitedShare > SHARE_TARGET)
						missed.push(
							`${processes} processes, order ${order}: ${load.busiest} in a second, ${(load.rateLimitedShare * 100).toFixed(1)} % 429s`,
						);
				}
			}
			expect(missed).toEqual([]);
		},
	);

	test('a lone process pays a little: the same 600 searches take at most 13 s longer than at a constant 30 a second', async () => {
		const load = await coldLoad(1);
		expect(load.answered).toBe(600);
		expect(load.rateLimitedShare).toBe(0);
		expect(load.seconds).toBeLessThanOrEqual(600 / PER_SECOND + 13);
	});

	test('a lone process told its pace (Max Requests per Second 30) pays nothing: 600 searches at 30 a second from the first', async () => {
		const told = await coldLoad(1, 600, 60, 'full', { ownPace: PER_SECOND });
		const unset = await coldLoad(1);
		expect(told.answered).toBe(600);
		expect(told.rateLimitedShare).toBe(0);
		expect(told.busiest).toBeLessThanOrEqual(PER_SECOND);
		// 20 s at a constant 30 a second (its window carries a 5 % margin), and well ahead of the slow start.
		expect(told.seconds).toBeLessThanOrEqual((600 / PER_SECOND) * 1.05 + 1);
		expect(told.seconds).toBeLessThan(unset.seconds - 5);
	});
});

function clockAt(start = 0) {
	const clock = { t: start, now: () => clock.t };
	return clock;
}

/**
 * One second of full demand: requests wait for the rate all second, and a window's worth of
 * answers arrives at its end.
 */
function busySecond(rate: AdaptiveRate, clock: { t: number }) {
	rate.held(true, true);
	clock.t += 1000;
	for (let i = 0; i < 7; i++) rate.answered(rate.perWindow);
}

/** A second of answers in which nothing waited for the rate, with `sent` requests in the window. */
function quietSecond(rate: AdaptiveRate, clock: { t: number }, sent: number) {
	rate.held(false, false);
	clock.t += 1000;
	for (let i = 0; i < 7; i++) rate.answered(sent);
}

describe('the slow start of one process', () => {
	test('it starts at a quarter of the ceiling: 4 processes starting together stay within 30', () => {
		const rate = new AdaptiveRate(PER_SECOND, clockAt().now);
		expect(rate.perWindow).toBe(Math.floor(PER_SECOND / 4));
		expect(rate.starting).toBe(true);
		expect(rate.burst).toBe(ADAPTIVE_PACING.startBurst); // a chatbot's few at once, then spaced
	});

	test('with full demand it reaches 30 within 15 seconds, each second at most 10 % above the last', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		const perSecond = [rate.perWindowExact];
		while (rate.perWindow < PER_SECOND && perSecond.length < 100) {
			busySecond(rate, clock);
			perSecond.push(rate.perWindowExact);
		}
		expect(perSecond.length - 1).toBeLessThanOrEqual(15);
		for (let s = 1; s < perSecond.length; s++) expect(perSecond[s]).toBeLessThanOrEqual(perSecond[s - 1] * 1.1 + 1e-9);
		expect(rate.perWindow).toBe(PER_SECOND);
	});

	test('it grows only while more was wanted: a full window of answers with nothing waiting does not raise it', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		const start = rate.perWindow;
		for (let s = 0; s < 30; s++) quietSecond(rate, clock, start);
		expect(rate.perWindow).toBe(start);
	});

	test('a long wait answered at once grows it by one second’s worth, not by every second of the wait', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		const start = rate.perWindow;
		rate.held(true, true);
		clock.t += 9000;
		for (let i = 0; i < 30; i++) rate.answered(start);
		expect(rate.perWindow).toBeGreaterThan(start);
		expect(rate.perWindow).toBeLessThanOrEqual(Math.ceil(start * 1.1));
	});

	test('requests that waited for a full window less than half the time (bursts, spaced the rest) do not raise it; half or more do', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		const start = rate.perWindowExact;
		rate.held(true, true);
		clock.t += 400;
		rate.held(true, false); // waiting only for the even spacing of a burst
		clock.t += 600;
		rate.answered(rate.perWindow);
		expect(rate.perWindowExact).toBe(start);
		rate.held(true, true);
		clock.t += 500;
		rate.held(true, false);
		clock.t += 500;
		rate.answered(rate.perWindow);
		expect(rate.perWindowExact).toBeCloseTo(start * ADAPTIVE_PACING.slowStartGrowth, 9);
	});

	test('growth stops when nothing waits any more', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		busySecond(rate, clock);
		const grown = rate.perWindow;
		for (let s = 0; s < 30; s++) quietSecond(rate, clock, grown);
		expect(rate.perWindow).toBe(grown);
	});

	test('the first 429 ends it: then the cut, spacing and the slow additive increase', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		for (let s = 0; s < 8; s++) busySecond(rate, clock);
		const before = rate.perWindow;
		rate.throttled(before);
		expect(rate.starting).toBe(false);
		expect(rate.perWindow).toBe(Math.floor(before * ADAPTIVE_PACING.decreaseFactor));
		expect(rate.burst).toBe(1); // spaced evenly: one too many draws one 429, not a burst
		const cut = rate.perWindow;
		for (let s = 0; s < 5; s++) busySecond(rate, clock);
		expect(rate.perWindow).toBeLessThanOrEqual(cut + 1); // 0.1 a second, not 10 %
	});

	test('growth is reckoned a quarter second at a time; at the ceiling bursts are free again', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		const start = rate.perWindowExact;
		rate.held(true, true);
		clock.t += ADAPTIVE_PACING.stepMs - 1;
		rate.answered(rate.perWindow);
		expect(rate.perWindowExact).toBe(start);
		clock.t += 1;
		rate.answered(rate.perWindow);
		expect(rate.perWindowExact).toBeGreaterThan(start);
		stepUntil(
			() => rate.perWindow >= PER_SECOND,
			() => busySecond(rate, clock),
		);
		expect(rate.starting).toBe(true); // no 429 yet
		expect(rate.burst).toBe(Infinity);
	});

	test('silent for longer than the idle time, it starts slowly again; within it, it keeps its rate', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		stepUntil(
			() => rate.perWindow >= PER_SECOND,
			() => busySecond(rate, clock),
		);
		clock.t += ADAPTIVE_PACING.idleMs;
		expect(rate.perWindow).toBe(PER_SECOND);
		rate.answered(PER_SECOND); // heard again: the idle time counts from here
		clock.t += ADAPTIVE_PACING.idleMs + 1;
		expect(rate.perWindow).toBe(Math.floor(PER_SECOND / 4));
		expect(rate.starting).toBe(true);
	});

	test('after a cut too, a silence restarts it slowly', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		rate.throttled(PER_SECOND);
		expect(rate.starting).toBe(false);
		clock.t += ADAPTIVE_PACING.idleMs + 1;
		expect(rate.starting).toBe(true);
		expect(rate.burst).toBe(ADAPTIVE_PACING.startBurst);
	});
});

describe('a rate that is not used fades', () => {
	/** Full demand until the rate reaches `target` a second. */
	function grownTo(target: number) {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		stepUntil(
			() => rate.perWindowExact >= target,
			() => busySecond(rate, clock),
		);
		return { clock, rate };
	}

	test('each second in which hardly anything waited, halfway towards what the process sent', () => {
		const { clock, rate } = grownTo(20);
		const grown = rate.perWindowExact;
		quietSecond(rate, clock, 10);
		expect(rate.perWindowExact).toBeCloseTo(10 + (grown - 10) * ADAPTIVE_PACING.unusedKeptPerSecond, 9);
		for (let s = 0; s < 30; s++) quietSecond(rate, clock, 10);
		expect(rate.perWindowExact).toBeCloseTo(10, 6);
		expect(rate.perWindow).toBe(10);
	});

	test('a quarter second fades it by a quarter second’s worth', () => {
		const { clock, rate } = grownTo(20);
		const grown = rate.perWindowExact;
		rate.held(false, false);
		clock.t += 250;
		rate.answered(10);
		expect(rate.perWindowExact).toBeCloseTo(10 + (grown - 10) * ADAPTIVE_PACING.unusedKeptPerSecond ** 0.25, 9);
	});

	test('never below its burst: a five-country question still fits its window', () => {
		const { clock, rate } = grownTo(20);
		for (let s = 0; s < 60; s++) quietSecond(rate, clock, 1);
		expect(rate.perWindow).toBe(ADAPTIVE_PACING.startBurst);
		expect(rate.burst).toBe(ADAPTIVE_PACING.startBurst);
	});

	test('requests waiting for the spacing most of the time (bursts) keep it; once they wait for a full window it grows again', () => {
		const { clock, rate } = grownTo(20);
		const grown = rate.perWindowExact;
		for (let s = 0; s < 10; s++) {
			rate.held(true, false);
			clock.t += 1000;
			rate.answered(5);
		}
		expect(rate.perWindowExact).toBe(grown);
		busySecond(rate, clock);
		expect(rate.perWindowExact).toBeCloseTo(grown * ADAPTIVE_PACING.slowStartGrowth, 9);
	});

	test('a rate at or below what was sent is left as it is', () => {
		const clock = clockAt();
		const rate = new AdaptiveRate(PER_SECOND, clock.now);
		rate.throttled(3); // cut below the burst
		const cut = rate.perWindowExact;
		for (let s = 0; s < 10; s++) quietSecond(rate, clock, 1);
		expect(rate.perWindowExact).toBe(cut);
	});
});

describe('slow answers are not a rate used', () => {
	afterEach(() => jest.useRealTimers());

	test('requests waiting 2 s for their answers raise the rate no higher than what the server receives', async () => {
		jest.useFakeTimers();
		jest.setSystemTime(0);
		const limiter = new SlidingWindowLimiter(undefined, () => Date.now());
		const starts: number[] = [];
		let stop = false;
		const loop = async () => {
			while (!stop) {
				const release = await limiter.acquire(PER_SECOND);
				starts.push(Date.now());
				await sleep(2000);
				release('answered');
			}
		};
		let done = false;
		const loops = Promise.all(Array.from({ length: 60 }, loop)).then(() => (done = true));
		for (let t = 0; t < 30_000; t += 500) await jest.advanceTimersByTimeAsync(500);
		const rate = limiter.currentCapacity;
		stop = true;
		await advanceUntil(() => done, 500);
		await loops;
		const received = busiest(starts.filter((at) => at >= 15_000 && at < 30_000));
		// Before, the window full of unanswered requests counted as the rate used: it grew to 30
		// while the server received 10 a second.
		expect(rate).toBeLessThanOrEqual(received + 1);
		expect(received).toBeGreaterThanOrEqual(8);
	});
});

describe('a chatbot sees no difference', () => {
	test('3 requests a second for a minute, then a five-search burst: all start at once', async () => {
		const clock = clockAt();
		const limiter = new SlidingWindowLimiter(undefined, clock.now);
		let waited = 0;
		const ask = async () => {
			let granted = false;
			const acquired = limiter.acquire(PER_SECOND).then((release) => ((granted = true), release));
			await new Promise((resolve) => setImmediate(resolve)); // the clock stands still: only an immediate grant is in
			if (!granted) waited++;
			return await acquired;
		};
		// A busy chatbot: 3 conversations a second (10,800 an hour), each answered 100 ms later.
		for (let i = 0; i < 180; i++) {
			const release = await ask();
			clock.t += 100;
			release('answered');
			clock.t += 233;
		}
		clock.t += 1000;
		// A conversation that asks for five countries at once.
		const burst = await Promise.all(Array.from({ length: 5 }, ask));
		for (const release of burst) release('answered');
		expect(waited).toBe(0);
	});
});
