import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { Helpline } from '../helpers/types';

/**
 * The stored form of one watched list: per helpline ID, short fingerprints of its fields and the
 * few values a "removed" event and a change's old value need. Whole records would cost about
 * 1 MB of workflow static data for the whole directory, which n8n rewrites on every emitting poll.
 *
 * An entry is an array, `[fingerprints, name, phoneNumber, smsNumber, extras]` (absent values as
 * null, trailing ones left out), because key names repeated 1,300 times would not fit the budget.
 */

/** Fields whose values are kept: what a person reads and dials. */
export const STORED_FIELDS = ['name', 'phoneNumber', 'smsNumber'] as const;

/**
 * Fields kept as a fingerprint only, in a fixed order (4 characters each). The URLs are here and
 * not in STORED_FIELDS: with them, the IDs and the values alone would already pass 200 KB for
 * the whole directory.
 */
export const FINGERPRINTED_FIELDS = [
	'country',
	'description',
	'hours',
	'specialties',
	'supported_languages',
	'timezone',
	'topics',
	'webChatUrl',
	'website',
	'whatsappUrl',
] as const;

const FINGERPRINT_LENGTH = 4;
/** Not a base64url character, so never a fingerprint. */
const ABSENT = '.'.repeat(FINGERPRINT_LENGTH);

const KNOWN = new Set<string>(['id', ...STORED_FIELDS, ...FINGERPRINTED_FIELDS]);

/** [fingerprints, name, phoneNumber, smsNumber, extras: field → fingerprint] */
export type SnapshotEntry = Array<string | IDataObject[keyof IDataObject] | null>;

/** Helpline ID → entry. */
export type Snapshot = Record<string, SnapshotEntry>;

/**
 * JSON with object keys sorted and list elements sorted, so that neither key order nor the order
 * of a list (topics, languages, opening periods) counts as a change; what is in it does.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).sort().join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const object = value as Record<string, unknown>;
		const keys = Object.keys(object)
			.filter((key) => object[key] !== undefined)
			.sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * 24 bits of SHA-256 of one field's canonical JSON. Only two versions of the same field of the
 * same helpline are ever compared: a change goes unseen about once in 16 million changes.
 */
export function fieldFingerprint(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value)).digest('base64url').slice(0, FINGERPRINT_LENGTH);
}

/** The stored entry of a record. */
export function encodeEntry(record: Helpline): SnapshotEntry {
	const prints = FINGERPRINTED_FIELDS.map((field) => (record[field] === undefined ? ABSENT : fieldFingerprint(record[field]))).join('');
	const entry: SnapshotEntry = [prints, ...STORED_FIELDS.map((field) => (record[field] === undefined ? null : record[field]))];
	const extras: IDataObject = {};
	for (const field of Object.keys(record).sort()) {
		if (!KNOWN.has(field) && record[field] !== undefined) extras[field] = fieldFingerprint(record[field]);
	}
	if (Object.keys(extras).length) entry.push(extras);
	while (entry.length > 1 && entry[entry.length - 1] === null) entry.pop();
	return entry;
}

/** What an entry knows about one field. */
export type FieldState = { kind: 'absent' } | { kind: 'value'; value: unknown } | { kind: 'print'; print: string };

/** Every field an entry knows of, by name (absent ones included, so their appearance counts). */
export function decodeEntry(entry: SnapshotEntry): Map<string, FieldState> {
	const fields = new Map<string, FieldState>();
	const prints = typeof entry[0] === 'string' ? entry[0] : '';
	FINGERPRINTED_FIELDS.forEach((field, index) => {
		const print = prints.slice(index * FINGERPRINT_LENGTH, (index + 1) * FINGERPRINT_LENGTH);
		fields.set(field, print === ABSENT || print === '' ? { kind: 'absent' } : { kind: 'print', print });
	});
	STORED_FIELDS.forEach((field, index) => {
		const value = entry[index + 1];
		fields.set(field, value === undefined || value === null ? { kind: 'absent' } : { kind: 'value', value });
	});
	const extras = entry[STORED_FIELDS.length + 1];
	if (extras && typeof extras === 'object' && !Array.isArray(extras)) {
		for (const [field, print] of Object.entries(extras)) fields.set(field, { kind: 'print', print: String(print) });
	}
	return fields;
}

/** The last known record of a stored helpline: its ID and the stored values. */
export function lastKnown(id: string, entry: SnapshotEntry): Helpline {
	const record: IDataObject = { id };
	STORED_FIELDS.forEach((field, index) => {
		const value = entry[index + 1];
		if (value !== undefined && value !== null) record[field] = value;
	});
	return record as Helpline;
}

/** Whether a stored entry already has this record's content. */
export const sameContent = (entry: SnapshotEntry, record: Helpline) => canonicalJson(entry) === canonicalJson(encodeEntry(record));

/** Snapshots as format V1 stored them: whole records with a 64-bit fingerprint. */
type SnapshotV1 = Record<string, { h?: string; r?: Helpline }>;

/**
 * A V1 snapshot in the V2 form, entry by entry, so a stored list goes on where it was: nothing is
 * re-emitted and a change made since the last V1 poll is still seen. Entries without a record
 * are dropped (V1 never wrote any).
 */
export function migrateV1(stored: unknown): Record<string, Snapshot> {
	const lists: Record<string, Snapshot> = {};
	if (!stored || typeof stored !== 'object') return lists;
	for (const [key, snapshot] of Object.entries(stored as Record<string, SnapshotV1>)) {
		lists[key] = {};
		for (const [id, entry] of Object.entries(snapshot ?? {})) {
			if (entry?.r && typeof entry.r === 'object') lists[key][id] = encodeEntry({ ...entry.r, id });
		}
	}
	return lists;
}
