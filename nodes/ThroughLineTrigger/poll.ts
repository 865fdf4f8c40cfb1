import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { deepCopy, NodeOperationError } from 'n8n-workflow';

import { InputError } from '../ThroughLine/helpers/inputError';
import { MAX_RESULTS } from '../ThroughLine/helpers/validation';
import {
	classifyFailure,
	searchHelplines,
	ThroughLineClient,
	ThroughLineRequestError,
	toNodeApiError,
} from '../ThroughLine/transport';
import { checkQuota } from './pollCost';
import type { Pull, Snapshots, WatchedList } from './watch';
import { advance, watchedLists } from './watch';

/** Where the snapshots live in the node's workflow static data; bump the version on a format change. */
const STATE_KEY = 'snapshotsV1';

/** The test event ("Fetch Test Event") reads a few lists and a few helplines of each: it costs little. */
const SAMPLE_LISTS = 3;
const SAMPLE_PER_LIST = 3;

const describeList = (list: WatchedList) => (list.topic ? `${list.countryCode} (topic "${list.topic}")` : list.countryCode);

/** Pulls every list, a few at a time; stops starting new pulls after a failure, then reports it. */
async function pullAll(
	context: IPollFunctions,
	client: ThroughLineClient,
	lists: WatchedList[],
	limit: number,
): Promise<Pull[]> {
	const pulls: Pull[] = new Array(lists.length);
	let failure: { list: WatchedList; error: unknown } | undefined;
	let nextIndex = 0;
	const worker = async () => {
		while (!failure && nextIndex < lists.length) {
			const index = nextIndex++;
			const list = lists[index];
			try {
				const helplines = await searchHelplines(client, { countryCode: list.countryCode, topic: list.topic, limit });
				pulls[index] = { list, helplines };
			} catch (error) {
				failure ??= { list, error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(4, lists.length) }, worker));
	if (failure) {
		const cause = classifyFailure(failure.error);
		throw toNodeApiError(
			context.getNode(),
			new ThroughLineRequestError(
				cause.kind,
				`Could not check the helplines of ${describeList(failure.list)}: ${cause.message}`,
				`${cause.description} Nothing from this poll was recorded: the next successful poll reports every change since the last one.`,
				cause.httpCode,
			),
		);
	}
	return pulls;
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

export async function pollHelplines(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const { lists, emitAll, options } = readSettings(this);
	const quota = checkQuota(this.getNodeParameter('pollTimes', {}), lists.length);
	if (!quota.withinLimit) {
		throw new NodeOperationError(this.getNode(), quota.message ?? 'Too many calls a day', { description: quota.hint });
	}

	const client = await ThroughLineClient.create(this, {
		maxRequestsPerSecond: options.maxRequestsPerSecond as number | undefined,
		timeoutMs: options.timeout === undefined ? undefined : Number(options.timeout) * 1000,
	});

	if (this.getMode() === 'manual') {
		// A sample of what a first poll with "Emit Every Helpline as Added" sends; the snapshot is not touched.
		const pulls = await pullAll(this, client, lists.slice(0, SAMPLE_LISTS), SAMPLE_PER_LIST);
		const { events } = advance(undefined, pulls, true);
		return events.length ? [this.helpers.returnJsonArray(deepCopy(events))] : null;
	}

	const pulls = await pullAll(this, client, lists, MAX_RESULTS);
	// Only now, with every list pulled, may the snapshot move on.
	const staticData = this.getWorkflowStaticData('node');
	const { events, next, changed } = advance(staticData[STATE_KEY] as Snapshots | undefined, pulls, emitAll);
	if (changed) staticData[STATE_KEY] = next;
	// Later nodes get copies: editing an item must never edit the stored snapshot.
	return events.length ? [this.helpers.returnJsonArray(deepCopy(events))] : null;
}
