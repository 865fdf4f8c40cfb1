import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { classifyFailure, CREDENTIAL_NAME, ThroughLineClient } from '../transport';

/** A client for the editor's lists, with errors that say what to do. */
export async function withClient<T>(context: ILoadOptionsFunctions, load: (client: ThroughLineClient) => Promise<T>) {
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
