import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../helpers/inputError';
import type { Helpline } from '../helpers/types';
import { normalizeCountryCode } from '../helpers/validation';
import type { Change, ChangeKind, Diff, FieldChange } from './changes';
import { buildSnapshot, diffSnapshot, everythingAdded, removal } from './changes';
import type { Snapshot } from './snapshot';

/** One list the trigger keeps in sync: a country, optionally narrowed to a topic. */
export interface WatchedList {
	/** Where its snapshot is stored: "US", or "US|Suicidal thoughts". */
	key: string;
	countryCode: string;
	topic?: string;
}

/** Snapshots by watched-list key, as kept in the node's workflow static data. */
export type Snapshots = Record<string, Snapshot>;

export interface TriggerEvent extends IDataObject {
	event: ChangeKind;
	countryCode: string;
	topic?: string;
	helpline: Helpline;
	changes?: FieldChange[];
}

/** Countries from the dropdown (a list) or an expression ("US, NZ" or a list); duplicates dropped. */
export function watchedLists(countries: unknown, topic: unknown): WatchedList[] {
	const parts = (Array.isArray(countries) ? countries : [countries])
		.flatMap((value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : [value]))
		.filter((value) => value !== '');
	const codes = [...new Set(parts.map(normalizeCountryCode))];
	if (!codes.length) {
		throw new InputError('No country to watch', 'Choose at least one country, or give two-letter codes such as US, NZ from an expression.');
	}
	const topicName = typeof topic === 'string' ? topic.trim() : '';
	return codes.map((countryCode) =>
		topicName ? { key: `${countryCode}|${topicName}`, countryCode, topic: topicName } : { key: countryCode, countryCode },
	);
}

export const describeList = (list: WatchedList) => (list.topic ? `${list.countryCode} (topic "${list.topic}")` : list.countryCode);

export const toEvent = (list: WatchedList, change: Change): TriggerEvent => {
	// Keys in reading order: what happened, where, to which helpline, and how.
	const item: TriggerEvent = {
		event: change.event,
		countryCode: list.countryCode,
		...(list.topic ? { topic: list.topic } : {}),
		helpline: change.helpline,
	};
	if (change.changes) item.changes = change.changes;
	return item;
};

/** "Suicidal thoughts", "suicidal-thoughts" and "SUICIDAL THOUGHTS" name the same topic. */
const topicKey = (topic: string) =>
	topic
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

/**
 * Whether a helpline found by its ID still belongs to the list: same country and, for a topic
 * watch, still of that topic. One that moved out of the list has left it (a removal for this
 * list); what cannot be told (no country given) counts as still belonging, so nothing is
 * reported as removed on a guess.
 */
export function stillBelongs(list: WatchedList, helpline: Helpline): boolean {
	const code = helpline.country?.code;
	if (typeof code === 'string' && code.toUpperCase() !== list.countryCode) return false;
	if (list.topic && Array.isArray(helpline.topics)) {
		const wanted = topicKey(list.topic);
		return helpline.topics.some((topic) => typeof topic === 'string' && topicKey(topic) === wanted);
	}
	return true;
}

/** What a lookup by ID found for a missing helpline: gone (404) or its current record. */
export type Lookup = { gone: true } | { gone: false; helpline: Helpline };

export interface ListResult {
	events: TriggerEvent[];
	next: Snapshot;
	/** Helplines missing from the list that ThroughLine still has (kept, not reported). */
	keptMissing: string[];
}

/** A list seen for the first time: recorded, and reported as all added only when asked. */
export function firstPull(list: WatchedList, helplines: Helpline[], emitAll: boolean): ListResult {
	const events = emitAll ? everythingAdded(helplines).map((change) => toEvent(list, change)) : [];
	return { events, next: buildSnapshot(helplines), keptMissing: [] };
}

/** The comparison of a later pull, before its missing helplines are looked up. */
export const comparePull = (previous: Snapshot, helplines: Helpline[], mayBeCut: boolean): Diff =>
	diffSnapshot(previous, helplines, mayBeCut);

/**
 * A later pull once every missing helpline was looked up: confirmed removals first (stored
 * order), then additions and changes. A helpline ThroughLine still lists under this country (and
 * topic) is not removed: its stored entry stays.
 */
export function settle(list: WatchedList, previous: Snapshot, diff: Diff, lookups: Map<string, Lookup>): ListResult {
	const next: Snapshot = { ...diff.next };
	const removed: Change[] = [];
	const keptMissing: string[] = [];
	for (const id of diff.missing) {
		const found = lookups.get(id);
		// Not looked up (never expected) counts as still there: a removal is reported only when confirmed.
		if (!found || (!found.gone && stillBelongs(list, found.helpline))) {
			next[id] = previous[id];
			keptMissing.push(id);
		} else {
			removed.push(removal(id, previous[id]));
		}
	}
	const events = [...removed, ...diff.changes].map((change) => toEvent(list, change));
	return { events, next: events.length ? next : previous, keptMissing };
}
