import fc from 'fast-check';

import { comparable, editDistance, nearest } from '../../../../nodes/ThroughLine/helpers/match';

describe('comparable', () => {
	test.each([
		['  New   Zealand ', 'new zealand'],
		['UNITED KINGDOM', 'united kingdom'],
		['The Netherlands', 'netherlands'],
		['Côte d’Ivoire', 'cote d ivoire'],
		['Abuse & domestic violence', 'abuse and domestic violence'],
		['suicidal-thoughts', 'suicidal thoughts'],
		// only a leading "the" goes
		['Lathe Town', 'lathe town'],
		['Bathe the Dog', 'bathe the dog'],
	])('%p → %p', (input, expected) => expect(comparable(input)).toBe(expected));
});

describe('editDistance', () => {
	test.each([
		['', '', 0],
		['abc', '', 3],
		['kitten', 'sitting', 3],
		['new zeland', 'new zealand', 1],
		['flaw', 'lawn', 2],
	])('%p, %p → %p', (a, b, expected) => expect(editDistance(a, b)).toBe(expected));

	test('property: a metric (zero only for equal strings, symmetric, triangle inequality)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b, c) => {
				expect(editDistance(a, b) === 0).toBe(a === b);
				expect(editDistance(a, b)).toBe(editDistance(b, a));
				expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
			}),
		);
	});
});

describe('nearest', () => {
	const candidates = ['Australia', 'Austria', 'New Zealand', 'Netherlands', 'Nepal', 'Germany'].map((name) => ({
		label: name,
		keys: [name],
	}));

	test('closest first, at most the number asked for', () => {
		expect(nearest('Austrlia', candidates, 2)).toEqual(['Australia', 'Austria']);
		expect(nearest('anything', candidates)).toHaveLength(5);
	});

	test('a prefix finds its candidate even when it is much shorter', () => {
		expect(nearest('new', candidates, 1)).toEqual(['New Zealand']);
	});

	test('the start of a name of several words counts as a whole ("suicidal th" is "Suicidal thoughts")', () => {
		const topics = ['Suicidal', 'Suicidal thoughts', 'Self harm'].map((name) => ({ label: name, keys: [name] }));
		expect(nearest('suicidal th', topics, 1)).toEqual(['Suicidal thoughts']);
	});

	test('each word of a name counts ("zeland" is near New Zealand)', () => {
		const far = ['Nepal', 'Jordan', 'Iceland', 'New Zealand'].map((name) => ({ label: name, keys: [name] }));
		expect(nearest('zeland', far, 1)).toEqual(['New Zealand']);
	});

	test('ties keep the order of the list, however many', () => {
		const same = ['e', 'd', 'c', 'b', 'a', 'f', 'g'].map((label) => ({ label, keys: ['zz'] }));
		expect(nearest('zz', same, 7)).toEqual(['e', 'd', 'c', 'b', 'a', 'f', 'g']);
		expect(
			nearest(
				'xx',
				[
					{ label: 'b', keys: ['ab'] },
					{ label: 'a', keys: ['cd'] },
				],
				2,
			),
		).toEqual(['b', 'a']);
	});
});
