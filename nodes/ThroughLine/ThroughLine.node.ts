import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as country from './actions/country/Country.resource';
import * as event from './actions/event/Event.resource';
import * as helpline from './actions/helpline/Helpline.resource';
import { operationOptions } from './actions/requestOptions';
import { router } from './actions/router';
import * as topic from './actions/topic/Topic.resource';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class ThroughLine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ThroughLine',
		name: 'throughLine',
		icon: { light: 'file:throughline.svg', dark: 'file:throughline.dark.svg' },
		group: ['transform'],
		// 1.1: Country and Topic take a code or a name, and a model can fill them (see actions/shared.ts).
		// New nodes get the highest. No defaultVersion: n8n adds its "Custom API Call" only to nodes
		// without one (or whose defaultVersion equals version).
		version: [1, 1.1],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Find verified crisis and mental-health helplines for a country and topic from ThroughLine, and report when they are shown or used',
		defaults: { name: 'ThroughLine' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'throughLineApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Country', value: 'country' },
					{ name: 'Event', value: 'event' },
					{ name: 'Helpline', value: 'helpline' },
					{ name: 'Topic', value: 'topic' },
				],
				default: 'helpline',
			},
			...helpline.description,
			...country.description,
			...topic.description,
			...event.description,
			...operationOptions,
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
