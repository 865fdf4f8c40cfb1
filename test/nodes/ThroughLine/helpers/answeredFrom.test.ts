/** What an item says about where its answer came from: the hint texts and the answeredFrom field. */
import { itemOrigin, markAnswered, originHints } from '../../../../nodes/ThroughLine/helpers/answeredFrom';

const MINUTE = 60_000;

describe('itemOrigin', () => {
	test('live answers only: nothing to say', () => {
		expect(itemOrigin([{ source: 'live' }, { source: 'live' }])).toBeUndefined();
		expect(itemOrigin([])).toBeUndefined();
	});

	test('stale wins over cache, with the oldest stale age', () => {
		expect(
			itemOrigin([
				{ source: 'cache', ageMs: 50 * MINUTE },
				{ source: 'stale', ageMs: 3 * MINUTE, reason: 'r1' },
				{ source: 'stale', ageMs: 9 * MINUTE, reason: 'r2' },
				{ source: 'live' },
			]),
		).toEqual({ source: 'stale', ageMs: 9 * MINUTE, reason: 'r2' });
		expect(itemOrigin([{ source: 'live' }, { source: 'cache', ageMs: 2 * MINUTE }])).toEqual({ source: 'cache', ageMs: 2 * MINUTE });
	});
});

test('cached answers: the oldest age, whichever order the reads came in, and no reason field', () => {
	const older = itemOrigin([
		{ source: 'cache', ageMs: 5 * MINUTE },
		{ source: 'cache', ageMs: MINUTE },
	]);
	expect(older).toStrictEqual({ source: 'cache', ageMs: 5 * MINUTE });
	expect(
		itemOrigin([
			{ source: 'cache', ageMs: MINUTE },
			{ source: 'cache', ageMs: 5 * MINUTE },
		]),
	).toStrictEqual(older);
});

test('markAnswered adds one field, in whole minutes, and only when not live', () => {
	const records = [{ id: 'a' }];
	expect(markAnswered(records, undefined)).toBe(records);
	expect(markAnswered(records, { source: 'stale', ageMs: 90.5 * MINUTE })).toEqual([
		{ id: 'a', answeredFrom: { source: 'stale', ageMinutes: 90 } },
	]);
	expect(records).toEqual([{ id: 'a' }]);
});

describe('originHints', () => {
	test('none when every item was live', () => {
		expect(originHints([undefined, undefined])).toEqual([]);
	});

	test('stale answers: a warning with the reason, the count and the ages', () => {
		const [hint] = originHints([
			{ source: 'stale', ageMs: 10 * MINUTE, reason: "ThroughLine's API failed (HTTP 503)" },
			undefined,
			{ source: 'stale', ageMs: 70 * MINUTE, reason: 'other' },
		]);
		expect(hint.type).toBe('warning');
		expect(hint.message).toMatch(
			/^ThroughLine could not be reached \(ThroughLine's API failed \(HTTP 503\)\); 2 items were answered with the last answer known, between 10 and 70 minutes old\./,
		);
	});

	test('a stale answer without a known reason still says ThroughLine gave no answer', () => {
		const [hint] = originHints([{ source: 'stale', ageMs: 2 * MINUTE }]);
		expect(hint.message).toMatch(/^ThroughLine could not be reached \(no answer\); 1 item was answered .* 2 minutes old\./);
	});

	test('hints show in the output pane, where the editor shows the items (n8n hint location)', () => {
		const hints = originHints([
			{ source: 'cache', ageMs: MINUTE },
			{ source: 'stale', ageMs: 0, reason: 'x' },
		]);
		expect(hints.map((h) => h.location)).toEqual(['outputPane', 'outputPane']);
	});

	test('cached and stale items in one run get one hint each', () => {
		const hints = originHints([
			{ source: 'cache', ageMs: MINUTE },
			{ source: 'stale', ageMs: 0, reason: 'x' },
		]);
		expect(hints.map((h) => h.type)).toEqual(['warning', 'info']);
		expect(hints[1].message).toMatch(
			/^1 item was answered from this n8n's cache of ThroughLine answers, not by a new call \(1 minute old\)/,
		);
	});
});

describe('answers held for the daily call budget', () => {
	test('an item that used a held answer is held, with the oldest age of its cached reads; stale still wins', () => {
		expect(
			itemOrigin([{ source: 'cache', ageMs: 3 * MINUTE }, { source: 'cache', ageMs: 70 * MINUTE, held: true }, { source: 'live' }]),
		).toStrictEqual({ source: 'cache', ageMs: 70 * MINUTE, held: true });
		expect(
			itemOrigin([
				{ source: 'cache', ageMs: 90 * MINUTE },
				{ source: 'cache', ageMs: 70 * MINUTE, held: true },
			]),
		).toStrictEqual({ source: 'cache', ageMs: 90 * MINUTE, held: true });
		expect(
			itemOrigin([
				{ source: 'cache', ageMs: 70 * MINUTE, held: true },
				{ source: 'stale', ageMs: MINUTE, reason: 'r' },
			]),
		).toStrictEqual({ source: 'stale', ageMs: MINUTE, reason: 'r' });
	});

	test('markAnswered says it was held; a plain cached record has no such field', () => {
		expect(markAnswered([{ id: 'a' }], { source: 'cache', ageMs: 61 * MINUTE, held: true })).toEqual([
			{ id: 'a', answeredFrom: { source: 'cache', ageMinutes: 61, heldForDailyBudget: true } },
		]);
		expect(markAnswered([{ id: 'a' }], { source: 'cache', ageMs: 2 * MINUTE })).toStrictEqual([
			{ id: 'a', answeredFrom: { source: 'cache', ageMinutes: 2 } },
		]);
	});

	test('held items get their own hint, apart from fresh cached ones, that names the option and what to do', () => {
		const hints = originHints([
			{ source: 'cache', ageMs: MINUTE },
			{ source: 'cache', ageMs: 61 * MINUTE, held: true },
			{ source: 'cache', ageMs: 130 * MINUTE, held: true },
		]);
		expect(hints.map((h) => [h.type, h.location])).toEqual([
			['info', 'outputPane'],
			['info', 'outputPane'],
		]);
		expect(hints[0].message).toMatch(
			/^1 item was answered from this n8n's cache of ThroughLine answers, not by a new call \(1 minute old\)/,
		);
		expect(hints[1].message).toMatch(
			/^2 items were answered from this n8n's cache with answers older than Cache Answers For \(between 61 and 130 minutes old\): asking ThroughLine again now would go over Options > Daily Call Budget, so it is asked again as the budget allows\./,
		);
		expect(hints[1].message).toContain('heldForDailyBudget');
		expect(hints[1].message).toMatch(/Raise the budget/);
	});
});
