import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../ThroughLine/helpers/inputError';
import type { Helpline } from '../ThroughLine/helpers/types';
import { normalizeCountryCode } from '../ThroughLine/helpers/validation';
import type { ChangeKind, FieldChange, Snapshot } from './changes';
import { buildSnapshot, diffSnapshot, everythingAdded } from './changes';

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

export interface Pull {
	list: WatchedList;
	helplines: Helpline[];
}

/** Countries from the dropdown (a list) or an expression ("US, NZ" or a list); duplicates dropped. */
export function watchedLists(countries: unknown, topic: unknown): WatchedList[] {
	const parts = (Array.isArray(countries) ? countries : [countries])
		.flatMap((value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()) : [value]))
		.filter((value) => value !== '');
	const codes = [...new Set(parts.map(normalizeCountryCode))];
	if (!codes.length) {
		throw new InputError(
			'No country to watch',
			'Choose at least one country, or give two-letter codes such as US, NZ from an expression.',
		);
	}
	const topicName = typeof topic === 'string' ? topic.trim() : '';
	return codes.map((countryCode) =>
		topicName
			? { key: `${countryCode}|${topicName}`, countryCode, topic: topicName }
			: { key: countryCode, countryCode },
	);
}

const toEvent = (list: WatchedList, event: ChangeKind, helpline: Helpline, changes?: FieldChange[]) => {
	// Keys in reading order: what happened, where, to which helpline, and how.
	const item: TriggerEvent = {
		event,
		countryCode: list.countryCode,
		...(list.topic ? { topic: list.topic } : {}),
		helpline,
	};
	if (changes) item.changes = changes;
	return item;
};

/**
 * Compares every pull with its stored snapshot. A list seen for the first time is recorded, and
 * reported as all added only when asked. Lists no longer watched are forgotten. `changed` says
 * whether anything new needs storing.
 */
export function advance(
	stored: Snapshots | undefined,
	pulls: Pull[],
	emitAllOnFirstPoll: boolean,
): { events: TriggerEvent[]; next: Snapshots; changed: boolean } {
	const previous = stored ?? {};
	const next: Snapshots = {};
	const events: TriggerEvent[] = [];
	let changed = Object.keys(previous).some((key) => !pulls.some((pull) => pull.list.key === key));
	for (const { list, helplines } of pulls) {
		const before = Object.prototype.hasOwnProperty.call(previous, list.key) ? previous[list.key] : undefined;
		if (!before) {
			next[list.key] = buildSnapshot(helplines);
			changed = true;
			if (emitAllOnFirstPoll) {
				for (const change of everythingAdded(helplines)) events.push(toEvent(list, change.event, change.helpline));
			}
			continue;
		}
		const diff = diffSnapshot(before, helplines);
		// Unchanged lists keep their stored records, so a pure reordering never rewrites the snapshot.
		next[list.key] = diff.changes.length ? diff.next : before;
		if (diff.changes.length) changed = true;
		for (const change of diff.changes) events.push(toEvent(list, change.event, change.helpline, change.changes));
	}
	return { events, next, changed };
}
