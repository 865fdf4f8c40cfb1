import fc from 'fast-check';

import { cappedHint, cutListError, maySilentlyBeCapped, mayBeCut, planSearch } from '../../../../nodes/ThroughLine/helpers/completeness';

// The node's guess at ThroughLine's largest limit, as the node sends it.
const MAX = 1000;
// What ThroughLine returns when no limit is sent (throughline-api.md: "no limit gave exactly 20").
const API_DEFAULT = 20;

describe('planSearch: what is asked of ThroughLine', () => {
	test.each([
		[
			{ returnAll: true, priorityOnly: false, filtering: false, limit: 50 },
			{ ask: MAX, want: Infinity },
		],
		[
			{ returnAll: false, priorityOnly: false, filtering: true, limit: 5 },
			{ ask: MAX, want: 5 },
		],
		[
			{ returnAll: false, priorityOnly: false, filtering: false, limit: 5 },
			{ ask: 5, want: 5 },
		],
		[
			{ returnAll: false, priorityOnly: false, filtering: false, limit: 5000 },
			{ ask: MAX, want: 5000 },
		],
	])('%p', (options, expected) => expect(planSearch(options)).toMatchObject(expected));
	test('a priority search sends no limit and keeps the whole list', () => {
		const plan = planSearch({ returnAll: false, priorityOnly: true, filtering: true, limit: 1 });
		expect(plan.ask).toBeUndefined();
		expect(plan).toMatchObject({ want: Infinity, filtering: false });
	});
});

describe('mayBeCut', () => {
	const plan = (over: Partial<Parameters<typeof planSearch>[0]>) =>
		planSearch({ returnAll: false, priorityOnly: false, filtering: false, limit: 50, ...over });

	test('a plain Limit N that returns N is what the user asked for', () => {
		expect(mayBeCut(plan({ limit: 20 }), 20, 20)).toBe(false);
		expect(mayBeCut(plan({ limit: MAX }), MAX, MAX)).toBe(false);
	});
	test('Return All, a priority search or a Limit above the maximum that come back full may be cut', () => {
		expect(mayBeCut(plan({ returnAll: true }), MAX, MAX)).toBe(true);
		// A priority search sends no limit: ThroughLine's default of 20 is its "as many as asked".
		expect(mayBeCut(plan({ priorityOnly: true }), API_DEFAULT, API_DEFAULT)).toBe(true);
		expect(mayBeCut(plan({ priorityOnly: true }), 2, 2)).toBe(false);
		expect(mayBeCut(plan({ limit: 1e9 }), MAX, MAX)).toBe(true);
	});
	test('fewer than asked for is all ThroughLine has', () => {
		expect(mayBeCut(plan({ returnAll: true }), MAX - 1, MAX - 1)).toBe(false);
		expect(mayBeCut(plan({ limit: 1e9 }), 300, 300)).toBe(false);
	});
	test('a filtered search over a full answer is complete only if it found Limit matches', () => {
		expect(mayBeCut(plan({ filtering: true, limit: 5 }), MAX, 5)).toBe(false);
		expect(mayBeCut(plan({ filtering: true, limit: 5 }), MAX, 4)).toBe(true);
		expect(mayBeCut(plan({ filtering: true, limit: 5 }), MAX, 0)).toBe(true);
		expect(mayBeCut(plan({ filtering: true, returnAll: true }), MAX, 3)).toBe(true);
		expect(mayBeCut(plan({ filtering: true, returnAll: true }), 999, 3)).toBe(false);
	});
	test('property: an answer shorter than the limit sent is never cut', () => {
		fc.assert(
			fc.property(
				fc.boolean(),
				fc.boolean(),
				fc.boolean(),
				fc.integer({ min: 1, max: 5000 }),
				fc.nat(MAX - 1),
				(returnAll, priorityOnly, filtering, limit, got) => {
					const p = planSearch({ returnAll, priorityOnly, filtering, limit });
					fc.pre(got < (p.ask ?? API_DEFAULT));
					return !mayBeCut(p, got, got);
				},
			),
		);
	});
});

describe('maySilentlyBeCapped: a round count when more were wanted', () => {
	const plan = (over: Partial<Parameters<typeof planSearch>[0]>) =>
		planSearch({ returnAll: false, priorityOnly: false, filtering: false, limit: 50, ...over });
	test('warns on a Limit ThroughLine may have capped', () => {
		expect(maySilentlyBeCapped(plan({ limit: 200 }), 100, 100)).toBe(true);
	});
	test('warns on Return All or a filtered search that got a round count below the limit sent', () => {
		expect(maySilentlyBeCapped(plan({ returnAll: true }), 100, 100)).toBe(true);
		expect(maySilentlyBeCapped(plan({ returnAll: true }), 250, 250)).toBe(true);
		expect(maySilentlyBeCapped(plan({ filtering: true, limit: 10 }), 100, 3)).toBe(true);
		expect(maySilentlyBeCapped(plan({ limit: 5000 }), 500, 500)).toBe(true);
		// 50 is the smallest round count that is warned about
		expect(maySilentlyBeCapped(plan({ returnAll: true }), 50, 50)).toBe(true);
		expect(maySilentlyBeCapped(plan({ returnAll: true }), 40, 40)).toBe(false);
	});
	test('stays quiet when the user got what was asked, or the count is not round', () => {
		expect(maySilentlyBeCapped(plan({ limit: 100 }), 100, 100)).toBe(false);
		expect(maySilentlyBeCapped(plan({ limit: 200 }), 137, 137)).toBe(false);
		expect(maySilentlyBeCapped(plan({ returnAll: true }), 137, 137)).toBe(false);
		expect(maySilentlyBeCapped(plan({ returnAll: true }), 0, 0)).toBe(false);
		expect(maySilentlyBeCapped(plan({ filtering: true, limit: 10 }), 100, 10)).toBe(false);
	});
	test("a full answer (as many as sent) is mayBeCut's failure, not a hint as well", () => {
		expect(maySilentlyBeCapped(plan({ returnAll: true }), MAX, MAX)).toBe(false);
		expect(maySilentlyBeCapped(plan({ limit: 5000 }), MAX, MAX)).toBe(false);
	});
	test('the hint names the count and the way out', () => {
		expect(cappedHint(100, 'US')).toMatch(/^ThroughLine returned exactly 100 helplines for US\..*Topic/);
	});
});

test('the error says how many came back and what to do', () => {
	const error = cutListError(planSearch({ returnAll: true, priorityOnly: false, filtering: false, limit: 50 }), MAX, MAX);
	expect(error.message).toMatch(/^ThroughLine returned 1000 helplines, .* may be incomplete/);
	expect(error.hint).toContain('Limit');
	const filtered = cutListError(planSearch({ returnAll: false, priorityOnly: false, filtering: true, limit: 5 }), MAX, 3);
	expect(filtered.hint).toContain('set Limit to 3 or less');
	// A priority list cannot be narrowed by a Limit: the way out is to check and tell ThroughLine.
	const priority = cutListError(planSearch({ returnAll: false, priorityOnly: true, filtering: false, limit: 5 }), API_DEFAULT, API_DEFAULT);
	expect(priority.hint).toMatch(/shown whole.*tell ThroughLine/);
	// A Limit above the largest one call may return: lower it, or narrow the search.
	const above = cutListError(planSearch({ returnAll: false, priorityOnly: false, filtering: false, limit: 5000 }), MAX, MAX);
	expect(above.hint).toMatch(new RegExp(`Limit to ${MAX} or less.*Topic`));
});
