import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ThroughLineClient } from '../../transport';
import { reportEvent } from '../../transport';
import { eventParameters, readEventFields } from './shared';

/** Events are billed: sent one at a time, in order (see Operation.sequential). */
export const sequential = true;

export const description: INodeProperties[] = eventParameters('reportDisplay');

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: ThroughLineClient,
): Promise<IDataObject[]> {
	const event = readEventFields(this, itemIndex);
	const answer = await reportEvent(client, 'helpline_display', event);
	return [{ event: 'helpline_display', ...event, response: answer as IDataObject }];
}
