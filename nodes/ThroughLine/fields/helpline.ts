import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CONTACT_METHODS, FILTER_METHODS } from '../helpers/contactMethods';
import { requireText } from '../helpers/validation';

/** Fields that name a helpline or a way to reach one, for every operation that has them. */

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** What an operation says about the ID it wants (its description, a placeholder). */
type HelplineIdDetails = Pick<INodeProperties, 'description' | 'placeholder'>;

export const helplineIdParameter = (details: HelplineIdDetails, show: Show): INodeProperties => ({
	displayName: 'Helpline ID',
	name: 'helplineId',
	type: 'string',
	required: true,
	default: '',
	...details,
	displayOptions: { show },
});

export const readHelplineId = (context: IExecuteFunctions, itemIndex: number): string =>
	requireText(
		context.getNodeParameter('helplineId', itemIndex),
		'Helpline ID',
		'Give the ID of the helpline, for example from the "id" field of a Search result.',
	);

// Dropdowns list their entries by name, as n8n's lint asks of written-out options.
const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The choices of the search's Contact Methods filter (values: the compact record's keys). */
export const contactFilterOptions: INodePropertyOptions[] = FILTER_METHODS.map(({ name, key }) => ({ name, value: key })).sort(byName);

/** The choices of Report Click's Contact Method (values: what ThroughLine is sent). */
export const contactClickOptions: INodePropertyOptions[] = CONTACT_METHODS.map(({ name, clickValue }) => ({
	name,
	value: clickValue,
})).sort(byName);
