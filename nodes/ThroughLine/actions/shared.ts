import type { INodeProperties } from 'n8n-workflow';

/** Parameters used by several operations. */

export const countryParameter = (resource: string, operation: string): INodeProperties => ({
	displayName: 'Country Name or ID',
	name: 'country',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCountries' },
	required: true,
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'From an expression, use a two-letter country code such as US, NZ or GB',
	displayOptions: { show: { resource: [resource], operation: [operation] } },
});

export const simplifyParameter = (resource: string, operations: string[]): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return a compact record per helpline (name, first sentence of the description, phone, SMS, chat, WhatsApp, website, topics, specialties such as Youth or Adults, languages, country, emergency number) instead of everything ThroughLine sends',
	displayOptions: { show: { resource: [resource], operation: operations } },
});
