import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ClientOptions } from '../transport';
import { ADAPTIVE_PACING, ANSWER_CACHE, CLIENT_DEFAULTS, THROUGHLINE_LIMITS } from '../transport/limits';
import type { CachePolicy } from '../transport/sharedReads';

/**
 * The Options collection of both nodes, and what its values mean to the client. Defaults are
 * literals (n8n's linter wants them); test/nodes/ThroughLine/fields/options.test.ts holds them to
 * transport/limits.ts, which the client and the router use.
 */

const { requestsPerSecond, callsPerDay } = THROUGHLINE_LIMITS;
/** Where the learned share starts when no pace is set (transport/adaptiveRate.ts). */
const STARTING_PACE = requestsPerSecond * ADAPTIVE_PACING.startShare;

const pacing: INodeProperties[] = [
	{
		displayName: 'Max Requests per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: requestsPerSecond },
		default: 30,
		description: `Calls a second to ThroughLine, from the first. Its limit is ${requestsPerSecond} a second per IP address. Left out, the node finds its share itself (after a pause it starts at ${STARTING_PACE} a second and speeds up while ThroughLine accepts), so n8n workers and other workflows can share the address. Add it to send a large pull at full speed (${requestsPerSecond} when nothing else calls ThroughLine from here), or lower it to leave room for others.`,
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: CLIENT_DEFAULTS.minTimeoutMs / 1000 },
		default: 30,
		description: 'Seconds to wait for ThroughLine to answer one request before retrying',
	},
];

const CACHE_DESCRIPTION = `Minutes to reuse ThroughLine's answer to the same question, shared by every execution in this n8n process, instead of asking again (ThroughLine allows ${callsPerDay.toLocaleString('en-US')} calls a day). 0 asks ThroughLine every time.`;
// 40 × 24 refreshes fit in 1,000; docs/bench/chatbot-day.md measures 120 searches.
const HELPLINE_CACHE_ADVICE =
	' At 60, up to about 40 different searches a day are asked again every hour within those calls; with more, Daily Call Budget keeps answers longer instead of running out.';

const cacheHelplines: INodeProperties = {
	displayName: 'Cache Answers For',
	name: 'cacheAnswersFor',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 60,
	description: CACHE_DESCRIPTION + HELPLINE_CACHE_ADVICE,
};

const cacheLists: INodeProperties = { ...cacheHelplines, default: 1440, description: CACHE_DESCRIPTION };

const serveStale: INodeProperties = {
	displayName: 'Serve Stale Answers For',
	name: 'serveStaleAnswersFor',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 10080,
	description:
		'When ThroughLine cannot be reached (an outage, a timeout, the daily limit used up), answer with the last answer it gave to the same question if it is at most this many minutes old, marked as stale, instead of failing. Never after a sign-in failure or a refused access. 0 turns this off.',
};

const dailyBudget: INodeProperties = {
	displayName: 'Daily Call Budget',
	name: 'dailyCallBudget',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1000,
	description: `The most calls to ThroughLine this n8n process makes with this credential in 24 hours (ThroughLine allows ${callsPerDay.toLocaleString('en-US')} a day for the whole account). When asking again for an answer older than Cache Answers For would go over it, the cached answer is used, marked with its age, until the budget allows a new call: for at most 24 times Cache Answers For (a day at 60 minutes), and never past Serve Stale Answers For. A question not asked before is always sent. With several n8n workers, give each its share. 0 turns this off.`,
};

/** Options of every operation, and of the trigger: how the node paces and waits for ThroughLine. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: pacing,
};

const collection = (resources: string[], options: INodeProperties[]): INodeProperties => ({
	...requestOptions,
	// Sorted by display name, as n8n lists collection options.
	options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	displayOptions: { show: { resource: resources } },
});

/**
 * The action node's Options: one collection per kind of operation, all named `options` (saved
 * workflows keep theirs), so reads offer caching with their own defaults and events do not.
 */
export const operationOptions: INodeProperties[] = [
	collection(['helpline'], [cacheHelplines, dailyBudget, serveStale, ...pacing]),
	collection(['country', 'topic'], [cacheLists, dailyBudget, serveStale, ...pacing]),
	collection(['event'], pacing),
];

/** An option's number: `fallback` when left empty, 0 (off) when not above 0. */
const positiveOption = (value: unknown, fallback: number) => {
	const number = value === undefined || value === '' ? fallback : Number(value);
	return Number.isFinite(number) && number > 0 ? number : 0;
};

const minutesOption = (value: unknown, fallback: number) => positiveOption(value, fallback) * 60_000;

/** What Max Requests per Second and Timeout (seconds) ask of the client; absent: its defaults. */
export function clientOptions(options: IDataObject): Pick<ClientOptions, 'maxRequestsPerSecond' | 'timeoutMs'> {
	return {
		maxRequestsPerSecond: options.maxRequestsPerSecond as number | undefined,
		timeoutMs: options.timeout === undefined ? undefined : Number(options.timeout) * 1000,
	};
}

/** What a read operation asks of the answer cache; undefined (no cache at all) for the others. */
export function cachePolicy(options: IDataObject, cacheMinutes: number | undefined): CachePolicy | undefined {
	if (cacheMinutes === undefined) return undefined;
	return {
		freshMs: minutesOption(options.cacheAnswersFor, cacheMinutes),
		staleMs: minutesOption(options.serveStaleAnswersFor, ANSWER_CACHE.staleMinutes),
		// Daily Call Budget left empty: ThroughLine's quota.
		perDay: positiveOption(options.dailyCallBudget, callsPerDay),
	};
}
