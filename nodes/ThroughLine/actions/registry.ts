import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as countryGet from './country/get.operation';
import * as countryGetAll from './country/getMany.operation';
import * as reportClick from './event/reportClick.operation';
import * as reportDisplay from './event/reportDisplay.operation';
import * as helplineGet from './helpline/get.operation';
import * as helplineSearch from './helpline/search.operation';
import type { Operation } from './operation';
import * as topicGetAll from './topic/getMany.operation';

/** One operation: its file (parameters and execute) and its entry in the Operation dropdown. */
interface ListedOperation {
	run: Operation;
	name: string;
	description: string;
	action: string;
}

interface ListedResource {
	name: string;
	/** The operation a new node starts on. */
	default: string;
	/** In the order their parameters appear in the node. */
	operations: Record<string, ListedOperation>;
}

const listed = (run: Operation, name: string, description: string, action: string): ListedOperation => ({ run, name, description, action });

/**
 * Every resource and operation of the ThroughLine node, listed once. The node's description and
 * the router are both built from it: adding an operation is its file plus one line here.
 * Values (keys) are what saved workflows store: never rename one.
 */
export const RESOURCES = {
	helpline: {
		name: 'Helpline',
		default: 'search',
		operations: {
			search: listed(
				helplineSearch,
				'Search',
				'Find crisis and support helplines for a country, optionally for a topic',
				'Search helplines',
			),
			get: listed(helplineGet, 'Get', 'Get one helpline by its ID', 'Get a helpline'),
		},
	},
	country: {
		name: 'Country',
		default: 'getAll',
		operations: {
			get: listed(countryGet, 'Get', 'Get one country with its emergency number', 'Get a country'),
			getAll: listed(
				countryGetAll,
				'Get Many',
				'List the countries ThroughLine covers, with their emergency numbers',
				'Get many countries',
			),
		},
	},
	topic: {
		name: 'Topic',
		default: 'getAll',
		operations: {
			getAll: listed(topicGetAll, 'Get Many', 'List the topics helplines can be searched by, such as Suicidal Thoughts', 'Get many topics'),
		},
	},
	event: {
		name: 'Event',
		default: 'reportDisplay',
		operations: {
			reportDisplay: listed(
				reportDisplay,
				'Report Display',
				'Tell ThroughLine that a helpline was shown to a person (usually run with On Error: Continue)',
				'Report a helpline display',
			),
			reportClick: listed(
				reportClick,
				'Report Click',
				'Tell ThroughLine that a person used a contact method of a helpline (usually run with On Error: Continue)',
				'Report a helpline click',
			),
		},
	},
} satisfies Record<string, ListedResource>;

export type ResourceName = keyof typeof RESOURCES;

const DEFAULT_RESOURCE: ResourceName = 'helpline';

const resources = (): Array<[string, ListedResource]> => Object.entries(RESOURCES);
// Dropdowns list their entries by name, as n8n's lint asks of written-out options.
const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** The operation a saved resource and operation value run, or undefined for a combination the node does not have. */
export function findOperation(resource: string, operation: string): Operation | undefined {
	if (!Object.hasOwn(RESOURCES, resource)) return undefined;
	const { operations } = (RESOURCES as Record<string, ListedResource>)[resource];
	return Object.hasOwn(operations, operation) ? operations[operation].run : undefined;
}

function operationParameter(resource: string, { operations, default: first }: ListedResource): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: Object.entries(operations)
			.map(([value, { name, description, action }]) => ({ name, value, description, action }))
			.sort(byName),
		default: first,
	};
}

/** The Resource dropdown, then for each resource its Operation dropdown and its operations' parameters. */
export const resourceProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources()
			.map(([value, { name }]) => ({ name, value }))
			.sort(byName),
		default: DEFAULT_RESOURCE,
	},
	...resources().flatMap(([resource, listedResource]) => [
		operationParameter(resource, listedResource),
		...Object.values(listedResource.operations).flatMap(({ run }) => run.description),
	]),
];
