/** Change detection as pure functions: examples first, then properties over generated lists. */
import fc from 'fast-check';

import type { Helpline } from '../../../nodes/ThroughLine/helpers/types';
import type { Change, Snapshot } from '../../../nodes/ThroughLineTrigger/changes';
import {
	buildSnapshot,
	canonicalJson,
	diffSnapshot,
	everythingAdded,
	fieldChanges,
	fingerprint,
} from '../../../nodes/ThroughLineTrigger/changes';

const helpline = (id: string, extra: Partial<Helpline> = {}): Helpline => ({
	id,
	name: `Helpline ${id}`,
	description: 'Free, confidential support.',
	country: { name: 'New Zealand', code: 'NZ', emergencyNumber: '111' },
	timezone: 'Pacific/Auckland',
	topics: ['Anxiety', 'Depression'],
	phoneNumber: '0800 111 222',
	supported_languages: ['en', 'mi'],
	specialties: ['Everyone'],
	...extra,
});

const summary = (changes: Change[]) => changes.map((c) => `${c.event} ${c.helpline.id}`);
const diff = (before: Helpline[], after: Helpline[]) => diffSnapshot(buildSnapshot(before), after).changes;

describe('canonicalJson and fingerprint', () => {
	test('ignore key order and list order, not content or types', () => {
		expect(canonicalJson({ b: 1, a: [3, 1, 2] })).toBe(canonicalJson({ a: [2, 3, 1], b: 1 }));
		expect(canonicalJson({ a: [{ y: 1, x: 2 }, 'z'] })).toBe(canonicalJson({ a: ['z', { x: 2, y: 1 }] }));
		expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
		expect(canonicalJson({ a: [1, 1] })).not.toBe(canonicalJson({ a: [1] }));
		expect(canonicalJson({ a: undefined, b: 2 })).toBe(canonicalJson({ b: 2 }));
		expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
	});

	test('a fingerprint is 16 hex digits, stable across JSON round trips, and tracks content', () => {
		const record = helpline('a');
		expect(fingerprint(record)).toMatch(/^[0-9a-f]{16}$/);
		expect(fingerprint(JSON.parse(JSON.stringify(record)))).toBe(fingerprint(record));
		expect(fingerprint({ ...record, name: 'Other' })).not.toBe(fingerprint(record));
	});
});

