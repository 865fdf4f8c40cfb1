import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { deepCopy, NodeOperationError } from 'n8n-workflow';

import { countryInDirectory, topicInDirectory } from '../helpers/directory';
import { clientOptions } from '../fields/options';
import { InputError } from '../helpers/inputError';
import type { Helpline } from '../helpers/types';
import {
	classifyFailure,
	fetchCountries,
	fetchHelpline,
	fetchTopics,
	searchHelplines,
	ThroughLineClient,
	ThroughLineRequestError,
	toNodeApiError,
} from '../transport';
import { MAX_RESULTS, REMOVAL_LOOKUPS_PER_POLL } from '../transport/limits';
import { pullProblem } from './changes';
import { checkQuota } from './pollCost';
import type { ListFailure, ListNotice } from './report';
import { everyListFailed, failedNotice, isTransient, keptMissingNotice, mayBeCutNotice, notCheckedNotice } from './report';
import type { Snapshot } from './snapshot';
import { migrateV1 } from './snapshot';
import type { ListResult, Lookup, Snapshots, TriggerEvent, WatchedList } from './watch';
import { comparePull, describeList, firstPull, settle, watchedLists } from './watch';

/** Where the snapshots live in the node's workflow static data; bump the version on a format change. */
const STATE_KEY = 'snapshotsV2';
/** Whole records (format 1): read once and converted. */
const OLD_STATE_KEY = 'snapshotsV1';

/** The test event ("Fetch Test Event") reads a few lists and a few helplines of each: it costs little. */
const SAMPLE_LISTS = 3;
const SAMPLE_PER_LIST = 3;
const LISTS_AT_ONCE = 4;
/**
 * Poll contexts that have polled. n8n builds one context when it activates a workflow, runs the
 * activation poll on it before scheduling any other, and reuses it for every scheduled poll
 * (getActivationMode() stays "init" or "activate" for all of them): so a context not seen yet
 * is polling for the activation. A throw there ends the workflow for good in n8n 2.x.
 */
const polledContexts = new WeakSet<object>();

type Checked = { list: WatchedList; failure: ListFailure } | { list: WatchedList; result: ListResult; notices: ListNotice[] };

const failure = (list: WatchedList, error: unknown, doing: string): ListFailure => {
	const cause = classifyFailure(error);
	return {
		list,
		error: new ThroughLineRequestError(cause.kind, `${doing}: ${cause.message}`, cause.description, cause.httpCode),
	};
};

async function pull(client: ThroughLineClient, list: WatchedList, limit: number) {
	try {
		const helplines = await searchHelplines(client, { countryCode: list.countryCode, topic: list.topic, limit });
		return { helplines };
	} catch (error) {
		return { failure: failure(list, error, `Could not check the helplines of ${describeList(list)}`) };
	}
}

/**
 * An empty answer is checked against ThroughLine's own lists: if ThroughLine answers an unknown
 * country or topic with an empty list instead of a 400, a watch must not baseline it as "none".
 */
async function unknownToThroughLine(client: ThroughLineClient, list: WatchedList): Promise<ListFailure | undefined> {
	try {
		const known = countryInDirectory(await fetchCountries(client), list.countryCode) !== undefined;
		const topicKnown = !list.topic || topicInDirectory(await fetchTopics(client), list.topic);
		if (known && topicKnown) return undefined;
		const what = known ? `the topic "${list.topic}" is not one it knows` : `${list.countryCode} is not a country in its directory`;
		const error = new ThroughLineRequestError(
			'client',
			`Could not check the helplines of ${describeList(list)}: ThroughLine answered with no helplines, and ${what}`,
			'Choose the countries and the topic from the lists (or use codes from Country > Get Many and names from Topic > Get Many).',
		);
		return { list, error };
	} catch (error) {
		return failure(list, error, `Could not check the helplines of ${describeList(list)}`);
	}
}

