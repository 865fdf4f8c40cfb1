import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { comparable } from '../helpers/match';
import { fetchCountries, fetchTopics } from '../transport';
import { withClient } from './withClient';

/** Version 1.1's "From List" modes of Country and Topic; the filter matches names and codes. */

const matches = (filter: string | undefined, ...texts: string[]) => {
	const wanted = comparable(filter ?? '');
	return wanted === '' || texts.some((text) => comparable(text).includes(wanted));
};

export async function searchCountries(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const countries = await withClient(this, fetchCountries);
	const results = countries
		.filter((country) => matches(filter, country.name, country.code))
		.map((country) => ({
			name: `${country.name} (${String(country.code).toUpperCase()})`,
			value: String(country.code).toUpperCase(),
			description: country.emergencyNumber ? `Emergency number: ${country.emergencyNumber}` : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export async function searchTopics(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const topics = await withClient(this, fetchTopics);
	const results = topics
		.filter((topic) => matches(filter, topic.name, String(topic.code)))
		.map((topic) => ({ name: topic.name, value: topic.name }))
		.sort((a, b) => a.name.localeCompare(b.name));
	// "Any topic" is the empty value: listed first, unless the filter asks for something else.
	return { results: filter?.trim() ? results : [{ name: 'Any Topic', value: '' }, ...results] };
}
