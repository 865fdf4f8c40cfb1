/** Version 1's dropdowns (methods/loadOptions.ts): ThroughLine's countries and topics, and no call without a credential. */
import { loadOptions, useLocalServer } from '../../../harness/runNode';

const local = useLocalServer();

test('dropdowns load countries and topics from ThroughLine', async () => {
	const countries = await loadOptions(local.credentials(), 'getCountries');
	expect(countries.map((c) => c.value).sort()).toEqual(
		local.server.data
			.countries()
			.map((c) => c.code)
			.sort(),
	);
	const us = countries.find((c) => c.value === 'US')!;
	expect(us.description).toContain(local.server.data.countries().find((c) => c.code === 'US')!.emergencyNumber);
	const topics = await loadOptions(local.credentials(), 'getTopics');
	expect(topics[0]).toMatchObject({ value: '' });
	expect(
		topics
			.slice(1)
			.map((t) => t.value)
			.sort(),
	).toEqual(
		local.server.data
			.topics()
			.map((t) => t.name)
			.sort(),
	);
});

test('the dropdowns are in name order, whatever order ThroughLine answers in', async () => {
	// The API's order of these lists is not documented: the local server answers last name first.
	local.server.setBehaviour({ listOrder: 'reversed' });
	const byName = (names: string[]) => [...names].sort((a, b) => a.localeCompare(b));
	const countries = await loadOptions(local.credentials(), 'getCountries');
	expect(countries.map((c) => c.name)).toEqual(byName(local.server.data.countries().map((c) => `${c.name} (${c.code})`)));
	const topics = await loadOptions(local.credentials(), 'getTopics');
	expect(topics.map((t) => t.name)).toEqual(['Any Topic', ...byName(local.server.data.topics().map((t) => t.name))]);
});

test('without a credential the dropdowns say to choose one, and ask nothing', async () => {
	for (const method of ['getCountries', 'getTopics']) {
		await expect(loadOptions(local.credentials(), method, {}, { credentials: undefined })).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'Choose a ThroughLine credential first',
		});
	}
	expect(local.server.stats().total).toBe(0);
});
