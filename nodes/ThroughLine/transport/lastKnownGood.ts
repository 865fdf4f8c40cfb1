import type { IDataObject } from 'n8n-workflow';

import type { CacheHit } from './answerCache';
import { sharedAnswers } from './answerCache';
import { LAST_KNOWN_GOOD } from './limits';

/**
 * The last good answers of a node's priority searches, kept in the workflow's static data so an
 * outage right after an n8n restart still gets a number. n8n saves static data after production
 * executions (webhook, trigger, queue-mode worker; also when the execution failed), never after
 * manual ones. Keys are the answer cache's: credential identity (client ID and API address, never
 * the secret) and the exact query. Oldest answer first out; answers are kept as JSON text, so every
 * reader gets its own copy.
 */

export interface KeptAnswer {
	key: string;
	/** When ThroughLine gave this answer (ms since 1970). */
	at: number;
	text: string;
}

export interface KeptBounds {
	maxEntries: number;
	maxBytes: number;
}

/** Where answers outlive the process: read on a failure, written after a good answer. */
export interface AnswerKeeper {
	lookup(key: string, maxAgeMs: number): CacheHit | undefined;
	keep(key: string, text: string, answeredAt: number): void;
}

/** The field of the node's static data that holds the list. */
export const KEPT_FIELD = 'throughLineLastKnownGood';

const sizeOf = (answer: KeptAnswer) => answer.key.length + answer.text.length;

/** What static data holds, or nothing: anything not shaped as this module wrote it is ignored. */
export function readKept(value: unknown): KeptAnswer[] {
	if (!Array.isArray(value)) return [];
	return value.filter(
		(entry): entry is KeptAnswer =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as KeptAnswer).key === 'string' &&
			typeof (entry as KeptAnswer).text === 'string' &&
			Number.isFinite((entry as KeptAnswer).at),
	);
}

/** The list with `answer` in it (replacing the same key's), oldest first, cut to the bounds. Pure. */
export function withAnswer(list: KeptAnswer[], answer: KeptAnswer, bounds: KeptBounds = LAST_KNOWN_GOOD): KeptAnswer[] {
	const next = list.filter((entry) => entry.key !== answer.key);
	if (sizeOf(answer) > bounds.maxBytes) return next;
	next.push(answer);
	next.sort((a, b) => a.at - b.at);
	let bytes = next.reduce((sum, entry) => sum + sizeOf(entry), 0);
	while (next.length > bounds.maxEntries || bytes > bounds.maxBytes) bytes -= sizeOf(next.shift() as KeptAnswer);
	return next;
}

/**
 * Whether a good answer must be written: static data is saved (one database write of all of it)
 * whenever it changes, so the same answer is written again only once the kept copy is old. Until
 * then its age reads older than ThroughLine's last answer, never younger.
 */
export function needsWrite(
	kept: KeptAnswer | undefined,
	text: string,
	answeredAt: number,
	refreshMs = LAST_KNOWN_GOOD.refreshMinutes * 60_000,
): boolean {
	if (!kept) return true;
	if (answeredAt <= kept.at) return false;
	return kept.text !== text || answeredAt - kept.at >= refreshMs;
}

export class StaticDataKeeper implements AnswerKeeper {
	constructor(
		private readonly data: IDataObject,
		/** The answer cache's clock, so both age answers alike (and tests move both). */
		private readonly now: () => number = () => sharedAnswers.now(),
		private readonly bounds: KeptBounds = LAST_KNOWN_GOOD,
	) {}

	lookup(key: string, maxAgeMs: number): CacheHit | undefined {
		const kept = readKept(this.data[KEPT_FIELD]).find((entry) => entry.key === key);
		if (!kept || maxAgeMs <= 0) return undefined;
		const ageMs = Math.max(0, this.now() - kept.at);
		if (ageMs >= maxAgeMs) return undefined;
		try {
			return { value: JSON.parse(kept.text) as unknown, ageMs };
		} catch {
			return undefined;
		}
	}

	keep(key: string, text: string, answeredAt: number): void {
		const list = readKept(this.data[KEPT_FIELD]);
		if (
			!needsWrite(
				list.find((entry) => entry.key === key),
				text,
				answeredAt,
			)
		)
			return;
		// One assignment at the top: n8n's ObservableObject marks the static data changed on it.
		this.data[KEPT_FIELD] = withAnswer(list, { key, at: answeredAt, text }, this.bounds) as unknown as IDataObject[];
	}
}

interface StaticDataContext {
	getWorkflowStaticData?: (type: string) => IDataObject;
}

/**
 * The keeper of this node's static data ('node': its own share, apart from other nodes of the
 * workflow), or undefined where the context has none or refuses it: then nothing is kept.
 */
export function staticDataKeeper(context: object): AnswerKeeper | undefined {
	const get = (context as StaticDataContext).getWorkflowStaticData;
	if (typeof get !== 'function') return undefined;
	try {
		const data = get.call(context, 'node');
		return typeof data === 'object' && data !== null ? new StaticDataKeeper(data) : undefined;
	} catch {
		return undefined;
	}
}
