/**
 * Version 1.1: Country and Topic take a code or a name, resolved through ThroughLine's own lists,
 * with errors naming the nearest valid values; the lists are fetched only when needed. Version 1
 * (every saved workflow, examples/*.json) reads them as it always did. Expectations come from the
 * local server's data and its request log.
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ThroughLine } from '../../../nodes/ThroughLine/ThroughLine.node';
import { makeNode, runNode, useLocalServer } from '../../harness/runNode';

const local = useLocalServer();
const v1_1 = { node: { typeVersion: 1.1 } };
const rl = (value: string, mode = 'codeOrName') => ({ __rl: true, mode, value });
const search = (parameters: INodeParameters): INodeParameters => ({
	resource: 'helpline',
	operation: 'search',
	returnAll: true,
	...parameters,
});
const searches = () => local.server.requests().filter((r) => r.url.startsWith('/v1/helplines?'));
const sent = (name: string) => searches().map((r) => new URLSearchParams(r.url.split('?')[1]).get(name));
const listCalls = (path: string) => local.server.requests().filter((r) => r.url.split('?')[0] === path).length;
const idsOf = (code: string, topic?: string) =>
	local.server.data
		.helplines()
		.filter((h) => h.country.code === code && (!topic || h.topics.includes(topic)))
		.map((h) => h.id);
const codeOf = (name: string) => local.server.data.countries().find((c) => c.name === name)!.code;

describe('1.1: Country by code or name', () => {
	test.each([
		['New Zealand', 'New Zealand'],
		['new zealand', 'New Zealand'],
		['united kingdom', 'United Kingdom'],
		['UK', 'United Kingdom'],
		['Britain', 'United Kingdom'],
		['USA', 'United States'],
	])('%p searches %p', async (input, name) => {
		const { items, error } = await runNode(local.credentials(), search({ country: rl(input) }), [{}], v1_1);
		expect(error).toBeUndefined();
		expect(sent('country_code')).toEqual([codeOf(name)]);
		expect(items.map((i) => i.json.id)).toEqual(idsOf(codeOf(name)));
	});

	test('a two-letter code goes straight to the search: no country list', async () => {
		const { items } = await runNode(local.credentials(), search({ country: rl('nz', 'list') }), [{}], v1_1);
		expect(items.map((i) => i.json.id)).toEqual(idsOf('NZ'));
		expect(listCalls('/v1/countries')).toBe(0);
	});

	test('names in several items share one country list', async () => {
		const input = [{ c: 'New Zealand' }, { c: 'Ireland' }, { c: 'united states' }];
		const { items, error } = await runNode(local.credentials(), search({ country: rl('={{ $json.c }}') }), input, v1_1);
		expect(error).toBeUndefined();
		expect(listCalls('/v1/countries')).toBe(1);
		expect(items.length).toBe(idsOf('NZ').length + idsOf('IE').length + idsOf('US').length);
	});

	test('an unknown name fails before any search, with the nearest countries', async () => {
		const { error } = await runNode(local.credentials(), search({ country: rl('New Zeeland') }), [{}], v1_1);
		expect(error?.message).toBe('Country "New Zeeland" is not one ThroughLine covers (item 0)');
		expect(error?.description).toContain(`Closest: New Zealand (${codeOf('New Zealand')})`);
		expect(searches()).toHaveLength(0);
	});

	test('a well-formed code ThroughLine refuses gets the nearest countries, not only the HTTP 400', async () => {
		const { error } = await runNode(local.credentials(), search({ country: rl('ZZ') }), [{}], v1_1);
		expect(error?.message).toBe('Country "ZZ" is not one ThroughLine covers (item 0)');
		expect(error?.description).toMatch(/Closest: .+\(..\)/);
	});

	test('Country > Get takes a name too', async () => {
		const { items } = await runNode(local.credentials(), { resource: 'country', operation: 'get', country: rl('ireland') }, [{}], v1_1);
		expect(items.map((i) => i.json)).toEqual(local.server.data.countries().filter((c) => c.name === 'Ireland'));
	});
});

describe('1.1: Topic by name or code, always sent by name', () => {
	const topic = 'Suicidal thoughts';
	test.each([topic, 'suicidal thoughts', 'SUICIDAL THOUGHTS', 'suicidal-thoughts'])('%p', async (input) => {
		const code = local.server.data.topics().find((t) => t.name === topic)!.code;
		expect(code).toBe('suicidal-thoughts');
		const { items, error } = await runNode(local.credentials(), search({ country: rl('US'), topic: rl(input) }), [{}], v1_1);
		expect(error).toBeUndefined();
		expect(sent('topic')).toEqual([topic]);
		expect(items.map((i) => i.json.id)).toEqual(idsOf('US', topic));
	});

	test('empty means every topic, and needs no topic list', async () => {
		await runNode(local.credentials(), search({ country: rl('US'), topic: rl('', 'list') }), [{}], v1_1);
		expect(sent('topic')).toEqual([null]);
		expect(listCalls('/v1/topics')).toBe(0);
	});

	test('an unknown topic fails before any search, with the nearest topic names', async () => {
		const { error } = await runNode(local.credentials(), search({ country: rl('US'), topic: rl('suicide') }), [{}], v1_1);
		expect(error?.message).toBe('Topic "suicide" is not one ThroughLine knows (item 0)');
		expect(error?.description).toMatch(/Closest: .*Suicidal thoughts/);
		expect(searches()).toHaveLength(0);
	});
});

describe('version 1 is unchanged', () => {
	const type = new ThroughLine().description;

	test('the node offers 1 and 1.1; new nodes get the highest, 1.1', () => {
		expect(type.version).toEqual([1, 1.1]);
		// n8n's editor uses defaultVersion, else the highest version; n8n adds "Custom API Call"
		// only to a node without defaultVersion (or one equal to version).
		expect(type.defaultVersion).toBeUndefined();
	});

	test('in the editor, version 1 keeps its dropdowns and 1.1 has the resource locators', () => {
		const shown = (typeVersion: number) =>
			type.properties.filter(
				(p) =>
					['country', 'topic'].includes(p.name) &&
					NodeHelpers.displayParameter({ resource: 'helpline', operation: 'search' }, p, makeNode({}, { typeVersion }), type),
			);
		expect(shown(1).map((p) => [p.name, p.type, p.displayName])).toEqual([
			['country', 'options', 'Country Name or ID'],
			['topic', 'options', 'Topic Name or ID'],
		]);
		expect(shown(1.1).map((p) => [p.name, p.type, p.displayName])).toEqual([
			['country', 'resourceLocator', 'Country'],
			['topic', 'resourceLocator', 'Topic'],
		]);
	});

	test('a name is still refused by version 1, before any request, as before', async () => {
		const { error } = await runNode(local.credentials(), search({ country: 'New Zealand' }));
		expect(error?.message).toBe('Country code "New Zealand" is not a two-letter ISO 3166-1 code (item 0)');
		expect(local.server.stats().total).toBe(0);
	});
});
