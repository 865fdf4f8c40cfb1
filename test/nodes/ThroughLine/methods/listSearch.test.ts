/** Version 1.1's "From List" modes: every country and topic of the server, filtered by name or code. */
import type { INodeListSearchResult } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';

import { ThroughLine } from '../../../../nodes/ThroughLine/ThroughLine.node';
import { additionalData, makeNode, nodeTypes, useLocalServer } from '../../../harness/runNode';

const local = useLocalServer();

async function listSearch(method: 'searchCountries' | 'searchTopics', filter?: string): Promise<INodeListSearchResult> {
	const node = makeNode({}, { typeVersion: 1.1 });
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes() });
	const context = new LoadOptionsContext(workflow, node, additionalData(local.credentials()), 'parameters');
	return await new ThroughLine().methods.listSearch[method].call(context, filter);
}

test('countries: every one of the server, with its code as the value and its emergency number', async () => {
	const { results } = await listSearch('searchCountries');
	const countries = local.server.data.countries();
	expect(results.map((r) => r.value).sort()).toEqual(countries.map((c) => c.code).sort());
	for (const country of countries) {
		expect(results).toContainEqual({
			name: `${country.name} (${country.code})`,
			value: country.code,
			description: `Emergency number: ${country.emergencyNumber}`,
		});
	}
});

test.each([
	['zeal', ['NZ']],
	['UNITED', ['GB', 'US']],
	['gb', ['GB']],
])('countries filtered by %p', async (filter, codes) => {
	const { results } = await listSearch('searchCountries', filter);
	expect(results.map((r) => r.value).sort()).toEqual(codes);
});

test('topics: Any Topic first, then every topic by name (the value ThroughLine documents)', async () => {
	const { results } = await listSearch('searchTopics');
	expect(results[0]).toEqual({ name: 'Any Topic', value: '' });
	expect(
		results
			.slice(1)
			.map((r) => r.value)
			.sort(),
	).toEqual(
		local.server.data
			.topics()
			.map((t) => t.name)
			.sort(),
	);
});

test('both lists are in name order, whatever order ThroughLine answers in', async () => {
	// The API's order of these lists is not documented: the local server answers last name first.
	local.server.setBehaviour({ listOrder: 'reversed' });
	const byName = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));
	const countries = (await listSearch('searchCountries')).results.map((r) => r.name);
	expect(countries).toEqual(byName(local.server.data.countries().map((c) => `${c.name} (${c.code})`)));
	const united = (await listSearch('searchCountries', 'united')).results.map((r) => r.value);
	expect(united).toEqual(['GB', 'US']); // United Kingdom before United States
	const topics = (await listSearch('searchTopics')).results.map((r) => r.name);
	expect(topics).toEqual(['Any Topic', ...byName(local.server.data.topics().map((t) => t.name))]);
});

test('topics filtered by a code or part of a name', async () => {
	expect((await listSearch('searchTopics', 'suicidal-thoughts')).results).toEqual([
		{ name: 'Suicidal thoughts', value: 'Suicidal thoughts' },
	]);
	expect((await listSearch('searchTopics', 'harm')).results.map((r) => r.value)).toEqual(['Self-harm']);
});
