import type { INodeProperties } from 'n8n-workflow';

import { requestOptions } from '../fields/options';
import { topicDropdown } from '../fields/location';
import { REMOVAL_LOOKUPS_PER_POLL, THROUGHLINE_LIMITS } from '../transport/limits';

/** The trigger's own parameters; n8n adds "Poll Times" in front of them for polling nodes. */
export const properties: INodeProperties[] = [
	{
		displayName: `Each poll makes one call to ThroughLine per watched country, plus one for each helpline that left a list (to confirm it is gone; at most ${REMOVAL_LOOKUPS_PER_POLL} a poll). ThroughLine allows ${THROUGHLINE_LIMITS.callsPerDay.toLocaleString('en-US')} calls a day for your whole account, so 5 countries polled every hour use 120 a day. The trigger refuses Poll Times that would go over that, including the default Every Minute (1,440 polls a day).`,
		name: 'costNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'Besides "added", "changed" and "removed", the "event" field can be "failed" (a country could not be checked this time; the next good poll reports everything since) or "incomplete" (ThroughLine may not have listed every helpline of a country, so removals there are not reported). Those items have a message and a description instead of a helpline.',
		name: 'eventsNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Country Names or IDs',
		name: 'countries',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCountries' },
		required: true,
		default: [],
		description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'From an expression, use two-letter country codes such as US, NZ, GB, as a list or separated by commas',
	},
	topicDropdown('to watch every helpline of the countries'),
	{
		displayName: 'On First Poll',
		name: 'onFirstPoll',
		type: 'options',
		options: [
			{
				name: 'Emit Every Helpline as Added',
				value: 'emitAll',
				description: 'Report every current helpline as added, for example to fill an empty sheet or CRM',
			},
			{
				name: 'Record a Baseline Silently',
				value: 'recordBaseline',
				description: 'Remember the current helplines and report only what changes after that',
			},
		],
		default: 'recordBaseline',
		description: 'What to do the first time a country is checked, when there is nothing to compare with yet',
	},
	requestOptions,
];
