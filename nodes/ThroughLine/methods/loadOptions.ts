import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { classifyFailure, CREDENTIAL_NAME, fetchCountries, fetchTopics, ThroughLineClient } from '../transport';

async function withClient<T>(context: ILoadOptionsFunctions, load: (client: ThroughLineClient) => Promise<T>) {
	// The editor can ask before a credential is attached (seen when the node is added as an AI
	// Agent's tool): say what to do instead of "the request failed".
	if (!context.getNode().credentials?.[CREDENTIAL_NAME]) {
		throw new NodeOperationError(context.getNode(), 'Choose a ThroughLine credential first', {
			description:
				'This list comes from ThroughLine, so it loads once the node has a credential. If it stays empty after you choose one, close the node and open it again.',
		});
	}
	try {
		return await load(await ThroughLineClient.create(context));
	} catch (error) {
		const failure = classifyFailure(error);
		throw new NodeOperationError(context.getNode(), failure.message, { description: failure.description });
	}
}

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
		...topics
			.map((topic) => ({ name: topic.name, value: topic.name }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	];
}
