import type { INodeProperties } from 'n8n-workflow';

/** Parameters of the action node that several operations use (Country and Topic: fields/location.ts). */

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
