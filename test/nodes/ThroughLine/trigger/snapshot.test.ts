/** The stored form of a watched list: short, JSON-safe, and convertible from format 1. */
import type { Helpline } from '../../../../nodes/ThroughLine/helpers/types';
import { buildSnapshot, diffSnapshot } from '../../../../nodes/ThroughLine/trigger/changes';
import {
	decodeEntry,
	encodeEntry,
	fieldFingerprint,
	FINGERPRINTED_FIELDS,
	lastKnown,
	migrateV1,
} from '../../../../nodes/ThroughLine/trigger/snapshot';

const record: Helpline = {
	id: '3f2b',
	name: 'Night Line',
	description: 'Talk to someone.',
	country: { name: 'New Zealand', code: 'NZ', emergencyNumber: '111' },
	topics: ['Anxiety'],
	phoneNumber: '0800 111 222',
	website: 'https://night.example',
	supportTypes: ['chat'],
};

test('a field fingerprint is 4 base64url characters, stable across JSON round trips, and tracks content', () => {
	expect(fieldFingerprint(record.country)).toMatch(/^[A-Za-z0-9_-]{4}$/);
	expect(fieldFingerprint(JSON.parse(JSON.stringify(record.country)))).toBe(fieldFingerprint(record.country));
	expect(fieldFingerprint(['a', 'b'])).toBe(fieldFingerprint(['b', 'a']));
	expect(fieldFingerprint('1')).not.toBe(fieldFingerprint(1));
});

test('an entry keeps the name and numbers as values, every other field as a fingerprint', () => {
	const entry = encodeEntry(record);
	expect(entry).toHaveLength(5);
	expect(entry.slice(1)).toEqual(['Night Line', '0800 111 222', null, { supportTypes: fieldFingerprint(['chat']) }]);
	expect(entry[0]).toHaveLength(FINGERPRINTED_FIELDS.length * 4);
	// Nothing of the description or the website itself is stored.
	expect(JSON.stringify(entry)).not.toMatch(/Talk to someone|night\.example/);
	const fields = decodeEntry(entry);
	expect(fields.get('website')).toEqual({ kind: 'print', print: fieldFingerprint(record.website) });
	expect(fields.get('hours')).toEqual({ kind: 'absent' });
	expect(fields.get('smsNumber')).toEqual({ kind: 'absent' });
	expect(fields.get('name')).toEqual({ kind: 'value', value: 'Night Line' });
	expect(lastKnown(record.id, entry)).toEqual({ id: '3f2b', name: 'Night Line', phoneNumber: '0800 111 222' });
});

test('trailing absent values are left out', () => {
	const { phoneNumber: _p, supportTypes: _s, ...bare } = record;
	expect(encodeEntry(bare as Helpline)).toHaveLength(2);
	expect(lastKnown('x', encodeEntry(bare as Helpline))).toEqual({ id: 'x', name: 'Night Line' });
});

describe('migrateV1', () => {
	const v1 = (records: Helpline[]) =>
		JSON.parse(JSON.stringify(Object.fromEntries(records.map((r) => [r.id, { h: '0123456789abcdef', r }]))));

	test('converts whole records into entries, list by list, so an unchanged pull reports nothing', () => {
		const other = { ...record, id: '9a9a', name: 'Day Line' };
		const migrated = migrateV1({ NZ: v1([record, other]), 'US|Stress': {} });
		expect(migrated).toEqual({ NZ: buildSnapshot([record, other]), 'US|Stress': {} });
		expect(diffSnapshot(migrated.NZ, [other, record]).changes).toEqual([]);
	});

	test('a change made since the last V1 poll is still reported, with the old number', () => {
		const migrated = migrateV1({ NZ: v1([record]) });
		const { changes } = diffSnapshot(migrated.NZ, [{ ...record, phoneNumber: '0800 999' }]);
		expect(changes).toEqual([
			{
				event: 'changed',
				helpline: { ...record, phoneNumber: '0800 999' },
				changes: [{ field: 'phoneNumber', old: '0800 111 222', new: '0800 999' }],
			},
		]);
	});

	test('tolerates what V1 never wrote', () => {
		expect(migrateV1(undefined)).toEqual({});
		expect(migrateV1({ NZ: { a: {} } })).toEqual({ NZ: {} });
	});
});
