import { sleep } from 'n8n-workflow';

import { ADAPTIVE_PACING } from '../../../../nodes/ThroughLine/transport/limits';
import { Semaphore, sharedLimiter, SlidingWindowLimiter } from '../../../../nodes/ThroughLine/transport/pacing';

afterEach(() => {
	ADAPTIVE_PACING.enabled = true;
});

test('the limiter lets a burst up to the limit through, then spaces the rest by the window', async () => {
	const limiter = new SlidingWindowLimiter(200);
	const started = Date.now();
	const times: number[] = [];
	await Promise.all(
		Array.from({ length: 7 }, async () => {
			const release = await limiter.acquire(3);
			times.push(Date.now() - started);
			release(); // answered at once
		}),
	);
	times.sort((a, b) => a - b);
	expect(times.slice(0, 3).every((t) => t < 100)).toBe(true);
	// no 200 ms window holds more than 3 starts
	for (let i = 3; i < times.length; i++) expect(times[i] - times[i - 3]).toBeGreaterThanOrEqual(199);
});

test('the semaphore never runs more than its size at once and runs everything', async () => {
	const pool = new Semaphore(2);
	let running = 0;
	let peak = 0;
	const done = await Promise.all(
		Array.from(
			{ length: 9 },
			async (_, i) =>
				await pool.run(async () => {
					running++;
					peak = Math.max(peak, running);
					await new Promise((resolve) => setTimeout(resolve, 5));
					running--;
					return i;
				}),
		),
	);
	expect(peak).toBe(2);
	expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
});

