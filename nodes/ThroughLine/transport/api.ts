import type { IDataObject } from 'n8n-workflow';

import type { Country, Helpline, Topic } from '../helpers/types';
import type { ThroughLineClient } from './client';
import { anyObject, listOf, objectOf } from './validate';

/** ThroughLine's endpoints, typed. Paths and keys live here and nowhere else. */

export const fetchCountries = async (client: ThroughLineClient) => await client.get('/v1/countries', {}, listOf<Country>('countries'));

export const fetchTopics = async (client: ThroughLineClient) => await client.get('/v1/topics', {}, listOf<Topic>('topics'));

export interface HelplineQuery {
	countryCode: string;
	topic?: string;
	priorityOnly?: boolean;
	/** Left out: ThroughLine's default (20). */
	limit?: number;
	/** Server filters the node does not model yet, passed through as given. */
	extra?: IDataObject;
}

export const searchHelplines = async (client: ThroughLineClient, query: HelplineQuery) =>
	await client.get(
		'/v1/helplines',
		{
			...query.extra,
			country_code: query.countryCode,
			topic: query.topic || undefined,
			priority_only: query.priorityOnly ? 'true' : undefined,
			limit: query.limit,
		},
		listOf<Helpline>('helplines'),
	);

/**
 * One helpline, or undefined when ThroughLine answers 404. The ID is one path segment, encoded,
 * so "../x" or "a?b" can never change the URL.
 */
export const fetchHelpline = async (client: ThroughLineClient, id: string) =>
	await client.get(`/v1/helplines/${encodeURIComponent(id)}`, {}, objectOf<Helpline>('helpline'), {
		missingAsUndefined: true,
	});

export type EventName = 'helpline_display' | 'helpline_click';

export const reportEvent = async (client: ThroughLineClient, event: EventName, body: IDataObject) =>
	await client.post(`/v1/events/${event}`, body, anyObject);
