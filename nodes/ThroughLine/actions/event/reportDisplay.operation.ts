import type { INodeProperties } from 'n8n-workflow';

import type { Execute } from '../operation';
import { eventParameters, readEventFields, sendEvent } from './shared';

/** Events are billed: sent one at a time, in order (see Operation.sequential). */
export const sequential = true;

export const description: INodeProperties[] = eventParameters('reportDisplay');

export const execute: Execute = async function (itemIndex, client) {
	return await sendEvent(client, 'helpline_display', readEventFields(this, itemIndex));
};
