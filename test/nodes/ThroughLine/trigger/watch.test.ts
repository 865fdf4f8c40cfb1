/** Watched lists from the parameters, and how one poll's pulls move the stored snapshots on. */
import { InputError } from '../../../../nodes/ThroughLine/helpers/inputError';
import type { Helpline } from '../../../../nodes/ThroughLine/helpers/types';
import { buildSnapshot } from '../../../../nodes/ThroughLine/trigger/changes';
import type { Lookup, WatchedList } from '../../../../nodes/ThroughLine/trigger/watch';
import { comparePull, firstPull, settle, stillBelongs, watchedLists } from '../../../../nodes/ThroughLine/trigger/watch';

describe('watchedLists', () => {
	test('codes from the dropdown or an expression, normalised, duplicates dropped', () => {
		expect(watchedLists(['nz', ' US ', 'NZ'], '')).toEqual([
			{ key: 'NZ', countryCode: 'NZ' },
			{ key: 'US', countryCode: 'US' },
		]);
		expect(watchedLists('us, gb,,', undefined).map((l) => l.key)).toEqual(['US', 'GB']);
		expect(watchedLists(['US,NZ', 'GB'], '').map((l) => l.key)).toEqual(['US', 'NZ', 'GB']);
	});

	test('a topic narrows every country and is part of the key', () => {
		expect(watchedLists(['US', 'GB'], ' Suicidal thoughts ')).toEqual([
			{ key: 'US|Suicidal thoughts', countryCode: 'US', topic: 'Suicidal thoughts' },
			{ key: 'GB|Suicidal thoughts', countryCode: 'GB', topic: 'Suicidal thoughts' },
		]);
	});

	test.each<[unknown, RegExp]>([
		[[], /No country to watch/],
		['', /No country to watch/],
		[undefined, /is not a two-letter/],
		[['USA'], /Country code "USA" is not a two-letter/],
		[['US', 12], /number 12/],
	])('%j is refused clearly', (countries, message) => {
		let thrown: unknown;
		try {
			watchedLists(countries, '');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InputError);
		expect((thrown as Error).message).toMatch(message);
	});
});

const h = (id: string, name = `Helpline ${id}`, extra: Partial<Helpline> = {}): Helpline => ({
	id,
	name,
	topics: ['Anxiety', 'Suicidal thoughts'],
	country: { name: 'New Zealand', code: 'NZ' },
	...extra,
});
const nz: WatchedList = { key: 'NZ', countryCode: 'NZ' };
const nzTopic: WatchedList = { key: 'NZ|Suicidal thoughts', countryCode: 'NZ', topic: 'Suicidal thoughts' };

describe('firstPull', () => {
	test('records a baseline silently, or reports every helpline as added, with country and topic', () => {
		expect(firstPull(nz, [h('a')], false)).toEqual({ events: [], next: buildSnapshot([h('a')]), keptMissing: [] });
		const { events } = firstPull(nzTopic, [h('a'), h('b')], true);
		expect(events).toEqual([
			{ event: 'added', countryCode: 'NZ', topic: 'Suicidal thoughts', helpline: h('a') },
			{ event: 'added', countryCode: 'NZ', topic: 'Suicidal thoughts', helpline: h('b') },
		]);
		expect(Object.keys(firstPull(nz, [h('a')], true).events[0])).toEqual(['event', 'countryCode', 'helpline']);
	});
});

describe('stillBelongs', () => {
	test('same country, and for a topic watch the topic in any spelling', () => {
		expect(stillBelongs(nz, h('a'))).toBe(true);
		expect(stillBelongs(nz, h('a', 'A', { country: { name: 'Australia', code: 'AU' } }))).toBe(false);
		expect(stillBelongs(nzTopic, h('a'))).toBe(true);
		expect(stillBelongs({ ...nzTopic, topic: 'suicidal-thoughts' }, h('a'))).toBe(true);
		expect(stillBelongs(nzTopic, h('a', 'A', { topics: ['Anxiety'] }))).toBe(false);
	});

	test('what cannot be told counts as still belonging', () => {
		expect(stillBelongs(nzTopic, { id: 'a', name: 'A' })).toBe(true);
	});
});

describe('settle', () => {
	const stored = buildSnapshot([h('a'), h('b'), h('c')]);
	const settleWith = (list: WatchedList, pulled: Helpline[], lookups: Array<[string, Lookup]>) =>
		settle(list, stored, comparePull(stored, pulled, false), new Map(lookups));

	test('a helpline ThroughLine no longer has (404) is removed; one it still lists is kept, not removed', () => {
		const result = settleWith(
			nz,
			[h('d'), h('a', 'Renamed')],
			[
				['b', { gone: true }],
				['c', { gone: false, helpline: h('c') }],
			],
		);
		expect(result.events.map((e) => `${e.event} ${e.helpline.id}`)).toEqual(['removed b', 'added d', 'changed a']);
		expect(result.events[0]).toEqual({ event: 'removed', countryCode: 'NZ', helpline: { id: 'b', name: 'Helpline b' } });
		expect(result.keptMissing).toEqual(['c']);
		expect(Object.keys(result.next).sort()).toEqual(['a', 'c', 'd']);
		expect(result.next.c).toBe(stored.c);
	});

	test('a helpline found elsewhere (another country, or without the topic) has left the list', () => {
		const moved = settleWith(
			nz,
			[h('a'), h('c')],
			[['b', { gone: false, helpline: h('b', 'B', { country: { name: 'Australia', code: 'AU' } }) }]],
		);
		expect(moved.events.map((e) => `${e.event} ${e.helpline.id}`)).toEqual(['removed b']);
		const untopical = settle(
			nzTopic,
			stored,
			comparePull(stored, [h('a'), h('c')], false),
			new Map([['b', { gone: false, helpline: h('b', 'B', { topics: ['Anxiety'] }) }]]),
		);
		expect(untopical.events.map((e) => `${e.event} ${e.topic} ${e.helpline.id}`)).toEqual(['removed Suicidal thoughts b']);
		expect(Object.keys(untopical.next)).toEqual(['a', 'c']);
	});

	test('nothing to report keeps the stored snapshot object itself', () => {
		const result = settleWith(nz, [h('c'), h('a')], [['b', { gone: false, helpline: h('b') }]]);
		expect(result.events).toEqual([]);
		expect(result.next).toBe(stored);
		expect(result.keptMissing).toEqual(['b']);
	});

	test('a missing helpline that was not looked up is never reported as removed', () => {
		expect(settleWith(nz, [h('a'), h('c')], []).events).toEqual([]);
	});
});
