import type { IDataObject } from 'n8n-workflow';

import type { Helpline } from '../helpers/types';
import type { Snapshot, SnapshotEntry } from './snapshot';
import { canonicalJson, decodeEntry, encodeEntry, fieldFingerprint, lastKnown, sameContent } from './snapshot';

/**
 * Change detection between a stored snapshot and the current pull of the same watched list, as
 * pure functions. Removals are only candidates here ("missing"): the caller confirms each one.
 */

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface FieldChange extends IDataObject {
	field: string;
	/**
	 * The old value: null when the field was absent (ThroughLine leaves optional fields out, it
	 * never sends null). Left out when the snapshot kept only a fingerprint of it.
	 */
	old?: IDataObject[keyof IDataObject];
	new: IDataObject[keyof IDataObject];
}

export interface Change {
	event: ChangeKind;
	/** The current record, or the last known one (ID, name, numbers) for a removed helpline. */
	helpline: Helpline;
	changes?: FieldChange[];
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
const absentAsNull = (value: unknown) => (value === undefined ? null : value) as FieldChange['new'];

/**
 * Why a pull cannot be compared, or undefined: a record without an ID cannot be tracked, and a
 * repeated ID leaves no way to tell which record is the helpline (picking one flaps).
 */
export function pullProblem(helplines: Helpline[]): string | undefined {
	const seen = new Set<string>();
	const repeated = new Set<string>();
	let withoutId = 0;
	for (const record of helplines) {
		const id = record?.id;
		if (typeof id !== 'string' || id === '') withoutId++;
		else if (seen.has(id)) repeated.add(id);
		else seen.add(id);
	}
	if (repeated.size) {
		const ids = [...repeated];
		const shown = ids.slice(0, 3).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
		return `ThroughLine's list holds the same helpline ID more than once (${shown}), so the trigger cannot tell which record is current`;
	}
	if (withoutId)
		return `ThroughLine's list holds ${withoutId === 1 ? 'a helpline' : `${withoutId} helplines`} without an ID, which cannot be tracked`;
	return undefined;
}

/** The snapshot of a pull that passed pullProblem. */
export function buildSnapshot(helplines: Helpline[]): Snapshot {
	const snapshot: Snapshot = {};
	for (const record of helplines) snapshot[record.id] = encodeEntry(record);
	return snapshot;
}

/** Fields whose content differs between a stored entry and a current record, in name order. */
export function fieldChanges(before: SnapshotEntry, after: Helpline): FieldChange[] {
	const known = decodeEntry(before);
	const fields = [...new Set([...known.keys(), ...Object.keys(after).filter((field) => field !== 'id')])].sort();
	const changes: FieldChange[] = [];
	for (const field of fields) {
		const old = known.get(field) ?? { kind: 'absent' };
		const now = after[field];
		if (old.kind === 'absent') {
			if (now !== undefined) changes.push({ field, old: null, new: now });
		} else if (now === undefined) {
			changes.push(old.kind === 'value' ? { field, old: absentAsNull(old.value), new: null } : { field, new: null });
		} else if (old.kind === 'value') {
			if (canonicalJson(old.value) !== canonicalJson(now)) changes.push({ field, old: absentAsNull(old.value), new: now });
		} else if (old.print !== fieldFingerprint(now)) {
			changes.push({ field, new: now });
		}
	}
	return changes;
}

export interface Diff {
	/** Additions and changes, in ThroughLine's ranking; ranking moves alone are not changes. */
	changes: Change[];
	/** IDs stored before and absent from this pull, in stored order: removals to be confirmed. */
	missing: string[];
	/** The snapshot of this pull (for a cut list, with the stored entries it did not show). */
	next: Snapshot;
}

/**
 * Compares a pull with the stored snapshot. A pull that may be cut (as long as the limit asked
 * for) cannot show a removal: its missing helplines stay stored as they were and are not
 * candidates.
 */
export function diffSnapshot(previous: Snapshot, current: Helpline[], mayBeCut = false): Diff {
	const next = buildSnapshot(current);
	const changes: Change[] = [];
	for (const record of current) {
		const before = hasOwn(previous, record.id) ? previous[record.id] : undefined;
		if (!before) {
			changes.push({ event: 'added', helpline: record });
		} else if (!sameContent(before, record)) {
			const fields = fieldChanges(before, record);
			if (fields.length) changes.push({ event: 'changed', helpline: record, changes: fields });
		}
	}
	const missing: string[] = [];
	for (const id of Object.keys(previous)) {
		if (hasOwn(next, id)) continue;
		if (mayBeCut) next[id] = previous[id];
		else missing.push(id);
	}
	return { changes, missing, next };
}

/** A "removed" event from the stored entry: the last known ID, name and numbers. */
export const removal = (id: string, entry: SnapshotEntry): Change => ({ event: 'removed', helpline: lastKnown(id, entry) });

/** Every helpline of a first pull, reported as added (the "Emit Every Helpline as Added" baseline). */
export const everythingAdded = (current: Helpline[]): Change[] => current.map((helpline) => ({ event: 'added', helpline }));
