import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { Helpline } from '../ThroughLine/helpers/types';

/**
 * Change detection between two pulls of the same watched list, as pure functions. The stored
 * snapshot of one list maps a helpline ID to a fingerprint of its content and the record itself
 * (to describe what changed, and to report the last known record when one disappears).
 */

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface FieldChange extends IDataObject {
	field: string;
	/** null when the field was absent (ThroughLine leaves optional fields out, it never sends null) */
	old: IDataObject[keyof IDataObject];
	new: IDataObject[keyof IDataObject];
}

export interface Change {
	event: ChangeKind;
	/** The current record, or the last known one for a removed helpline. */
	helpline: Helpline;
	changes?: FieldChange[];
}

export interface SnapshotEntry extends IDataObject {
	/** fingerprint of the canonical JSON */
	h: string;
	r: Helpline;
}

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

/** 64 bits of SHA-256: collisions between two versions of one helpline are not a practical concern. */
export function fingerprint(record: unknown): string {
	return createHash('sha256').update(canonicalJson(record)).digest('hex').slice(0, 16);
}

const hasId = (record: Helpline) => typeof record?.id === 'string' && record.id !== '';

/** The snapshot of a pulled list. Records without an ID cannot be tracked; a repeated ID keeps its first record. */
export function buildSnapshot(helplines: Helpline[]): Snapshot {
	const snapshot: Snapshot = {};
	for (const record of helplines) {
		if (!hasId(record) || Object.prototype.hasOwnProperty.call(snapshot, record.id)) continue;
		snapshot[record.id] = { h: fingerprint(record), r: record };
	}
	return snapshot;
}

const absentAsNull = (value: unknown) => (value === undefined ? null : value) as FieldChange['old'];

/** Top-level fields whose content differs, by name; a field that appears or disappears counts. */
export function fieldChanges(before: IDataObject, after: IDataObject): FieldChange[] {
	const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
	const changes: FieldChange[] = [];
	for (const field of fields) {
		const old = before[field];
		const now = after[field];
		if (old === undefined && now === undefined) continue;
		if (old !== undefined && now !== undefined && canonicalJson(old) === canonicalJson(now)) continue;
		changes.push({ field, old: absentAsNull(old), new: absentAsNull(now) });
	}
	return changes;
}

/**
 * What happened between the stored snapshot and the current pull: removals first (in the order
 * they were stored), then additions and changes in ThroughLine's ranking. Ranking moves alone are
 * not changes. Returns the snapshot to store next as well.
 */
export function diffSnapshot(previous: Snapshot, current: Helpline[]): { changes: Change[]; next: Snapshot } {
	const next = buildSnapshot(current);
	const changes: Change[] = [];
	for (const [id, entry] of Object.entries(previous)) {
		if (!Object.prototype.hasOwnProperty.call(next, id)) changes.push({ event: 'removed', helpline: entry.r });
	}
	for (const [id, entry] of Object.entries(next)) {
		const before = Object.prototype.hasOwnProperty.call(previous, id) ? previous[id] : undefined;
		if (!before) {
			changes.push({ event: 'added', helpline: entry.r });
		} else if (before.h !== entry.h) {
			// Compared field by field too, so a fingerprint from another format never reports an empty change.
			const fields = fieldChanges(before.r, entry.r);
			if (fields.length) changes.push({ event: 'changed', helpline: entry.r, changes: fields });
		}
	}
	return { changes, next };
}

/** Every helpline of a first pull, reported as added (the "Emit Every Helpline as Added" baseline). */
export const everythingAdded = (current: Helpline[]): Change[] =>
	Object.values(buildSnapshot(current)).map((entry) => ({ event: 'added', helpline: entry.r }));
