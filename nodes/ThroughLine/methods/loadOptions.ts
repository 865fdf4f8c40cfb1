import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchCountries, fetchTopics } from '../transport';
import { withClient } from './withClient';

/** Version 1's dropdowns. */

export async function getCountries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const countries = await withClient(this, fetchCountries);
	return countries
		.map((country) => ({
			name: `${country.name} (${country.code})`,
			value: String(country.code).toUpperCase(),
			description: country.emergencyNumber ? `Emergency number: ${country.emergencyNumber}` : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export async function getTopics(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const topics = await withClient(this, fetchTopics);
	return [
		{ name: 'Any Topic', value: '', description: 'Helplines for every topic' },
		...topics.map((topic) => ({ name: topic.name, value: topic.name })).sort((a, b) => a.name.localeCompare(b.name)),
	];
}