describe('diffSnapshot', () => {
	const list = [helpline('a'), helpline('b'), helpline('c')];

	test('the same list, or a reordered one, gives no events', () => {
		expect(diff(list, list)).toEqual([]);
		expect(diff(list, [list[2], list[0], list[1]])).toEqual([]);
	});

	test('reordered topics, languages or keys inside a record are not a change', () => {
		const shuffled = { ...helpline('a', { topics: ['Depression', 'Anxiety'], supported_languages: ['mi', 'en'] }) };
		const reKeyed = Object.fromEntries(Object.entries(helpline('b')).reverse()) as Helpline;
		expect(diff(list, [shuffled, reKeyed, list[2]])).toEqual([]);
	});

	test('reports an added helpline with its record', () => {
		const added = helpline('d');
		expect(diff(list, [...list, added])).toEqual([{ event: 'added', helpline: added }]);
	});

	test('reports a removed helpline with its last known record', () => {
		expect(diff(list, [list[0], list[2]])).toEqual([{ event: 'removed', helpline: list[1] }]);
	});

	test('reports a changed field with its old and new value', () => {
		const edited = helpline('b', { phoneNumber: '0800 999 000' });
		expect(diff(list, [list[0], edited, list[2]])).toEqual([
			{ event: 'changed', helpline: edited, changes: [{ field: 'phoneNumber', old: '0800 111 222', new: '0800 999 000' }] },
		]);
	});

	test('a new topic in the list is a change', () => {
		const edited = helpline('a', { topics: ['Anxiety', 'Depression', 'Loneliness'] });
		const [change] = diff(list, [edited, list[1], list[2]]);
		expect(change.changes).toEqual([
			{ field: 'topics', old: ['Anxiety', 'Depression'], new: ['Anxiety', 'Depression', 'Loneliness'] },
		]);
	});

	test('an optional key appearing or disappearing is a change, with null for absent', () => {
		const { phoneNumber: _dropped, ...withoutPhone } = helpline('a');
		const withSms = helpline('b', { smsNumber: '234' });
		const changes = diff(list, [withoutPhone as Helpline, withSms, list[2]]);
		expect(changes.map((c) => c.changes)).toEqual([
			[{ field: 'phoneNumber', old: '0800 111 222', new: null }],
			[{ field: 'smsNumber', old: null, new: '234' }],
		]);
	});

	test('nested and unknown fields are compared too, and named by their top-level field', () => {
		const edited = helpline('c', {
			country: { name: 'New Zealand', code: 'NZ', emergencyNumber: '112' },
			hours: { alwaysOpen: true, periods: [] },
		});
		const [change] = diff(list, [list[0], list[1], edited]);
		expect(change.changes!.map((c) => c.field)).toEqual(['country', 'hours']);
		expect(change.changes![0].new).toEqual(edited.country);
	});

	test('several fields of one helpline give one event, fields in name order', () => {
		const edited = helpline('a', { website: 'https://x.example', name: 'Renamed', description: 'New' });
		const [change] = diff(list, [edited, list[1], list[2]]);
		expect(change.changes!.map((c) => c.field)).toEqual(['description', 'name', 'website']);
	});

	test('removals come first, then additions and changes in ThroughLine order', () => {
		const changes = diff(list, [helpline('e'), helpline('c', { name: 'C2' }), helpline('a'), helpline('d')]);
		expect(summary(changes)).toEqual(['removed b', 'added e', 'changed c', 'added d']);
	});

	test('removed, then re-added across polls, reports removed then added', () => {
		const first = diffSnapshot(buildSnapshot(list), [list[0], list[2]]);
		const second = diffSnapshot(first.next, list);
		expect(summary(first.changes)).toEqual(['removed b']);
		expect(summary(second.changes)).toEqual(['added b']);
		expect(diffSnapshot(second.next, list).changes).toEqual([]);
	});

	test('a replacement under a new ID is a removal and an addition', () => {
		expect(summary(diff(list, [list[0], { ...list[1], id: 'b2' }, list[2]]))).toEqual(['removed b', 'added b2']);
	});

	test('empty lists both ways', () => {
		expect(diff([], [])).toEqual([]);
		expect(summary(diff([], list))).toEqual(['added a', 'added b', 'added c']);
		expect(summary(diff(list, []))).toEqual(['removed a', 'removed b', 'removed c']);
	});

	test('records without an ID are not tracked; a repeated ID keeps its first record', () => {
		const noId = { name: 'No ID' } as unknown as Helpline;
		const snapshot = buildSnapshot([list[0], noId, { ...list[0], name: 'Duplicate' }]);
		expect(Object.keys(snapshot)).toEqual(['a']);
		expect(snapshot.a.r.name).toBe('Helpline a');
	});

	test('a snapshot that went through JSON (as n8n stores it) compares equal', () => {
		const stored = JSON.parse(JSON.stringify(buildSnapshot(list))) as Snapshot;
		expect(diffSnapshot(stored, list).changes).toEqual([]);
	});

	test('a stale fingerprint with identical content reports nothing', () => {
		const snapshot = buildSnapshot(list);
		snapshot.a = { ...snapshot.a, h: '0000000000000000' };
		expect(diffSnapshot(snapshot, list).changes).toEqual([]);
	});

	test('everythingAdded reports each tracked helpline once', () => {
		expect(summary(everythingAdded([...list, list[0]]))).toEqual(['added a', 'added b', 'added c']);
	});

	test('fieldChanges lists only differing fields', () => {
		expect(fieldChanges({ a: 1, b: [1, 2] }, { a: 1, b: [2, 1] })).toEqual([]);
		expect(fieldChanges({ a: 1 }, { a: 2, c: false })).toEqual([
			{ field: 'a', old: 1, new: 2 },
			{ field: 'c', old: null, new: false },
		]);
	});
});