/** Each missing helpline looked up by ID: 404 means gone. Any failed lookup fails the list. */
async function lookUp(client: ThroughLineClient, list: WatchedList, ids: string[]) {
	const answers = await Promise.allSettled(ids.map(async (id) => await fetchHelpline(client, id)));
	const lookups = new Map<string, Lookup>();
	for (const [index, answer] of answers.entries()) {
		if (answer.status === 'rejected') {
			const what = ids.length === 1 ? 'a helpline' : `${ids.length} helplines`;
			return { failure: failure(list, answer.reason, `Could not confirm that ${what} left ${describeList(list)}`) };
		}
		const helpline = answer.value as Helpline | undefined;
		lookups.set(ids[index], helpline ? { gone: false, helpline } : { gone: true });
	}
	return { lookups };
}

/** One list: pulled, compared with its snapshot, its removals confirmed. */
async function checkList(
	client: ThroughLineClient,
	list: WatchedList,
	previous: Snapshot | undefined,
	emitAll: boolean,
	budget: { lookups: number },
): Promise<Checked> {
	const pulled = await pull(client, list, MAX_RESULTS);
	if (pulled.failure) return { list, failure: pulled.failure };
	const helplines = pulled.helplines;
	const unknown = helplines.length === 0 ? await unknownToThroughLine(client, list) : undefined;
	if (unknown) return { list, failure: unknown };
	const problem = pullProblem(helplines);
	if (problem) {
		const error = new ThroughLineRequestError(
			'malformed',
			`Could not check the helplines of ${describeList(list)}: ${problem}`,
			'This is a fault in the data ThroughLine sent; the trigger tries again at the next poll. If it persists, tell ThroughLine.',
		);
		return { list, failure: { list, error } };
	}
	// As long as the limit asked for: ThroughLine may hold more than it sent.
	const mayBeCut = helplines.length >= MAX_RESULTS;
	const notices = mayBeCut ? [mayBeCutNotice(list, helplines.length)] : [];
	if (!previous) return { list, result: firstPull(list, helplines, emitAll), notices };

	const diff = comparePull(previous, helplines, mayBeCut);
	const toLookUp = diff.missing.slice(0, Math.max(0, budget.lookups));
	budget.lookups -= toLookUp.length;
	const looked = toLookUp.length ? await lookUp(client, list, toLookUp) : { lookups: new Map<string, Lookup>() };
	if (looked.failure) return { list, failure: looked.failure };
	// Not looked up: kept as they were by settle(), never reported as removed on a guess.
	const result = settle(list, previous, diff, looked.lookups);
	const notChecked = diff.missing.slice(toLookUp.length);
	const stillListed = result.keptMissing.filter((id) => looked.lookups.has(id));
	if (stillListed.length) notices.push(keptMissingNotice(list, stillListed));
	if (notChecked.length) notices.push(notCheckedNotice(list, notChecked, REMOVAL_LOOKUPS_PER_POLL));
	return { list, result, notices };
}

