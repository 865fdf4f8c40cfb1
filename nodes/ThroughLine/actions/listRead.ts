import type { IDataObject } from 'n8n-workflow';

import type { ThroughLineClient } from '../transport';
import { ANSWER_CACHE } from '../transport/limits';
import type { Execute, Operation } from './operation';

/**
 * An operation that returns one of ThroughLine's lists whole (the countries, the topics): no
 * parameters, the lists' cache lifetime, one record per entry.
 */
export function listRead(fetch: (client: ThroughLineClient) => Promise<IDataObject[]>): Required<Omit<Operation, 'sequential'>> {
	const execute: Execute = async function (_itemIndex, client) {
		return await fetch(client);
	};
	return { description: [], cacheMinutes: ANSWER_CACHE.listMinutes, execute };
}
