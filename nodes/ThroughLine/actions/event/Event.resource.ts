import type { INodeProperties } from 'n8n-workflow';

import * as reportClick from './reportClick.operation';
import * as reportDisplay from './reportDisplay.operation';

export { reportClick, reportDisplay };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Report Click',
				value: 'reportClick',
				description:
					'Tell ThroughLine that a person used a contact method of a helpline (usually run with On Error: Continue)',
				action: 'Report a helpline click',
			},
			{
				name: 'Report Display',
				value: 'reportDisplay',
				description: 'Tell ThroughLine that a helpline was shown to a person (usually run with On Error: Continue)',
				action: 'Report a helpline display',
			},
		],
		default: 'reportDisplay',
	},
	...reportDisplay.description,
	...reportClick.description,
];