// ---- Properties ---------------------------------------------------------------------------

const IDS = ['a', 'b', 'c', 'd', 'e', 'f'];
const TOPICS = ['Anxiety', 'Depression', 'Loneliness', 'Stress'];

/** Small value domains, so two generated lists share IDs and often identical records. */
const helplineArb: fc.Arbitrary<Helpline> = fc
	.record(
		{
			id: fc.constantFrom(...IDS),
			name: fc.constantFrom('One', 'Two'),
			topics: fc.subarray(TOPICS),
			country: fc.record({ code: fc.constantFrom('NZ', 'US'), name: fc.constant('X') }),
			phoneNumber: fc.constantFrom('111', '222'),
			smsNumber: fc.constantFrom('333', '444'),
			extra: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant('1'), fc.boolean()),
		},
		{ requiredKeys: ['id', 'name', 'topics'] },
	)
	.map((record) => record as Helpline);

const listArb = fc.uniqueArray(helplineArb, { selector: (h) => h.id, maxLength: IDS.length });

/** Replays emitted events on a snapshot, using only the field changes for "changed" events. */
function applyEvents(snapshot: Snapshot, changes: Change[]): Record<string, unknown> {
	const records: Record<string, Record<string, unknown>> = {};
	for (const [id, entry] of Object.entries(snapshot)) records[id] = { ...entry.r };
	for (const change of changes) {
		const id = change.helpline.id;
		if (change.event === 'removed') {
			expect(records[id]).toBeDefined();
			delete records[id];
		} else if (change.event === 'added') {
			expect(records[id]).toBeUndefined();
			records[id] = { ...change.helpline };
		} else {
			expect(change.changes!.length).toBeGreaterThan(0);
			for (const { field, new: value } of change.changes!) {
				if (value === null) delete records[id][field];
				else records[id][field] = value;
			}
		}
	}
	return records;
}

const canonicalRecords = (records: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(records).map(([id, r]) => [id, canonicalJson(r)]));

describe('properties', () => {
	test('applying the emitted events to the old snapshot gives the new one', () => {
		fc.assert(
			fc.property(listArb, listArb, (before, after) => {
				const previous = buildSnapshot(before);
				const { changes, next } = diffSnapshot(previous, after);
				const replayed = applyEvents(previous, changes);
				const expected = Object.fromEntries(Object.entries(next).map(([id, e]) => [id, e.r]));
				expect(canonicalRecords(replayed)).toEqual(canonicalRecords(expected));
			}),
			{ numRuns: 500 },
		);
	});

	test('a list compared with a shuffle of itself (inner lists shuffled too) yields no events', () => {
		const shuffled = listArb.chain((list) =>
			fc.tuple(
				fc.constant(list),
				fc.shuffledSubarray(list, { minLength: list.length }).chain((order) =>
					fc.tuple(...order.map((h) => fc.shuffledSubarray(h.topics ?? [], { minLength: (h.topics ?? []).length }).map((topics) => ({ ...h, topics })))),
				),
			),
		);
		fc.assert(
			fc.property(shuffled, ([list, reordered]) => {
				expect(diffSnapshot(buildSnapshot(list), reordered as Helpline[]).changes).toEqual([]);
			}),
			{ numRuns: 300 },
		);
	});

	test('every event names a helpline at most once per diff', () => {
		fc.assert(
			fc.property(listArb, listArb, (before, after) => {
				const ids = diffSnapshot(buildSnapshot(before), after).changes.map((c) => c.helpline.id);
				expect(new Set(ids).size).toBe(ids.length);
			}),
		);
	});
});
