import type { INodeProperties } from 'n8n-workflow';

import { contactClickOptions } from '../../fields/helpline';
import { requireText } from '../../helpers/validation';
import type { Execute } from '../operation';
import { eventParameters, readEventFields, sendEvent } from './shared';

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
		options: contactClickOptions,
		displayOptions: { show: { resource: ['event'], operation: ['reportClick'] } },
	},
];

export const execute: Execute = async function (itemIndex, client) {
	const event = readEventFields(this, itemIndex);
	// The dropdown's values are our best knowledge, not ThroughLine's list: its answer is the judge.
	event.contact_method = requireText(
		this.getNodeParameter('contactMethod', itemIndex),
		'Contact Method',
		'Pick how the person contacted the helpline, or give a value such as phone or sms.',
	);
	return await sendEvent(client, 'helpline_click', event);
};
