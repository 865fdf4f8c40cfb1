import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getAll from './getMany.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['country'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one country with its emergency number',
				action: 'Get a country',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the countries ThroughLine covers, with their emergency numbers',
				action: 'Get many countries',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
