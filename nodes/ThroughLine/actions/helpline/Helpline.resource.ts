import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as search from './search.operation';

export { get, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['helpline'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one helpline by its ID',
				action: 'Get a helpline',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find crisis and support helplines for a country, optionally for a topic',
				action: 'Search helplines',
			},
		],
		default: 'search',
	},
	...search.description,
	...get.description,
];
