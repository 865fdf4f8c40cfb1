/**
 * The daily call budget on its own clock. The oracle is ThroughLine's quota (1,000 calls in any
 * rolling 24 hours for the account, throughline-api.md), counted here from the calls the budget
 * let through, never from the budget's own arithmetic.
 */
import { CallBudget } from '../../../../nodes/ThroughLine/transport/callBudget';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** ThroughLine's daily quota (limits-policy page). */
const QUOTA = 1000;

function clock(start = 1_700_000_000_000) {
	let now = start;
	return {
		now: () => now,
		advance: (ms: number) => {
			now += ms;
		},
		set: (at: number) => {
			now = at;
		},
	};
}

/** Refreshes asked every `stepMs` for `durationMs`; returns when each one allowed was sent. */
function demand(
	budget: CallBudget,
	time: ReturnType<typeof clock>,
	o: { perDay: number; lifetimeMs: number; stepMs: number; durationMs: number },
) {
	const sent: number[] = [];
	for (let t = 0; t < o.durationMs; t += o.stepMs) {
		if (budget.allowsRefresh('me', o.perDay, o.lifetimeMs)) {
			budget.spend('me');
			sent.push(time.now());
		}
		time.advance(o.stepMs);
	}
	return sent;
}

/** The most calls in any window of `windowMs` (sorted send times). */
function busiestWindow(sent: number[], windowMs: number) {
	let most = 0;
	for (let i = 0, j = 0; i < sent.length; i++) {
		while (sent[i] - sent[j] >= windowMs) j++;
		most = Math.max(most, i - j + 1);
	}
	return most;
}

describe('within the quota under endless demand', () => {
	test('any 24 hours of three days hold at most 1,000 calls, and at least 95 % of them are used', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		const sent = demand(budget, time, { perDay: QUOTA, lifetimeMs: HOUR, stepMs: 10_000, durationMs: 3 * DAY });
		expect(busiestWindow(sent, DAY)).toBeLessThanOrEqual(QUOTA);
		expect(sent.filter((at) => at < sent[0] + DAY).length).toBeGreaterThanOrEqual(0.95 * QUOTA);
	});

	test('a day compressed 32 times (budget × 32, lifetime ÷ 32) spends what a real day does: the benchmark can scale it', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		const compressedDay = DAY / 32;
		const sent = demand(budget, time, { perDay: 32 * QUOTA, lifetimeMs: HOUR / 32, stepMs: 250, durationMs: 3 * compressedDay });
		expect(busiestWindow(sent, compressedDay)).toBeLessThanOrEqual(QUOTA);
		expect(sent.filter((at) => at < sent[0] + compressedDay).length).toBeGreaterThanOrEqual(0.95 * QUOTA);
	});

	test('with a raised quota the budget scales with it', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		const sent = demand(budget, time, { perDay: 5000, lifetimeMs: HOUR, stepMs: 5_000, durationMs: 2 * DAY });
		expect(busiestWindow(sent, DAY)).toBeLessThanOrEqual(5000);
		expect(busiestWindow(sent, DAY)).toBeGreaterThanOrEqual(0.95 * 5000);
	});
});

