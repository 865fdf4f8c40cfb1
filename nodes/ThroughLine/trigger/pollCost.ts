/**
 * What a polling schedule costs against ThroughLine's daily quota, as pure functions. A poll makes
 * one call per watched country (and topic); n8n's "Poll Times" decide how many polls a day run.
 */

import { THROUGHLINE_LIMITS } from '../transport/limits';

/** One entry of n8n's "Poll Times" (`pollTimes.item[]`), as n8n stores it. */
export interface PollTime {
	mode?: string;
	hour?: number;
	minute?: number;
	weekday?: string;
	dayOfMonth?: number;
	value?: number;
	unit?: string;
	cronExpression?: string;
}

export interface PollEstimate {
	/** Polls in the busiest day (every weekday and month day is assumed to match). */
	polls: number;
	/** True when some schedule could not be read and was counted as every minute. */
	guessed: boolean;
}

const MINUTES_A_DAY = 1440;

/** How many values in [min, max] a cron field matches (`*`, `a`, `a-b`, `/step`, lists); undefined if unreadable. */
export function cronFieldCount(field: string, min: number, max: number): number | undefined {
	const matched = new Set<number>();
	for (const part of field.split(',')) {
		const parsed = /^(?:[*?]|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part.trim());
		if (!parsed) return undefined;
		const [, start, end, stepText] = parsed;
		const step = stepText === undefined ? 1 : Number(stepText);
		const from = start === undefined ? min : Number(start);
		// "5/15" runs from 5 to the end of the range, "5" alone only at 5.
		const to = end !== undefined ? Number(end) : start === undefined || stepText !== undefined ? max : from;
		if (step < 1 || from < min || to > max || from > to) return undefined;
		for (let value = from; value <= to; value += step) matched.add(value);
	}
	return matched.size;
}

const MACROS: Record<string, number> = {
	'@yearly': 1,
	'@annually': 1,
	'@monthly': 1,
	'@weekly': 1,
	'@daily': 1,
	'@midnight': 1,
	'@hourly': 24,
};

/** Polls a day of a cron expression, with or without n8n's leading seconds field. */
export function cronPollsPerDay(expression: string): number | undefined {
	const text = expression.trim().toLowerCase();
	if (text in MACROS) return MACROS[text];
	const fields = text.split(/\s+/);
	if (fields.length < 5 || fields.length > 7) return undefined;
	const [seconds, minutes, hours] = fields.length === 5 ? ['0', ...fields] : fields;
	const counts = [cronFieldCount(seconds, 0, 59), cronFieldCount(minutes, 0, 59), cronFieldCount(hours, 0, 23)];
	if (counts.some((count) => count === undefined)) return undefined;
	return (counts as number[]).reduce((product, count) => product * count, 1);
}

/** Polls a day of one "Poll Times" entry; undefined when it cannot be read. */
export function entryPollsPerDay(entry: PollTime): number | undefined {
	switch (entry.mode) {
		case 'everyMinute':
			return MINUTES_A_DAY;
		case 'everyHour':
			return 24;
		case 'everyDay':
		case 'everyWeek':
		case 'everyMonth':
			// The quota is a rolling 24 hours: a weekly poll still spends its calls within one day.
			return 1;
		case 'everyX': {
			const value = Number(entry.value);
			if (!Number.isInteger(value) || value < 1) return undefined;
			// n8n turns these into "*/value" cron fields, which restart at each hour (or day).
			if (entry.unit === 'minutes') return (Math.floor(59 / value) + 1) * 24;
			if (entry.unit === 'hours') return Math.floor(23 / value) + 1;
			return undefined;
		}
		case 'custom':
			return typeof entry.cronExpression === 'string' ? cronPollsPerDay(entry.cronExpression) : undefined;
		default:
			return undefined;
	}
}

/** Polls a day of a whole "Poll Times" value (`{ item: [...] }`); unreadable entries count as every minute. */
export function estimatePollsPerDay(pollTimes: unknown): PollEstimate {
	const items = (pollTimes as { item?: unknown } | null | undefined)?.item;
	const entries = Array.isArray(items) ? (items as PollTime[]) : [];
	let polls = 0;
	let guessed = false;
	for (const entry of entries) {
		const count = entry && typeof entry === 'object' ? entryPollsPerDay(entry) : undefined;
		if (count === undefined) guessed = true;
		polls += count ?? MINUTES_A_DAY;
	}
	return { polls, guessed };
}

/** The most frequent standard schedule whose calls fit the quota, in words; undefined if none does. */
export function fastestSafeSchedule(watched: number, limit = THROUGHLINE_LIMITS.callsPerDay): string | undefined {
	const allowedPolls = Math.floor(limit / Math.max(1, watched));
	if (allowedPolls >= MINUTES_A_DAY) return 'every minute';
	for (const minutes of [2, 3, 4, 5, 6, 10, 12, 15, 20, 30]) {
		if ((Math.floor(59 / minutes) + 1) * 24 <= allowedPolls) return `every ${minutes} minutes`;
	}
	if (allowedPolls >= 24) return 'every hour';
	for (const hours of [2, 3, 4, 6, 8, 12]) {
		if (Math.floor(23 / hours) + 1 <= allowedPolls) return `every ${hours} hours`;
	}
	return allowedPolls >= 1 ? 'once a day' : undefined;
}

export interface QuotaCheck {
	polls: number;
	calls: number;
	withinLimit: boolean;
	/** Set when over the limit: what to tell the user. */
	message?: string;
	hint?: string;
}

const formatNumber = (value: number) => value.toLocaleString('en-US');

/** Calls a day of this schedule for this many watched countries, and what to say when it is too many. */
export function checkQuota(pollTimes: unknown, watched: number, limit = THROUGHLINE_LIMITS.callsPerDay): QuotaCheck {
	const { polls, guessed } = estimatePollsPerDay(pollTimes);
	const calls = polls * watched;
	if (calls <= limit) return { polls, calls, withinLimit: true };
	const what = watched === 1 ? '1 country' : `${formatNumber(watched)} countries`;
	const safe = fastestSafeSchedule(watched, limit);
	return {
		polls,
		calls,
		withinLimit: false,
		message: `Polling ${what} ${formatNumber(polls)} times a day would make ${formatNumber(calls)} calls a day to ThroughLine, over its limit of ${formatNumber(limit)}`,
		hint:
			(guessed ? 'A Poll Times entry could not be read, so it was counted as every minute. ' : '') +
			(safe
				? `With ${what}, poll ${safe} or less often (change Poll Times), or watch fewer countries. `
				: `Even one poll a day of ${what} is too many: watch fewer countries. `) +
			'ThroughLine counts every call of your account (all workflows and apps together) over a rolling 24 hours.',
	};
}
