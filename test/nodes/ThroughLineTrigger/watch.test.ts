/** Watched lists from the parameters, and how one poll's pulls move the stored snapshots on. */
import { InputError } from '../../../nodes/ThroughLine/helpers/inputError';
import type { Helpline } from '../../../nodes/ThroughLine/helpers/types';
import { buildSnapshot } from '../../../nodes/ThroughLineTrigger/changes';
import type { Pull, WatchedList } from '../../../nodes/ThroughLineTrigger/watch';
import { advance, watchedLists } from '../../../nodes/ThroughLineTrigger/watch';

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

const h = (id: string, name = `Helpline ${id}`): Helpline => ({ id, name, topics: ['Anxiety'] });
const nz: WatchedList = { key: 'NZ', countryCode: 'NZ' };
const us: WatchedList = { key: 'US|Stress', countryCode: 'US', topic: 'Stress' };
const pull = (list: WatchedList, helplines: Helpline[]): Pull => ({ list, helplines });

describe('advance', () => {
	test('first poll records a baseline silently', () => {
		const result = advance(undefined, [pull(nz, [h('a')]), pull(us, [])], false);
		expect(result.events).toEqual([]);
		expect(result.changed).toBe(true);
		expect(result.next).toEqual({ NZ: buildSnapshot([h('a')]), 'US|Stress': {} });
	});

	test('first poll can report every helpline as added, with country and topic', () => {
		const { events } = advance(undefined, [pull(nz, [h('a')]), pull(us, [h('b')])], true);
		expect(events).toEqual([
			{ event: 'added', countryCode: 'NZ', helpline: h('a') },
			{ event: 'added', countryCode: 'US', topic: 'Stress', helpline: h('b') },
		]);
		expect(Object.keys(events[0])).toEqual(['event', 'countryCode', 'helpline']);
	});

	test('later polls report per list; an empty list recorded earlier is not a first poll', () => {
		const stored = advance(undefined, [pull(nz, [h('a')]), pull(us, [])], false).next;
		const { events, changed } = advance(stored, [pull(nz, [h('a', 'Renamed')]), pull(us, [h('b')])], true);
		expect(changed).toBe(true);
		expect(events).toEqual([
			{
				event: 'changed',
				countryCode: 'NZ',
				helpline: h('a', 'Renamed'),
				changes: [{ field: 'name', old: 'Helpline a', new: 'Renamed' }],
			},
			{ event: 'added', countryCode: 'US', topic: 'Stress', helpline: h('b') },
		]);
	});

	test('nothing changed: no events, nothing to store, stored records kept as they are', () => {
		const stored = advance(undefined, [pull(nz, [h('a'), h('b')])], false).next;
		const result = advance(stored, [pull(nz, [h('b'), h('a')])], false);
		expect(result).toEqual({ events: [], next: stored, changed: false });
		expect(result.next.NZ).toBe(stored.NZ);
	});

	test('a list seen for the first time among known ones gets its own baseline', () => {
		const stored = advance(undefined, [pull(nz, [h('a')])], false).next;
		const silent = advance(stored, [pull(nz, [h('a')]), pull(us, [h('b')])], false);
		expect(silent.events).toEqual([]);
		expect(silent.changed).toBe(true);
		const loud = advance(stored, [pull(nz, [h('a')]), pull(us, [h('b')])], true);
		expect(loud.events.map((e) => `${e.event} ${e.helpline.id}`)).toEqual(['added b']);
	});

	test('a list no longer watched is forgotten without reporting removals', () => {
		const stored = advance(undefined, [pull(nz, [h('a')]), pull(us, [h('b')])], false).next;
		const result = advance(stored, [pull(nz, [h('a')])], false);
		expect(result.events).toEqual([]);
		expect(result.changed).toBe(true);
		expect(Object.keys(result.next)).toEqual(['NZ']);
	});
});
