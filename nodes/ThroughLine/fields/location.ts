import type { INodeProperties } from 'n8n-workflow';

/** Country and Topic, the two questions of a search: written once for the action node and the trigger. */

/** Version 1 keeps its dropdowns, so saved workflows load and run unchanged. */
export const V1 = { '@version': [1] };
/**
 * From 1.1 Country and Topic are resource locators: a list to pick from, or a code or a name
 * to type. Unlike options parameters, n8n lets a model fill them ("let the model define"),
 * and it names the $fromAI() key after the display name: Country, Topic.
 */
export const V1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** A resource locator's two ways in: ThroughLine's list, searchable, or a code or a name typed. */
const locatorModes = (searchListMethod: string, placeholder: string): Pick<INodeProperties, 'modes'> => ({
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod, searchable: true },
		},
		{
			displayName: 'By Code or Name',
			name: 'codeOrName',
			type: 'string',
			placeholder,
		},
	],
});

export const countryParameters = (resource: string, operation: string): INodeProperties[] => [
	{
		displayName: 'Country Name or ID',
		name: 'country',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCountries' },
		required: true,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'From an expression, use a two-letter country code such as US, NZ or GB',
		displayOptions: { show: { resource: [resource], operation: [operation], ...V1 } },
	},
	{
		displayName: 'Country',
		name: 'country',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The country the person is in: a two-letter code such as US, GB or NZ, or an English country name such as New Zealand',
		...locatorModes('searchCountries', 'e.g. NZ or New Zealand'),
		displayOptions: { show: { resource: [resource], operation: [operation], ...V1_1 } },
	},
];

/**
 * The Topic dropdown of version 1 and of the trigger: ThroughLine's topics and "Any Topic" ('').
 * `anyTopic` says what leaving it on Any Topic means where it is shown.
 */
export const topicDropdown = (anyTopic: string): INodeProperties => ({
	displayName: 'Topic Name or ID',
	name: 'topic',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTopics' },
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: `Leave on Any Topic ${anyTopic}. From an expression, use a topic name such as Suicidal thoughts.`,
});

/** The action node's Topic: the dropdown in version 1, a name or a code (or a model's choice) from 1.1. */
export const topicParameters = (show: Show): INodeProperties[] => [
	{ ...topicDropdown('for all topics'), displayOptions: { show: { ...show, ...V1 } } },
	{
		displayName: 'Topic',
		name: 'topic',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			'What the person needs help with: a ThroughLine topic name such as Suicidal thoughts, Anxiety or Self-harm. Empty for helplines on every topic.',
		...locatorModes('searchTopics', 'e.g. Suicidal thoughts'),
		displayOptions: { show: { ...show, ...V1_1 } },
	},
];
