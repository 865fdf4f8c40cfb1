import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { deepCopy, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemOrigin, markAnswered, originHints } from '../helpers/answeredFrom';
import type { ItemOrigin } from '../helpers/answeredFrom';
import { InputError } from '../helpers/inputError';
import { toolErrorRecord } from '../helpers/toolOutput';
import { ThroughLineClient, ThroughLineRequestError, toNodeApiError } from '../transport';
import type { AnswerOrigin } from '../transport/sharedReads';
import { withOrigins } from '../transport/sharedReads';
import { cachePolicy, clientOptions } from '../fields/options';
import { findOperation } from './registry';
import { isToolRun } from './toolMode';

type ItemError = NodeApiError | NodeOperationError;

const NOT_THROUGHLINE = "This is not a ThroughLine failure: check this node's parameters and the expressions in them.";

/** Any failure of one item, as an n8n error that names the item and says what to do. */
function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	const node = context.getNode();
	const where = ` (item ${itemIndex})`;
	if (error instanceof InputError) {
		return new NodeOperationError(node, error.message + where, { itemIndex, description: error.hint });
	}
	if (error instanceof ThroughLineRequestError) {
		const named = new ThroughLineRequestError(error.kind, error.message + where, error.description, error.httpCode);
		return toNodeApiError(node, named, itemIndex);
	}
	// Not a request (the client words every request failure): n8n's own, such as an expression that
	// does not evaluate, kept in n8n's words rather than passed off as a network failure.
	if (error instanceof NodeOperationError) return error;
	const cause = error instanceof Error ? error : new Error(String(error));
	return new NodeOperationError(node, cause, {
		itemIndex,
		message: cause.message + where,
		description: NOT_THROUGHLINE,
	});
}

/**
 * A failed item, shaped so that n8n sends it down the error output under *On Error: Continue
 * (using error output)*. n8n (WorkflowExecute.handleNodeErrorOutput) treats an item as failed when
 * `item.error` is set or `json` holds only `error` and `message` (1.x, 2.11: exactly those two;
 * 2.41: any of error, message, details). We do not set `item.error`: n8n then replaces `json`
 * with `{ error: message }`, which would drop the hint (what to do) and, on the error output, the
 * input fields n8n merges in (the country that failed). So: the reason in `error`, the hint in
 * `message`.
 */
export function errorItem(error: ItemError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.message = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

type ItemResult =
	| { itemIndex: number; records: IDataObject[]; error?: undefined; origin?: ItemOrigin }
	| { itemIndex: number; error: ItemError; origin?: undefined };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = findOperation(resource, operation);
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for "${resource}"`);
	}

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = await ThroughLineClient.create(this, {
		...clientOptions(options),
		cache: cachePolicy(options, run.cacheMinutes),
	});

	const asTool = isToolRun(this);
	const runItem = async (itemIndex: number): Promise<ItemResult> => {
		try {
			const origins: AnswerOrigin[] = [];
			const records = await run.execute.call(this, itemIndex, withOrigins(client, origins));
			const origin = itemOrigin(origins);
			// Raw records stay ThroughLine's own; compact ones, and a model's, say they are not live.
			const marked = asTool || (this.getNodeParameter('simplify', itemIndex, false) as boolean);
			return { itemIndex, records: marked ? markAnswered(records, origin) : records, origin };
		} catch (error) {
			// A model that sent a wrong value gets what to send instead, as its tool's answer,
			// the same way in every n8n version (a thrown error reaches it differently in each).
			if (asTool && error instanceof InputError) return { itemIndex, records: [toolErrorRecord(error)] };
			return { itemIndex, error: toItemError(this, error, itemIndex) };
		}
	};

	const results: ItemResult[] = [];
	if (run.sequential) {
		// One at a time, and nothing after a failure is sent unless the user chose Continue.
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const result = await runItem(itemIndex);
			if (result.error && !this.continueOnFail()) throw result.error;
			results.push(result);
		}
	} else {
		// Reads run concurrently; the client bounds concurrency and pace, and shares identical reads.
		results.push(...(await Promise.all(items.map(async (_item, itemIndex) => await runItem(itemIndex)))));
	}

	const answerHints = originHints(results.map((result) => result.origin));
	if (answerHints.length) this.addExecutionHints(...answerHints);
	const output: INodeExecutionData[] = [];
	for (const result of results) {
		if (result.error) {
			if (!this.continueOnFail()) throw result.error;
			output.push(errorItem(result.error, result.itemIndex));
			continue;
		}
		const pairedItem = { item: result.itemIndex };
		for (const record of result.records) {
			// Items asking the same question share one response: copy, so later nodes can't cross-edit.
			output.push({ json: deepCopy(record), pairedItem });
		}
	}
	return [output];
}
