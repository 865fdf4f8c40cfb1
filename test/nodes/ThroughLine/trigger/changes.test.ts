/** Change detection as pure functions: examples first, then properties over generated lists. */
import fc from 'fast-check';

import type { Helpline } from '../../../../nodes/ThroughLine/helpers/types';
import type { Change } from '../../../../nodes/ThroughLine/trigger/changes';
import {
	buildSnapshot,
	diffSnapshot,
	everythingAdded,
	fieldChanges,
	pullProblem,
	removal,
} from '../../../../nodes/ThroughLine/trigger/changes';
import type { Snapshot } from '../../../../nodes/ThroughLine/trigger/snapshot';
import { canonicalJson, encodeEntry } from '../../../../nodes/ThroughLine/trigger/snapshot';

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
const missing = (before: Helpline[], after: Helpline[]) => diffSnapshot(buildSnapshot(before), after).missing;

describe('canonicalJson', () => {
	test('ignore key order and list order, not content or types', () => {
		expect(canonicalJson({ b: 1, a: [3, 1, 2] })).toBe(canonicalJson({ a: [2, 3, 1], b: 1 }));
		expect(canonicalJson({ a: [{ y: 1, x: 2 }, 'z'] })).toBe(canonicalJson({ a: ['z', { x: 2, y: 1 }] }));
		expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
		expect(canonicalJson({ a: [1, 1] })).not.toBe(canonicalJson({ a: [1] }));
		expect(canonicalJson({ a: undefined, b: 2 })).toBe(canonicalJson({ b: 2 }));
		expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
	});
});

