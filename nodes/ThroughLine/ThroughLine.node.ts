import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resourceProperties } from './actions/registry';
import { router } from './actions/router';
import { operationOptions } from './fields/options';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class ThroughLine implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ThroughLine',
		name: 'throughLine',
		icon: { light: 'file:throughline.svg', dark: 'file:throughline.dark.svg' },
		group: ['transform'],
		// 1.1: Country and Topic take a code or a name, and a model can fill them (see fields/location.ts).
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
		// Resources and operations come from one list, which the router reads too.
		properties: [...resourceProperties, ...operationOptions],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