test('a failing task releases its place', async () => {
	const pool = new Semaphore(1);
	await expect(pool.run(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
	await expect(pool.run(async () => 'next')).resolves.toBe('next');
});

test('callers that do not name an owner count as one: a lower limit waits while the window holds that many', async () => {
	const limiter = new SlidingWindowLimiter(150);
	for (let i = 0; i < 3; i++) (await limiter.acquire(5))();
	const started = Date.now();
	(await limiter.acquire(5))(); // room under 5
	expect(Date.now() - started).toBeLessThan(50);
	await limiter.acquire(2); // 4 starts in the window already: must wait for them to age out
	expect(Date.now() - started).toBeGreaterThanOrEqual(140);
});

test('executions against one API share one window; another API has its own', () => {
	expect(sharedLimiter('http://a')).toBe(sharedLimiter('http://a'));
	expect(sharedLimiter('http://a')).not.toBe(sharedLimiter('http://b'));
});

test('a request holds its place until answered, and the window runs from its answer', async () => {
	const limiter = new SlidingWindowLimiter(150, Date.now, 5);
	const releases = [await limiter.acquire(2), await limiter.acquire(2)];
	let third = 0;
	const started = Date.now();
	const waiting = limiter.acquire(2).then((release) => {
		third = Date.now() - started;
		return release;
	});
	// Both still unanswered after longer than the window: the third must still wait.
	await new Promise((resolve) => setTimeout(resolve, 250));
	expect(third).toBe(0);
	releases[0]();
	const answeredAt = Date.now() - started;
	(await waiting)();
	// Room came 150 ms after the answer, not 150 ms after the start.
	expect(third).toBeGreaterThanOrEqual(answeredAt + 145);
	releases[1]();
	releases[1](); // a second call changes nothing
});

test('releasing twice does not move the answer time', async () => {
	let clock = 1000;
	const limiter = new SlidingWindowLimiter(100, () => clock, 1);
	const release = await limiter.acquire(1);
	clock = 1010;
	release();
	clock = 1090;
	release(); // ignored: the slot still ages out at 1110
	clock = 1111;
	await expect(limiter.acquire(1)).resolves.toEqual(expect.any(Function));
});

test('P1: a caller limited to 4/s is not starved by a concurrent caller at 30/s on the same window', async () => {
	// The window's queue at a fixed 30 a second: the slow start would share a smaller rate the same way.
	ADAPTIVE_PACING.enabled = false;
	const limiter = new SlidingWindowLimiter();
	const fastExecution = {};
	const slowExecution = {};
	const until = Date.now() + 4000;
	let fast = 0;
	let slow = 0;
	const worker = async (limit: number, owner: object, count: () => void) => {
		while (Date.now() < until) {
			const release = await limiter.acquire(limit, owner);
			if (Date.now() >= until) return release();
			count();
			await new Promise((resolve) => setTimeout(resolve, 15)); // a quick answer
			release();
		}
	};
	await Promise.all([
		...Array.from({ length: 8 }, async () => await worker(30, fastExecution, () => fast++)),
		worker(4, slowExecution, () => slow++),
	]);
	// 4 a second for 4 s, less the window's margin and the answer times: well over 8.
	expect(slow).toBeGreaterThanOrEqual(8);
	expect(fast).toBeGreaterThan(60);
});

test('each caller counts against its own limit, and all together never exceed the window capacity', async () => {
	const limiter = new SlidingWindowLimiter(200, Date.now, 5, 5);
	const starts: Array<{ at: number; owner: string }> = [];
	const run = async (owner: string, limit: number, count: number) => {
		const id = { owner };
		await Promise.all(
			Array.from({ length: count }, async () => {
				const release = await limiter.acquire(limit, id);
				starts.push({ at: Date.now(), owner });
				release();
			}),
		);
	};
	await Promise.all([run('a', 4, 12), run('b', 4, 12), run('c', 2, 6)]);
	starts.sort((x, y) => x.at - y.at);
	for (const { at } of starts) {
		const inWindow = starts.filter((s) => s.at > at - 199 && s.at <= at);
		expect(inWindow.length).toBeLessThanOrEqual(5);
		for (const [owner, limit] of [
			['a', 4],
			['b', 4],
			['c', 2],
		] as const) {
			expect(inWindow.filter((s) => s.owner === owner).length).toBeLessThanOrEqual(limit);
		}
	}
	expect(starts).toHaveLength(30);
});

test('waiters are served in arrival order', async () => {
	const limiter = new SlidingWindowLimiter(100, Date.now, 5, 1);
	const order: number[] = [];
	await Promise.all(
		Array.from({ length: 5 }, async (_, i) => {
			const release = await limiter.acquire(1, { i });
			order.push(i);
			release();
		}),
	);
	expect(order).toEqual([0, 1, 2, 3, 4]);
});

describe('an owner that set its own pace (Max Requests per Second)', () => {
	afterEach(() => jest.useRealTimers());

	/** Lets granted acquisitions resolve. */
	const settle = async () => await jest.advanceTimersByTimeAsync(0);

	test('goes at that pace from its first request, while an owner without one waits for its share', async () => {
		jest.useFakeTimers();
		const limiter = new SlidingWindowLimiter(undefined, () => Date.now());
		const chosen = {};
		const unset = {};
		const granted = { chosen: 0, unset: 0 };
		const releases: Array<() => void> = [];
		const ask = (owner: object, paced: boolean, key: keyof typeof granted) =>
			void limiter.acquire(30, owner, paced).then((release) => {
				granted[key]++;
				releases.push(() => release('answered'));
			});
		for (let i = 0; i < 20; i++) ask(chosen, false, 'chosen');
		for (let i = 0; i < 10; i++) ask(unset, true, 'unset');
		await settle();
		// 20 is within ThroughLine's 30 a second: all go at once; the other starts cold, with its burst.
		expect(granted.chosen).toBe(20);
		expect(granted.unset).toBe(ADAPTIVE_PACING.startBurst);
		// Never more than ThroughLine's 30 in the window together: the chosen pace takes its room.
		for (let i = 0; i < 20; i++) ask(chosen, false, 'chosen');
		await settle();
		expect(granted.chosen + granted.unset).toBe(30);
		releases.splice(0).forEach((release) => release());
		await jest.advanceTimersByTimeAsync(10_000);
		expect(granted).toEqual({ chosen: 40, unset: 10 });
	});

	test('its answers and its 429s leave the share as it was: it learns from its own requests only', async () => {
		jest.useFakeTimers();
		const limiter = new SlidingWindowLimiter(undefined, () => Date.now());
		const share = limiter.currentCapacity;
		const chosen = {};
		for (let second = 0; second < 20; second++) {
			const releases = await Promise.all(Array.from({ length: 25 }, async () => await limiter.acquire(30, chosen, false)));
			releases.forEach((release, i) => release(i === 0 ? 'throttled' : 'answered'));
			await jest.advanceTimersByTimeAsync(1100);
		}
		expect(limiter.currentCapacity).toBe(share);
		// A 429 of its own does cut the share of an owner without a pace.
		const release = await limiter.acquire(30);
		release('throttled');
		expect(limiter.currentCapacity).toBeLessThan(share);
	});

	test('beside its requests, a share hardly used still fades to its burst: their starts are not the share’s use', async () => {
		jest.useFakeTimers();
		const limiter = new SlidingWindowLimiter(undefined, () => Date.now());
		const chosen = {};
		// The chosen pace (20) always has requests waiting; one without a pace asks once a second.
		let stop = false;
		const busy = async () => {
			while (!stop) (await limiter.acquire(20, chosen, false))('answered');
		};
		const once = async () => {
			for (let second = 0; second < 8 && !stop; second++) {
				(await limiter.acquire(30))('answered');
				await sleep(1000);
			}
		};
		const running = Promise.all([...Array.from({ length: 40 }, busy), once()]);
		await jest.advanceTimersByTimeAsync(8500);
		expect(limiter.currentCapacity).toBe(ADAPTIVE_PACING.startBurst);
		stop = true;
		await jest.advanceTimersByTimeAsync(5000);
		await running;
	});
});