/** Runs `work` on every list, a few at a time, in list order. */
async function eachList<T>(lists: WatchedList[], work: (list: WatchedList) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(lists.length);
	let nextIndex = 0;
	const worker = async () => {
		while (nextIndex < lists.length) {
			const index = nextIndex++;
			results[index] = await work(lists[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(LISTS_AT_ONCE, lists.length) }, worker));
	return results;
}

function readSettings(context: IPollFunctions) {
	try {
		const lists = watchedLists(context.getNodeParameter('countries', []), context.getNodeParameter('topic', ''));
		return {
			lists,
			emitAll: context.getNodeParameter('onFirstPoll', 'recordBaseline') === 'emitAll',
			options: context.getNodeParameter('options', {}) as IDataObject,
		};
	} catch (error) {
		if (error instanceof InputError) {
			throw new NodeOperationError(context.getNode(), error.message, { description: error.hint });
		}
		throw new NodeOperationError(context.getNode(), error as Error);
	}
}

/** The stored snapshots, converted from format 1 when that is what is stored. */
function readSnapshots(staticData: IDataObject): { stored: Snapshots; migrated: boolean } {
	if (staticData[STATE_KEY] && typeof staticData[STATE_KEY] === 'object') {
		return { stored: staticData[STATE_KEY] as Snapshots, migrated: staticData[OLD_STATE_KEY] !== undefined };
	}
	if (staticData[OLD_STATE_KEY] !== undefined) return { stored: migrateV1(staticData[OLD_STATE_KEY]), migrated: true };
	return { stored: {}, migrated: false };
}

const toApiError = (
	context: IPollFunctions,
	{ message, description }: { message: string; description: string },
	cause: ThroughLineRequestError,
) => toNodeApiError(context.getNode(), new ThroughLineRequestError(cause.kind, message, description, cause.httpCode));

export async function pollHelplines(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { lists, emitAll, options } = readSettings(this);
	const quota = checkQuota(this.getNodeParameter('pollTimes', {}), lists.length);
	if (!quota.withinLimit) {
		throw new NodeOperationError(this.getNode(), quota.message ?? 'Too many calls a day', { description: quota.hint });
	}
	const manual = this.getMode() === 'manual';
	const activation = !manual && !polledContexts.has(this);
	if (!manual) polledContexts.add(this);

	const client = await ThroughLineClient.create(this, {
		...clientOptions(options),
	});

	if (manual) {
		// A sample of what a first poll with "Emit Every Helpline as Added" sends; the snapshot is not touched.
		const samples = await eachList(lists.slice(0, SAMPLE_LISTS), async (list) => ({
			list,
			...(await pull(client, list, SAMPLE_PER_LIST)),
		}));
		const failed = samples.find((sample) => sample.failure)?.failure;
		if (failed) throw toApiError(this, { message: failed.error.message, description: failed.error.description }, failed.error);
		const events = samples.flatMap(({ list, helplines }) => firstPull(list, helplines ?? [], true).events);
		return events.length ? [this.helpers.returnJsonArray(deepCopy(events))] : null;
	}

	const staticData = this.getWorkflowStaticData('node');
	const { stored, migrated } = readSnapshots(staticData);
	const storedList = (key: string) => (Object.prototype.hasOwnProperty.call(stored, key) ? stored[key] : undefined);
	const budget = { lookups: REMOVAL_LOOKUPS_PER_POLL };
	const checked = await eachList(lists, async (list) => await checkList(client, list, storedList(list.key), emitAll, budget));
	const failures = checked.flatMap((entry) => ('failure' in entry ? [entry.failure] : []));

	if (failures.length === lists.length && !(activation && failures.every((f) => isTransient(f.error)))) {
		throw toApiError(this, everyListFailed(failures), failures[0].error);
	}
	const refusal = activation ? failures.find((f) => !isTransient(f.error)) : undefined;
	if (refusal) {
		// A setting ThroughLine refuses (country, topic, credential) will not pass by itself: refuse to activate.
		throw toApiError(this, { message: refusal.error.message, description: refusal.error.description }, refusal.error);
	}
	if (activation && failures.length) {
		// Not thrown: n8n would never poll this workflow again. Reported as items, and logged.
		this.logger.warn(
			`ThroughLine Trigger: ${everyListFailed(failures).message}. The workflow stays active and tries again at the next poll.`,
			{ workflowId: this.getWorkflow().id, node: this.getNode().name },
		);
	}

	// Lists that failed keep their snapshot (or still have none); lists no longer watched are forgotten.
	const next: Snapshots = {};
	let changed = migrated || Object.keys(stored).some((key) => !lists.some((list) => list.key === key));
	const events: TriggerEvent[] = [];
	const notices: ListNotice[] = [];
	for (const entry of checked) {
		const before = storedList(entry.list.key);
		if ('failure' in entry) {
			if (before) next[entry.list.key] = before;
			continue;
		}
		next[entry.list.key] = entry.result.next;
		if (entry.result.next !== before) changed = true;
		events.push(...entry.result.events);
		notices.push(...entry.notices);
	}
	if (changed) {
		staticData[STATE_KEY] = next;
		delete staticData[OLD_STATE_KEY];
	}
	const items = [...events, ...notices, ...failures.map(failedNotice)];
	// Later nodes get copies: editing an item must never edit the stored snapshot.
	return items.length ? [this.helpers.returnJsonArray(deepCopy(items))] : null;
}
