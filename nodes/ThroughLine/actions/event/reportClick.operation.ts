import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import type { ThroughLineClient } from '../../transport';
import { reportEvent } from '../../transport';
import { eventParameters, readEventFields } from './shared';

/** Events are billed: sent one at a time, in order (see Operation.sequential). */
export const sequential = true;

export const description: INodeProperties[] = [
	...eventParameters('reportClick'),
	{
		displayName: 'Contact Method',
		name: 'contactMethod',
		type: 'options',
		required: true,
		default: 'phone',
		description:
			'How the person chose to contact the helpline. ThroughLine does not publish its list of values: one set by an expression is sent as it is, and ThroughLine answers if it does not know it.',
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
	// The dropdown's values are our best knowledge, not ThroughLine's list: its answer is the judge.
	event.contact_method = requireText(
		this.getNodeParameter('contactMethod', itemIndex),
		'Contact Method',
		'Pick how the person contacted the helpline, or give a value such as phone or sms.',
	);
	const answer = await reportEvent(client, 'helpline_click', event);
	return [{ event: 'helpline_click', ...event, response: answer as IDataObject }];
}
