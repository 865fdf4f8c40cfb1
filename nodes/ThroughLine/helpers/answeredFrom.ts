import type { IDataObject, NodeExecutionHint } from 'n8n-workflow';

import type { AnswerOrigin } from '../transport/sharedReads';

/**
 * Saying so when an item was not answered by ThroughLine just now: a hint for the people who run
 * the workflow, and one field on records shaped for people and models. Pure.
 */

/** An item answered (at least in part) from the cache or with a stale answer; undefined when live. */
export interface ItemOrigin {
	source: 'cache' | 'stale';
	/** The oldest answer the item used. */
	ageMs: number;
	/** Why ThroughLine could not answer, for a stale one. */
	reason?: string;
	/** A cached answer older than Cache Answers For, used because the daily call budget was spent. */
	held?: boolean;
}

/** The least live of an item's reads (stale over cache over live), with its oldest age. */
export function itemOrigin(origins: AnswerOrigin[]): ItemOrigin | undefined {
	const notLive = origins.flatMap((o) => (o.source === 'live' ? [] : [o]));
	const stale = notLive.filter((o) => o.source === 'stale');
	const used = stale.length ? stale : notLive;
	if (!used.length) return undefined;
	const oldest = used.reduce((a, b) => (b.ageMs > a.ageMs ? b : a));
	if (oldest.source === 'stale') return { source: 'stale', ageMs: oldest.ageMs, reason: oldest.reason };
	const held = used.some((o) => o.source === 'cache' && o.held);
	return { source: 'cache', ageMs: oldest.ageMs, ...(held ? { held } : {}) };
}

export const ageMinutes = (ms: number) => Math.floor(ms / 60_000);

/** Records with one added field, `answeredFrom`, when their answer was not live. */
export function markAnswered(records: IDataObject[], origin: ItemOrigin | undefined): IDataObject[] {
	if (!origin) return records;
	const answeredFrom = {
		source: origin.source,
		ageMinutes: ageMinutes(origin.ageMs),
		...(origin.held ? { heldForDailyBudget: true } : {}),
	};
	return records.map((record) => ({ ...record, answeredFrom }));
}

const items = (n: number) => (n === 1 ? '1 item was' : `${n} items were`);

function ages(origins: ItemOrigin[]): string {
	const minutes = origins.map((o) => ageMinutes(o.ageMs));
	const [low, high] = [Math.min(...minutes), Math.max(...minutes)];
	const unit = (m: number) => (m === 1 ? 'minute' : 'minutes');
	return low === high ? `${high} ${unit(high)} old` : `between ${low} and ${high} ${unit(high)} old`;
}

/** The hints for one execution's items: one for stale answers (a warning), one for cached ones. */
export function originHints(origins: Array<ItemOrigin | undefined>): NodeExecutionHint[] {
	const stale = origins.filter((o): o is ItemOrigin => o?.source === 'stale');
	const cached = origins.filter((o): o is ItemOrigin => o?.source === 'cache' && !o.held);
	const held = origins.filter((o): o is ItemOrigin => o?.source === 'cache' && o.held === true);
	const hints: NodeExecutionHint[] = [];
	if (stale.length) {
		hints.push({
			type: 'warning',
			location: 'outputPane',
			message: `ThroughLine could not be reached (${stale[0].reason ?? 'no answer'}); ${items(stale.length)} answered with the last answer known, ${ages(stale)}. It may be out of date. Simplify and AI tool output mark these records with answeredFrom: stale. Set Options > Serve Stale Answers For to 0 to fail instead.`,
		});
	}
	if (cached.length) {
		hints.push({
			type: 'info',
			location: 'outputPane',
			message: `${items(cached.length)} answered from this n8n's cache of ThroughLine answers, not by a new call (${ages(cached)}). Set Options > Cache Answers For to 0 to ask ThroughLine every time.`,
		});
	}
	if (held.length) {
		hints.push({
			type: 'info',
			location: 'outputPane',
			message: `${items(held.length)} answered from this n8n's cache with answers older than Cache Answers For (${ages(held)}): asking ThroughLine again now would go over Options > Daily Call Budget, so it is asked again as the budget allows. Simplify and AI tool output mark these records with heldForDailyBudget. Raise the budget if your ThroughLine quota allows more calls.`,
		});
	}
	return hints;
}
