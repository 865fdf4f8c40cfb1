/** Bad input, continueOnFail and pairedItem: every item is accounted for, and errors say what to do. */
import { runNode, useLocalServer } from '../../harness/runNode';

const local = useLocalServer();
const credentials = () => local.credentials();
const search = { resource: 'helpline', operation: 'search', country: '={{ $json.country }}', limit: 2 };

let server: typeof local.server;
beforeAll(() => {
	server = local.server;
});

describe('country codes are checked before any request', () => {
	test.each([
		['', 'Country code "" is not a two-letter ISO 3166-1 code'],
		['USA', 'Country code "USA" is not a two-letter ISO 3166-1 code'],
		['🇺🇸', 'Country code "🇺🇸" is not a two-letter ISO 3166-1 code'],
		[42, 'Country code number 42 is not a two-letter ISO 3166-1 code'],
		[null, 'Country code nothing is not a two-letter ISO 3166-1 code'],
		[['US'], 'Country code a list is not a two-letter ISO 3166-1 code'],
	])('%p', async (country, message) => {
		const { error } = await runNode(credentials(), search, [{ country }]);
		expect(error?.message).toBe(`${message} (item 0)`);
		expect(error?.description).toContain('two-letter code');
		expect(server.stats().byRoute['GET /v1/helplines']).toBeUndefined();
	});

	test('" us " is trimmed and accepted', async () => {
		const { error, items } = await runNode(credentials(), search, [{ country: ' us ' }]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
	});

	test("a well-formed code ThroughLine does not know gets ThroughLine's reason", async () => {
		const { error } = await runNode(credentials(), search, [{ country: 'zz' }]);
		expect(error?.message).toMatch(/^ThroughLine refused the request \(HTTP 400\): .+ \(item 0\)$/);
	});

	test("an unknown topic gets ThroughLine's reason", async () => {
		const { error } = await runNode(credentials(), { ...search, topic: 'No Such Topic' }, [{ country: 'US' }]);
		expect(error?.message).toMatch(/^ThroughLine refused the request \(HTTP 400\): .*topic.* \(item 0\)$/i);
	});
});

describe('limits', () => {
	test.each([0, -3, 2.5, 'ten'])('Limit %p is refused', async (limit) => {
		const { error } = await runNode(credentials(), { ...search, limit }, [{ country: 'US' }]);
		expect(error?.message).toMatch(/^Limit must be a whole number of at least 1 .* \(item 0\)$/);
	});

	test('a huge Limit returns everything ThroughLine has', async () => {
		const everyUs = server.data.helplines().filter((h) => h.country.code === 'US');
		const { items } = await runNode(credentials(), { ...search, limit: 1e9 }, [{ country: 'US' }]);
		expect(items).toHaveLength(everyUs.length);
	});
});

describe('IDs and events', () => {
	// A literally empty required field is stopped by n8n itself; an expression can still resolve to nothing.
	test.each(['', '   ', null])('a helpline ID that resolves to %p is refused without a request', async (id) => {
		const { error } = await runNode(credentials(), { resource: 'helpline', operation: 'get', helplineId: '={{ $json.id }}' }, [{ id }]);
		expect(error?.message).toMatch(/^Helpline ID is empty .*\(item 0\)$/);
		expect(server.stats().total).toBe(0);
	});

	test.each([
		[{ sessionId: '={{ "" }}' }, /^Session ID is empty/],
		[{ sessionId: 'x'.repeat(201) }, /^Session ID is 201 characters long/],
		[{ timestamp: 'yesterday' }, /^Timestamp "yesterday" is not an ISO 8601 date and time/],
		[{ helplineId: '={{ $json.missing }}' }, /^Helpline ID is empty/],
	])('event with %p is refused before sending', async (change, message) => {
		const { error } = await runNode(credentials(), {
			resource: 'event',
			operation: 'reportClick',
			helplineId: server.data.helplines()[0].id,
			sessionId: 'session-1',
			contactMethod: 'phone',
			...change,
		});
		expect(error?.message).toMatch(message);
		expect(server.events()).toHaveLength(0);
	});
});

describe('continueOnFail and pairedItem', () => {
	const input = [{ country: 'US' }, { country: 'USA' }, { country: 'NZ' }, { country: 'zz' }];

	test('failed items become error items, the others are complete, all paired', async () => {
		const { error, items } = await runNode(credentials(), search, input, { continueOnFail: true });
		expect(error).toBeUndefined();
		const byItem = (index: number) => items.filter((i) => (i.pairedItem as { item: number }).item === index);
		expect(byItem(0).map((i) => (i.json.country as { code: string }).code)).toEqual(['US', 'US']);
		expect(byItem(1)).toEqual([expect.objectContaining({ json: expect.objectContaining({ error: expect.stringContaining('"USA"') }) })]);
		expect(byItem(2)).toHaveLength(2);
		expect(byItem(3)[0].json.error).toEqual(expect.stringContaining('(item 3)'));
		expect(items).toHaveLength(6);
	});

	test('without it, the run fails on the first failing item in order', async () => {
		const { error } = await runNode(credentials(), search, input);
		expect(error?.message).toContain('"USA"');
		expect(error?.message).toContain('(item 1)');
	});

	test('every output item of every operation carries pairedItem', async () => {
		const operations = [
			{ ...search, country: 'US' },
			{ resource: 'country', operation: 'getAll' },
			{ resource: 'topic', operation: 'getAll' },
			{ resource: 'helpline', operation: 'get', helplineId: server.data.helplines()[0].id },
		];
		for (const parameters of operations) {
			const { items } = await runNode(credentials(), parameters, [{}, {}]);
			expect(items.length).toBeGreaterThan(1);
			for (const item of items) expect([0, 1]).toContain((item.pairedItem as { item: number }).item);
		}
	});
});
