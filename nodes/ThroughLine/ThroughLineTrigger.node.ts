import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getCountries, getTopics } from './methods/loadOptions';
import { properties } from './trigger/description';
import { pollHelplines } from './trigger/poll';

export class ThroughLineTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ThroughLine Trigger',
		name: 'throughLineTrigger',
		icon: { light: 'file:throughline.svg', dark: 'file:throughline.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Watching " + [].concat($parameter["countries"] || []).join(", ")}}',
		description:
			'Starts the workflow when ThroughLine adds, changes or removes a crisis helpline in the countries you watch, to keep a website, CRM or sheet up to date',
		defaults: { name: 'ThroughLine Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'throughLineApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getCountries, getTopics } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollHelplines.call(this);
	}
}
