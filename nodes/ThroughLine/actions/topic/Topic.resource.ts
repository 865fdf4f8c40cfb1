import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getMany.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['topic'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the topics helplines can be searched by, such as Suicidal Thoughts',
				action: 'Get many topics',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
