import type { INodeProperties } from 'n8n-workflow';

/** Parameters used by several operations. */

/** Version 1 keeps its dropdowns, so saved workflows load and run unchanged. */
export const V1 = { '@version': [1] };
/**
 * From 1.1 Country and Topic are resource locators: a list to pick from, or a code or a name
 * to type. Unlike options parameters, n8n lets a model fill them ("let the model define"),
 * and it names the $fromAI() key after the display name: Country, Topic.
 */
export const V1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

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
		description:
			'The country the person is in: a two-letter code such as US, GB or NZ, or an English country name such as New Zealand',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCountries', searchable: true },
			},
			{
				displayName: 'By Code or Name',
				name: 'codeOrName',
				type: 'string',
				placeholder: 'e.g. NZ or New Zealand',
			},
		],
		displayOptions: { show: { resource: [resource], operation: [operation], ...V1_1 } },
	},
];

export const simplifyParameter = (resource: string, operations: string[]): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a compact record per helpline (name, first sentence of the description, phone, SMS, chat, WhatsApp, website, topics, specialties such as Youth or Adults, languages, country, emergency number) instead of everything ThroughLine sends',
	displayOptions: { show: { resource: [resource], operation: operations } },
});

/** Only on the tool variant (n8n's `@tool`): what a model gets back. */
export const toolOutputParameter = (resource: string, operations: string[]): INodeProperties => ({
	displayName: 'Tool Output',
	name: 'toolOutput',
	type: 'options',
	noDataExpression: true,
	default: 'compact',
	description: 'What the model receives. Simplify does not apply to the tool.',
	options: [
		{
			name: 'Compact',
			value: 'compact',
			description:
				'Per helpline: name, short description, phone, SMS, chat, WhatsApp, website, topics, specialties, languages, country, emergency number, and whether it is a priority service',
		},
		{
			name: 'Full Records',
			value: 'full',
			description: 'Everything ThroughLine sends, with the priority marks in front',
		},
	],
	displayOptions: { show: { resource: [resource], operation: operations, '@tool': [true] } },
});