describe('diffSnapshot', () => {
	const list = [helpline('a'), helpline('b'), helpline('c')];

	test('the same list, or a reordered one, gives no events', () => {
		expect(diffSnapshot(buildSnapshot(list), list)).toEqual({ changes: [], missing: [], next: buildSnapshot(list) });
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

	test('a helpline gone from the list is a removal to confirm, not yet an event', () => {
		expect(diffSnapshot(buildSnapshot(list), [list[0], list[2]])).toEqual({
			changes: [],
			missing: ['b'],
			next: buildSnapshot([list[0], list[2]]),
		});
	});

	test('a removal reports the last known ID, name and numbers', () => {
		const stored = helpline('b', { smsNumber: '234', website: 'https://b.example' });
		expect(removal('b', encodeEntry(stored))).toEqual({
			event: 'removed',
			helpline: { id: 'b', name: 'Helpline b', phoneNumber: '0800 111 222', smsNumber: '234' },
		});
	});

	test('a list that may be cut never yields removals: what it left out stays stored', () => {
		const { changes, missing: gone, next } = diffSnapshot(buildSnapshot(list), [helpline('a', { name: 'A2' }), helpline('d')], true);
		expect(summary(changes)).toEqual(['changed a', 'added d']);
		expect(gone).toEqual([]);
		expect(Object.keys(next).sort()).toEqual(['a', 'b', 'c', 'd']);
		expect(next.b).toEqual(buildSnapshot(list).b);
	});

	test('reports a changed number with its old and new value', () => {
		const edited = helpline('b', { phoneNumber: '0800 999 000' });
		expect(diff(list, [list[0], edited, list[2]])).toEqual([
			{ event: 'changed', helpline: edited, changes: [{ field: 'phoneNumber', old: '0800 111 222', new: '0800 999 000' }] },
		]);
	});

	test('a field kept as a fingerprint is named with its new value, and no old value', () => {
		const edited = helpline('a', { topics: ['Anxiety', 'Depression', 'Loneliness'] });
		const [change] = diff(list, [edited, list[1], list[2]]);
		expect(change.changes).toEqual([{ field: 'topics', new: ['Anxiety', 'Depression', 'Loneliness'] }]);
	});

	test('an optional key appearing or disappearing is a change, with null for absent', () => {
		const { phoneNumber: _dropped, ...withoutPhone } = helpline('a');
		const withSms = helpline('b', { smsNumber: '234', website: 'https://b.example' });
		const { description: _gone, ...withoutDescription } = helpline('c');
		const changes = diff(list, [withoutPhone as Helpline, withSms, withoutDescription as Helpline]);
		expect(changes.map((c) => c.changes)).toEqual([
			[{ field: 'phoneNumber', old: '0800 111 222', new: null }],
			[
				{ field: 'smsNumber', old: null, new: '234' },
				{ field: 'website', old: null, new: 'https://b.example' },
			],
			[{ field: 'description', new: null }],
		]);
	});

	test('nested and unknown fields are compared too, and named by their top-level field', () => {
		const before = [...list.slice(0, 2), helpline('c', { supportTypes: ['chat'] })];
		const edited = helpline('c', {
			country: { name: 'New Zealand', code: 'NZ', emergencyNumber: '112' },
			hours: { alwaysOpen: true, periods: [] },
			supportTypes: ['chat', 'call'],
			shortDescription: 'New',
		});
		const [change] = diff(before, [list[0], list[1], edited]);
		expect(change.changes).toEqual([
			{ field: 'country', new: edited.country },
			{ field: 'hours', old: null, new: edited.hours },
			{ field: 'shortDescription', old: null, new: 'New' },
			{ field: 'supportTypes', new: ['chat', 'call'] },
		]);
	});

	test('several fields of one helpline give one event, fields in name order', () => {
		const edited = helpline('a', { website: 'https://x.example', name: 'Renamed', description: 'New' });
		const [change] = diff(list, [edited, list[1], list[2]]);
		expect(change.changes!.map((c) => c.field)).toEqual(['description', 'name', 'website']);
		expect(change.changes!.find((c) => c.field === 'name')).toEqual({ field: 'name', old: 'Helpline a', new: 'Renamed' });
	});

	test('additions and changes in ThroughLine order; missing IDs in stored order', () => {
		const result = diffSnapshot(buildSnapshot([...list, helpline('f')]), [
			helpline('e'),
			helpline('c', { name: 'C2' }),
			helpline('a'),
			helpline('d'),
		]);
		expect(summary(result.changes)).toEqual(['added e', 'changed c', 'added d']);
		expect(result.missing).toEqual(['b', 'f']);
	});

	test('a replacement under a new ID is a removal to confirm and an addition', () => {
		const result = diffSnapshot(buildSnapshot(list), [list[0], { ...list[1], id: 'b2' }, list[2]]);
		expect(summary(result.changes)).toEqual(['added b2']);
		expect(result.missing).toEqual(['b']);
	});

	test('empty lists both ways', () => {
		expect(diff([], [])).toEqual([]);
		expect(summary(diff([], list))).toEqual(['added a', 'added b', 'added c']);
		expect(missing(list, [])).toEqual(['a', 'b', 'c']);
	});

	test('a snapshot that went through JSON (as n8n stores it) compares equal', () => {
		const stored = JSON.parse(JSON.stringify(buildSnapshot(list))) as Snapshot;
		expect(diffSnapshot(stored, list)).toEqual({ changes: [], missing: [], next: buildSnapshot(list) });
	});

	test('everythingAdded reports each helpline of the pull', () => {
		expect(summary(everythingAdded(list))).toEqual(['added a', 'added b', 'added c']);
	});

	test('fieldChanges lists only differing fields', () => {
		const entry = encodeEntry(helpline('a'));
		expect(fieldChanges(entry, helpline('a', { topics: ['Depression', 'Anxiety'] }))).toEqual([]);
		expect(fieldChanges(entry, helpline('a', { name: 'B', whatsappUrl: 'https://wa.me/1' }))).toEqual([
			{ field: 'name', old: 'Helpline a', new: 'B' },
			{ field: 'whatsappUrl', old: null, new: 'https://wa.me/1' },
		]);
	});
});

describe('pullProblem', () => {
	test('a clean pull has none', () => {
		expect(pullProblem([helpline('a'), helpline('b')])).toBeUndefined();
		expect(pullProblem([])).toBeUndefined();
	});

	// Review D1: keeping the first of two records flapped as "changed" whenever their order swapped.
	test('the same ID twice is a problem, whichever record comes first', () => {
		const a1 = helpline('a', { phoneNumber: '111' });
		const a2 = helpline('a', { phoneNumber: '222' });
		for (const pull of [
			[a1, a2],
			[a2, a1],
			[a1, helpline('b'), a1],
		]) {
			expect(pullProblem(pull)).toBe(
				"ThroughLine's list holds the same helpline ID more than once (a), so the trigger cannot tell which record is current",
			);
		}
		const many = ['p', 'q', 'r', 's'].flatMap((id) => [helpline(id), helpline(id)]);
		expect(pullProblem(many)).toContain('(p, q, r and 1 more)');
		const three = ['p', 'q', 'r'].flatMap((id) => [helpline(id), helpline(id)]);
		expect(pullProblem(three)).toContain('(p, q, r), so');
	});

	test('a record without an ID is a problem', () => {
		const noId = { name: 'No ID' } as unknown as Helpline;
		expect(pullProblem([helpline('a'), noId])).toBe("ThroughLine's list holds a helpline without an ID, which cannot be tracked");
		expect(pullProblem([noId, { ...noId, id: '' } as Helpline])).toContain('holds 2 helplines without an ID');
		// A null in the list (broken JSON from the server) is a record without an ID, not a crash.
		expect(pullProblem([helpline('a'), null as unknown as Helpline])).toContain('holds a helpline without an ID');
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

/** Replays a diff on the old records: missing ones removed, "changed" events applied field by field. */
function applyEvents(before: Helpline[], changes: Change[], gone: string[]): Record<string, unknown> {
	const records: Record<string, Record<string, unknown>> = {};
	for (const record of before) records[record.id] = { ...record };
	for (const id of gone) {
		expect(records[id]).toBeDefined();
		delete records[id];
	}
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
			for (const { field, new: value, ...rest } of change.changes!) {
				// An old value, where given, is what the record held (null: absent).
				if ('old' in rest) expect(canonicalJson(rest.old)).toBe(canonicalJson(records[id][field] ?? null));
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
				const { changes, missing: gone, next } = diffSnapshot(buildSnapshot(before), after);
				const replayed = applyEvents(before, changes, gone);
				const expected = Object.fromEntries(after.map((record) => [record.id, record]));
				expect(canonicalRecords(replayed)).toEqual(canonicalRecords(expected));
				expect(next).toEqual(buildSnapshot(after));
			}),
			{ numRuns: 500 },
		);
	});

	test('a list compared with a shuffle of itself (inner lists shuffled too) yields no events', () => {
		const shuffled = listArb.chain((list) =>
			fc.tuple(
				fc.constant(list),
				fc
					.shuffledSubarray(list, { minLength: list.length })
					.chain((order) =>
						fc.tuple(
							...order.map((h) =>
								fc.shuffledSubarray(h.topics ?? [], { minLength: (h.topics ?? []).length }).map((topics) => ({ ...h, topics })),
							),
						),
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
				const result = diffSnapshot(buildSnapshot(before), after);
				const ids = [...result.changes.map((c) => c.helpline.id), ...result.missing];
				expect(new Set(ids).size).toBe(ids.length);
			}),
		);
	});
});
