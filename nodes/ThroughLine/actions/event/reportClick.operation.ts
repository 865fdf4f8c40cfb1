import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/inputError';
import type { ThroughLineClient } from '../../transport';
import { reportEvent } from '../../transport';
import { eventParameters, readEventFields } from './shared';

export const CONTACT_METHODS = ['phone', 'sms', 'web_chat', 'whatsapp', 'website'] as const;

export const description: INodeProperties[] = [
	...eventParameters('reportClick'),
	{
		displayName: 'Contact Method',
		name: 'contactMethod',
		type: 'options',
		required: true,
		default: 'phone',
		description: 'How the person chose to contact the helpline',
		options: [
			{ name: 'Phone', value: 'phone' },
			{ name: 'SMS', value: 'sms' },
			{ name: 'Web Chat', value: 'web_chat' },
			{ name: 'Website', value: 'website' },
			{ name: 'WhatsApp', value: 'whatsapp' },
		],
		displayOptions: { show: { resource: ['event'], operation: ['reportClick'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: ThroughLineClient,
): Promise<IDataObject[]> {
	const event = readEventFields(this, itemIndex);
	const method = String(this.getNodeParameter('contactMethod', itemIndex) ?? '').trim();
	if (!(CONTACT_METHODS as readonly string[]).includes(method)) {
		throw new InputError(
			`Contact method "${method}" is not one ThroughLine knows`,
			`Use one of: ${CONTACT_METHODS.join(', ')}.`,
		);
	}
	event.contact_method = method;
	const answer = await reportEvent(client, 'helpline_click', event);
	return [{ event: 'helpline_click', ...event, response: answer as IDataObject }];
}
