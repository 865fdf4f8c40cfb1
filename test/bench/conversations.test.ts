/** The chatbot scenarios' pure parts: popularity, the compressed day, the cache's bound, the outage's share. */
/* eslint-disable @typescript-eslint/no-require-imports */
const {
	zipfWeights,
	drawConversations,
	scaledMinutes,
	scaledBudget,
	callBounds,
	expectedCalls,
	lifetimeForQuota,
	percentile,
	realNumber,
} = require('../../scripts/bench/conversations');
const { outageFigures } = require('../../scripts/bench/chatbotReport');
const { inspectorUrl } = require('../../scripts/bench/inspect');
/* eslint-enable @typescript-eslint/no-require-imports */

const queries = Array.from({ length: 120 }, (_, i) => ({ country: `C${Math.floor(i / 3)}`, topic: `T${i % 3}` }));

describe('conversations', () => {
	test('Zipf weights: 1/rank, summing to 1', () => {
		const w = zipfWeights(4);
		const h = 1 + 1 / 2 + 1 / 3 + 1 / 4;
		expect(w.map((x: number) => x * h)).toEqual([1, 1 / 2, 1 / 3, 1 / 4].map((x) => expect.closeTo(x, 12)));
	});

	test('the same seed draws the same day; another seed a different one', () => {
		const a = drawConversations(queries, 500, { seed: 17 });
		expect(drawConversations(queries, 500, { seed: 17 })).toEqual(a);
		expect(drawConversations(queries, 500, { seed: 18 })).not.toEqual(a);
	});

	test('popularity is skewed as Zipf says: the top query about 1/H(120) of 10,000, every draw one of the queries', () => {
		const day = drawConversations(queries, 10_000, { seed: 17 });
		const counts = new Map<unknown, number>();
		for (const q of day) counts.set(q, (counts.get(q) ?? 0) + 1);
		expect([...counts.keys()].every((q) => queries.includes(q as (typeof queries)[number]))).toBe(true);
		const harmonic = queries.reduce((sum, _, i) => sum + 1 / (i + 1), 0); // 5.37
		const top = Math.max(...counts.values());
		expect(top).toBeGreaterThan((10_000 / harmonic) * 0.9);
		expect(top).toBeLessThan((10_000 / harmonic) * 1.1);
	});

	test('a day compressed into 600 s: 60 of 1,440 minutes is 25 s, 0.41667 minutes', () => {
		expect(scaledMinutes(600, 60) * 60).toBeCloseTo(25, 9);
	});

	test('the budget is compressed with the day: 1,000 a day in a 2,700-s run is 32,000 a day, the same calls per run', () => {
		expect(scaledBudget(2700, 1000)).toBe(32_000);
		// Calls per run at that pace: the budget's rate times the run.
		expect((scaledBudget(600, 1000) / (24 * 3600)) * 600).toBeCloseTo(1000, 6);
	});

	test('the bound: distinct × (day ÷ lifetime), and with the call that opens each window', () => {
		expect(callBounds(120, 600_000, 25_000)).toEqual({ issueBound: 2880, strictBound: 120 * 25 });
		// 120 queries within 1,000 a day: 120 × 1440 / 1000 = 172.8 minutes, so 173.
		expect(lifetimeForQuota(120)).toBe(173);
	});

	test('the model: a query asked far more often than there are windows makes one call per window; a rare one, one per conversation', () => {
		expect(expectedCalls([1], 1e9, 24)).toBe(24);
		// 1 of 1 conversation in 24 windows: 24 × 1 / 25 = 0.96 calls; 500 such queries make 480.
		expect(expectedCalls(new Array(500).fill(1 / 500), 500, 24)).toBe(480);
	});

	test('nearest-rank percentiles ignore what is not a number', () => {
		const xs = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(percentile(xs, 50)).toBe(50);
		expect(percentile(xs, 95)).toBe(95);
		expect(percentile([NaN, 3], 50)).toBe(3);
		expect(percentile([], 50)).toBeNaN();
	});

	test('a real number is a phone or SMS number in either field style; a website is not', () => {
		expect(realNumber({ phone: '0800 543 354' })).toBe('0800 543 354');
		expect(realNumber({ phone: null, sms: '1737' })).toBe('1737');
		expect(realNumber({ phone_number: '988' })).toBe('988');
		expect(realNumber({ website: 'https://example.org', phone: '' })).toBeNull();
		expect(realNumber(null)).toBeNull();
	});
});

describe('outage figures', () => {
	const q = (country: string) => ({ country, topic: 'T', expectedId: `id-${country}` });
	const ok = (country: string, source = 'live') => ({ status: 200, id: `id-${country}`, number: '988', source, ms: 10 });
	const failed = { status: 500, id: null, number: null, source: 'error', ms: 5 };
	// Before (0-2): A and B answered. During (3-5): A, B and never-seen C. After (6): A.
	const conversations = [q('A'), q('B'), q('A'), q('A'), q('B'), q('C'), q('A')];
	const figures = outageFigures({
		settings: { outage: { from: 3, to: 6 } },
		conversations,
		driven: {
			results: {
				ours: [ok('A'), ok('B'), ok('A', 'cache'), ok('A', 'stale'), ok('B', 'cache'), failed, ok('A')],
				http: [ok('A'), ok('B'), ok('A'), failed, failed, failed, ok('A')],
			},
		},
	});

	test('only queries answered before the outage count, stale and still-fresh answers apart', () => {
		expect(figures.ours).toMatchObject({
			eligible: 2,
			withNumber: 2,
			shareWithNumber: 100,
			stale: 1,
			fromFreshCache: 1,
			notEligible: 1,
			notEligibleWithNumber: 0,
			afterOutageCorrect: 100,
		});
		expect(figures.http).toMatchObject({ eligible: 2, withNumber: 0, shareWithNumber: 0, metOutage: 2, metOutageWithNumber: 0 });
		// Ours: A met the outage (stale), B was still fresh in the cache and never asked ThroughLine.
		expect(figures.ours).toMatchObject({ metOutage: 1, metOutageWithNumber: 1, shareWhenMetOutage: 100 });
	});

	test('a wrong helpline is not a real answer, even with a number', () => {
		const wrong = outageFigures({
			settings: { outage: { from: 1, to: 2 } },
			conversations: [q('A'), q('A')],
			driven: { results: { ours: [ok('A'), { ...ok('A', 'stale'), id: 'id-other' }], http: [ok('A'), ok('A')] } },
		});
		expect(wrong.ours.withNumber).toBe(0);
		expect(wrong.http.withNumber).toBe(1);
	});
});

test("the inspector's address is the first one n8n prints (the main process, not the task runner)", () => {
	const logs = 'Debugger listening on ws://127.0.0.1:40001/aaa\nFor help…\nDebugger listening on ws://127.0.0.1:40002/bbb\n';
	expect(inspectorUrl(logs)).toBe('ws://127.0.0.1:40001/aaa');
	expect(inspectorUrl('no inspector')).toBeUndefined();
});
