import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { helplineIdParameter, readHelplineId } from '../../fields/helpline';
import { InputError } from '../../helpers/inputError';
import { normalizeTimestamp, requireText } from '../../helpers/validation';
import type { EventName, ThroughLineClient } from '../../transport';
import { reportEvent } from '../../transport';
import { MAX_SESSION_ID } from '../../transport/limits';

export const eventParameters = (operation: string): INodeProperties[] => {
	const show = { resource: ['event'], operation: [operation] };
	return [
		{
			displayName:
				'Events are counted and billed once each. Items are sent one at a time, and the first failure stops the rest: set Settings > On Error to Continue so one bad item does not hold back the others, and so a rerun does not count the earlier ones again.',
			name: 'eventNotice',
			type: 'notice',
			default: '',
			displayOptions: { show },
		},
		helplineIdParameter({ description: 'The ID of the helpline that was shown or used, as returned by Search' }, show),
		{
			displayName: 'Session ID',
			name: 'sessionId',
			type: 'string',
			required: true,
			default: '',
			description:
				"An ID for the end user's session that links a display to a click, such as a chat conversation ID. Must not contain personal data.",
			displayOptions: { show },
		},
		{
			displayName: 'Timestamp',
			name: 'timestamp',
			type: 'dateTime',
			default: '',
			description: 'When it happened. Leave empty for now.',
			displayOptions: { show },
		},
	];
};

/** The fields both events share, validated before anything is sent. */
export function readEventFields(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const helplineId = readHelplineId(context, itemIndex);
	const sessionId = requireText(
		context.getNodeParameter('sessionId', itemIndex),
		'Session ID',
		"Give an ID for the end user's session, for example the chat conversation ID.",
	);
	if (sessionId.length > MAX_SESSION_ID) {
		throw new InputError(
			`Session ID is ${sessionId.length} characters long; at most ${MAX_SESSION_ID} are allowed`,
			'Use a shorter session ID, for example a hash of the conversation ID.',
		);
	}
	return {
		helpline_id: helplineId,
		session_id: sessionId,
		timestamp: normalizeTimestamp(context.getNodeParameter('timestamp', itemIndex, '')),
	};
}

/** Sends one event and returns it as the item's record: what was sent, and ThroughLine's answer. */
export async function sendEvent(client: ThroughLineClient, type: EventName, event: IDataObject): Promise<IDataObject[]> {
	const answer = await reportEvent(client, type, event);
	return [{ event: type, ...event, response: answer as IDataObject }];
}
