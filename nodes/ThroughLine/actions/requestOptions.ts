import type { INodeProperties } from 'n8n-workflow';

/** Options of every operation: how the node paces and waits for ThroughLine. */
export const requestOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 30 },
			default: 30,
			description:
				'Upper bound on the pace of calls to ThroughLine. Its limit is 30 a second per IP address; lower this when other workflows share the address.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'Seconds to wait for ThroughLine to answer one request before retrying',
		},
	],
};
