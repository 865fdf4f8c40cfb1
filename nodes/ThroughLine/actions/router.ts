import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { deepCopy, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InputError } from '../helpers/inputError';
import { classifyFailure, ThroughLineClient, ThroughLineRequestError, toNodeApiError } from '../transport';
import * as country from './country/Country.resource';
import * as event from './event/Event.resource';
import * as helpline from './helpline/Helpline.resource';
import type { Operation } from './operation';
import * as topic from './topic/Topic.resource';

/** The only place that knows every resource and operation. */
const OPERATIONS: Record<string, Record<string, Operation>> = {
	helpline: { search: helpline.search, get: helpline.get },
	country: { getAll: country.getAll, get: country.get },
	topic: { getAll: topic.getAll },
	event: { reportDisplay: event.reportDisplay, reportClick: event.reportClick },
};

type ItemError = NodeApiError | NodeOperationError;

/** Any failure of one item, as an n8n error that names the item and says what to do. */
function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	const node = context.getNode();
	const where = ` (item ${itemIndex})`;
	if (error instanceof InputError) {
		return new NodeOperationError(node, error.message + where, { itemIndex, description: error.hint });
	}
	if (error instanceof NodeOperationError) return error;
	const failure = error instanceof ThroughLineRequestError ? error : classifyFailure(error);
	const named = new ThroughLineRequestError(
		failure.kind,
		failure.message + where,
		failure.description,
		failure.httpCode,
	);
	return toNodeApiError(node, named, itemIndex);
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = OPERATIONS[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = await ThroughLineClient.create(this, {
		maxRequestsPerSecond: options.maxRequestsPerSecond as number | undefined,
		timeoutMs: options.timeout === undefined ? undefined : Number(options.timeout) * 1000,
	});

	// Items run concurrently; the client bounds concurrency and pace, and shares identical reads.
	const results = await Promise.all(
		items.map(async (_item, itemIndex) => {
			try {
				return { itemIndex, records: await run.execute.call(this, itemIndex, client) };
			} catch (error) {
				return { itemIndex, error: toItemError(this, error, itemIndex) };
			}
		}),
	);

	const output: INodeExecutionData[] = [];
	for (const result of results) {
		const pairedItem = { item: result.itemIndex };
		if (result.error) {
			if (!this.continueOnFail()) throw result.error;
			const json: IDataObject = { error: result.error.message };
			if (result.error.description) json.description = result.error.description;
			output.push({ json, pairedItem });
			continue;
		}
		for (const record of result.records) {
			// Items asking the same question share one response: copy, so later nodes can't cross-edit.
			output.push({ json: deepCopy(record), pairedItem });
		}
	}
	return [output];
}