describe('what it saves and earns', () => {
	test('a new credential starts with an hour of earnings (1,000 ÷ 25 = 40 calls), then earns one call every 90 s', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		let allowed = 0;
		while (budget.allowsRefresh('me', QUOTA, HOUR) && allowed < 100) {
			budget.spend('me');
			allowed++;
		}
		expect(allowed).toBe(40);
		time.advance(89_000);
		expect(budget.allowsRefresh('me', QUOTA, HOUR)).toBe(false);
		time.advance(1_000);
		expect(budget.allowsRefresh('me', QUOTA, HOUR)).toBe(true);
	});

	test('after a quiet day it has saved only an hour of earnings, so a burst cannot break the 24-hour bound', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		budget.allowsRefresh('me', QUOTA, HOUR);
		time.advance(DAY);
		expect(budget.balance('me')).toBeCloseTo(40, 6);
	});

	test('answers that live 5 minutes save 5 minutes of earnings; one call is always saved, however short the lifetime', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		budget.allowsRefresh('me', QUOTA, 5 * MINUTE);
		time.advance(DAY);
		expect(budget.balance('me')).toBeCloseTo((QUOTA / 25) * (5 / 60), 6);
		budget.allowsRefresh('short', QUOTA, 1_000);
		expect(budget.balance('short')).toBe(1);
		expect(budget.allowsRefresh('short', QUOTA, 1_000)).toBe(true);
	});

	test('every call spends, refresh or not: questions never asked before spend ahead and refreshes wait until it is earned back', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		budget.allowsRefresh('me', 25, HOUR); // 25 a day: one call an hour, one saved
		budget.spend('me');
		budget.spend('me');
		budget.spend('me');
		expect(budget.balance('me')).toBeCloseTo(-2, 6);
		time.advance(2 * HOUR + 59 * MINUTE);
		expect(budget.allowsRefresh('me', 25, HOUR)).toBe(false);
		time.advance(MINUTE);
		expect(budget.allowsRefresh('me', 25, HOUR)).toBe(true);
	});

	test('calls of a credential that never asked for a budget are not tracked', () => {
		const budget = new CallBudget(clock().now);
		budget.spend('trigger-only');
		expect(budget.balance('trigger-only')).toBeUndefined();
		expect(budget.size).toBe(0);
	});

	test('requests on their way hold their call until they end, so two starting together do not both take the last one', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		budget.allowsRefresh('me', 25, HOUR); // one call saved
		const done = budget.begin('me');
		expect(budget.allowsRefresh('me', 25, HOUR)).toBe(false);
		done();
		done(); // ending twice frees one call, not two
		expect(budget.allowsRefresh('me', 25, HOUR)).toBe(true);
		const first = budget.begin('me');
		const second = budget.begin('me');
		first();
		first(); // the second request is still on its way
		expect(budget.allowsRefresh('me', 25, HOUR)).toBe(false);
		second();
		expect(budget.allowsRefresh('me', 25, HOUR)).toBe(true);
	});

	test('credentials have budgets of their own', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		budget.allowsRefresh('a', 25, HOUR);
		budget.allowsRefresh('b', 25, HOUR);
		budget.spend('a');
		expect(budget.allowsRefresh('a', 25, HOUR)).toBe(false);
		expect(budget.allowsRefresh('b', 25, HOUR)).toBe(true);
	});

	test('a clock that goes back earns nothing, and earning resumes from there', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		budget.allowsRefresh('me', 25, HOUR);
		budget.spend('me');
		time.advance(-HOUR);
		expect(budget.balance('me')).toBe(0);
		time.advance(HOUR);
		expect(budget.balance('me')).toBeCloseTo(1, 6);
	});

	test('a lower budget asked later applies from then on, and its smaller saving caps what was saved', () => {
		const time = clock();
		const budget = new CallBudget(time.now);
		budget.allowsRefresh('me', QUOTA, HOUR);
		expect(budget.balance('me')).toBe(40);
		budget.allowsRefresh('me', 250, HOUR);
		expect(budget.balance('me')).toBe(10);
		budget.spend('me');
		time.advance(HOUR);
		expect(budget.balance('me')).toBeCloseTo(10, 6);
	});

	test('bounded: the least recently used credential is forgotten beyond the limit', () => {
		const budget = new CallBudget(clock().now, 3);
		for (const id of ['a', 'b', 'c']) budget.allowsRefresh(id, QUOTA, HOUR);
		budget.allowsRefresh('a', QUOTA, HOUR);
		budget.allowsRefresh('d', QUOTA, HOUR);
		expect(budget.size).toBe(3);
		expect(budget.balance('b')).toBeUndefined();
		expect(budget.balance('a')).toBe(40);
		budget.clear();
		expect(budget.size).toBe(0);
	});
});
