import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ThroughLineClient } from '../../transport';
import { ANSWER_CACHE } from '../../transport/limits';
import { fetchTopics } from '../../transport';

export const description: INodeProperties[] = [];

export const cacheMinutes = ANSWER_CACHE.listMinutes;

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	client: ThroughLineClient,
): Promise<IDataObject[]> {
	return await fetchTopics(client);
}
