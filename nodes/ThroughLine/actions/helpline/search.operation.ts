import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { contactFilterOptions } from '../../fields/helpline';
import { countryParameters, topicParameters } from '../../fields/location';
import { cappedHint, cutListError, maySilentlyBeCapped, mayBeCut, planSearch } from '../../helpers/completeness';
import { filterHelplines, hasFilters } from '../../helpers/filters';
import { extraQuery } from '../../helpers/query';
import { simplifyHelpline } from '../../helpers/simplify';
import { markForTool, noHelplinesRecord } from '../../helpers/toolOutput';
import type { ContactMethod, Helpline, HelplineFilters } from '../../helpers/types';
import { normalizeLimit, splitList } from '../../helpers/validation';
import { ANSWER_CACHE } from '../../transport/limits';
import { searchHelplines } from '../../transport';
import { staticDataKeeper } from '../../transport/lastKnownGood';
import { withKeeper } from '../../transport/sharedReads';
import type { Execute } from '../operation';
import { simplifyParameter, toolOutputParameter } from '../shared';
import { isToolRun } from '../toolMode';
import { checkAgainstLists, explainRefusal, readSearchTarget } from './searchTarget';

const show = { resource: ['helpline'], operation: ['search'] };

/** Its default (a literal: n8n's linter asks 50 of a Limit) is also what a run without the parameter gets. */
const limitParameter: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { ...show, returnAll: [false] }, hide: { priorityOnly: [true] } },
};

export const description: INodeProperties[] = [
	...countryParameters('helpline', 'search'),
	...topicParameters(show),
	{
		displayName: 'Priority Only',
		name: 'priorityOnly',
		type: 'boolean',
		default: false,
		description:
			"Whether to return only ThroughLine's short list of the country's most critical services for the topic (today only Suicidal Thoughts has one)",
		displayOptions: { show },
	},
	{
		displayName:
			'ThroughLine requires priority results to be shown together: when two services come back (for example adults and youth), show both or neither. This node never cuts or filters a priority list.',
		name: 'priorityNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, priorityOnly: [true] } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show, hide: { priorityOnly: [true] } },
	},
	limitParameter,
	simplifyParameter('helpline', ['search']),
	toolOutputParameter('helpline', ['search']),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: "Applied after ThroughLine's search; the order of results stays as ThroughLine ranked them",
		displayOptions: { show, hide: { priorityOnly: [true] } },
		options: [
			{
				displayName: 'Contact Methods',
				name: 'contactMethods',
				type: 'multiOptions',
				default: [],
				description: 'Keep helplines that offer at least one of these',
				options: contactFilterOptions,
			},
			{
				displayName: 'Languages',
				name: 'languages',
				type: 'string',
				default: '',
				placeholder: 'en, es',
				description: 'Keep helplines that speak at least one of these two-letter language codes, separated by commas',
			},
			{
				displayName: 'Specialties',
				name: 'specialties',
				type: 'string',
				default: '',
				placeholder: 'Youth, LGBTQ+',
				description: 'Keep helplines that serve at least one of these groups, separated by commas',
			},
		],
	},
	{
		displayName: 'Additional Query Parameters',
		name: 'additionalQuery',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		description:
			"Extra search parameters passed to ThroughLine as they are, for filters this node doesn't offer yet. Names the node sets itself (country_code, topic, priority_only, limit) are ignored. Never sent with Priority Only: a priority list is not filtered.",
		displayOptions: { show, hide: { priorityOnly: [true] } },
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. region',
						description: "The parameter's name as ThroughLine's API spells it",
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'What to send for it' },
				],
			},
		],
	},
];

export const cacheMinutes = ANSWER_CACHE.helplineMinutes;

export const execute: Execute = async function (itemIndex, client) {
	const target = await readSearchTarget(this, itemIndex, client);
	const { countryCode, topic } = target;
	const priorityOnly = this.getNodeParameter('priorityOnly', itemIndex, false) as boolean;
	const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
	const returnAll = !priorityOnly && (this.getNodeParameter('returnAll', itemIndex, false) as boolean);
	const limit = priorityOnly || returnAll ? Infinity : normalizeLimit(this.getNodeParameter('limit', itemIndex, limitParameter.default));
	// A priority list is never cut or filtered (ThroughLine: show both services or neither), so
	// neither the node's filters nor server-side extra parameters apply to it.
	const rawFilters = priorityOnly ? {} : (this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const extra = priorityOnly ? {} : extraQuery(this.getNodeParameter('additionalQuery', itemIndex, {}) as IDataObject);
	const filters: HelplineFilters = {
		contactMethods: (rawFilters.contactMethods as ContactMethod[] | undefined) ?? [],
		specialties: splitList(rawFilters.specialties),
		languages: splitList(rawFilters.languages),
	};
	const filtering = hasFilters(filters);
	// With filters, fetch the full ranked list so the first `limit` matches are the best ones.
	const plan = planSearch({ returnAll, priorityOnly, filtering, limit });

	// A priority list is what a person in crisis needs most: its last good answer outlives a restart.
	const reads = priorityOnly ? withKeeper(client, staticDataKeeper(this)) : client;
	const fetched: Helpline[] = await searchHelplines(reads, { countryCode, topic, priorityOnly, limit: plan.ask, extra }).catch(
		async (error: unknown) => await explainRefusal(client, target, error),
	);
	const country = fetched.length === 0 ? await checkAgainstLists(client, target) : undefined;
	const matches = filtering ? filterHelplines(fetched, filters) : fetched;
	if (mayBeCut(plan, fetched.length, matches.length)) throw cutListError(plan, fetched.length, matches.length);
	if (maySilentlyBeCapped(plan, fetched.length, matches.length)) {
		this.addExecutionHints({ message: cappedHint(fetched.length, countryCode), location: 'outputPane' });
	}
	const kept = matches.slice(0, limit);
	if (!isToolRun(this)) return kept.map((h) => (simplify ? simplifyHelpline(h) : h));

	if (kept.length === 0) {
		const known = country ?? (await checkAgainstLists(client, target));
		const where = `${known.name}${topic ? ` on the topic ${topic}` : ''}`;
		return [noHelplinesRecord(where, { priorityOnly, emergencyNumber: known.emergencyNumber })];
	}
	const full = this.getNodeParameter('toolOutput', itemIndex, 'compact') === 'full';
	return markForTool(full ? kept : kept.map(simplifyHelpline), priorityOnly);
};
