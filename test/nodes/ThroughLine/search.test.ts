/**
 * Helpline > Search is complete or loud: a list that may have been cut at the limit the node
 * sent fails, an empty answer for a country or topic ThroughLine does not know fails, and a
 * priority list is never filtered by anything. Run against the local server (scale mode for a
 * country with more helplines than one search returns) and a bare server for answers the local
 * one does not give.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ThroughLine } from '../../../nodes/ThroughLine/ThroughLine.node';
import { createCredentials, localCredential, makeNode, runNode, useLocalServer } from '../../harness/runNode';
import type { SandboxServer } from '../../../sandbox';
import { startServer } from '../../../sandbox';

const local = useLocalServer();
const search = (parameters: INodeParameters): INodeParameters => ({ resource: 'helpline', operation: 'search', ...parameters });
const searches = (server: { requests(): Array<{ url: string }> }) => server.requests().filter((r) => r.url.startsWith('/v1/helplines?'));
const query = (url: string) => new URLSearchParams(url.split('?')[1]);

describe('Priority Only sends the question whole', () => {
	test('no Additional Query Parameters reach ThroughLine with priority_only', async () => {
		const { items, error } = await runNode(
			local.credentials(),
			search({
				country: 'US',
				topic: 'Suicidal thoughts',
				priorityOnly: true,
				additionalQuery: { parameter: [{ name: 'specialty', value: 'Youth' }, { name: 'contact_method', value: 'sms' }] },
			}),
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(local.server.data.priority('US').map((h) => h.id));
		const [sent] = searches(local.server);
		// Not even a limit: ThroughLine's maximum is unknown, and a refused limit must not cost the pair.
		expect([...query(sent.url).keys()].sort()).toEqual(['country_code', 'priority_only', 'topic']);
	});

	test('the editor hides Additional Query Parameters with Priority Only', () => {
		const type = new ThroughLine().description;
		const node = makeNode({});
		const extra = { parameter: [{ name: 'specialty', value: 'Youth' }] };
		const shown = (priorityOnly: boolean) =>
			NodeHelpers.getNodeParameters(type.properties, search({ country: 'US', priorityOnly, additionalQuery: extra }), false, false, node, type);
		expect(shown(false)).toHaveProperty('additionalQuery');
		expect(shown(true)).not.toHaveProperty('additionalQuery');
	});
});

test('near-reserved names never reach the URL: any case, with [] suffixes', async () => {
	await runNode(
		local.credentials(),
		search({
			country: 'US',
			limit: 3,
			additionalQuery: {
				parameter: [
					{ name: 'Priority_Only', value: 'true' },
					{ name: 'priority_only[]', value: 'true' },
					{ name: 'country_code[]', value: 'GB' },
					{ name: 'LIMIT', value: '1' },
					{ name: 'specialty', value: 'Youth' },
				],
			},
		}),
	);
	const [sent] = searches(local.server);
	expect([...query(sent.url).entries()].sort()).toEqual([
		['country_code', 'US'],
		['limit', '3'],
		['specialty', 'Youth'],
	]);
});

test('"UK" is searched as GB, the code ISO 3166-1 gives the United Kingdom', async () => {
	const gb = local.server.data.helplines().filter((h) => h.country.code === 'GB');
	const { items, error } = await runNode(local.credentials(), search({ country: 'uk', returnAll: true }));
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.id)).toEqual(gb.map((h) => h.id));
	expect(query(searches(local.server)[0].url).get('country_code')).toBe('GB');
});

describe('a list as long as the limit sent may be cut: the node says so', () => {
	// One country with 1,500 helplines; this server answers at most 1,000 per search.
	let big: SandboxServer;
	let code: string;
	let directory: string[];
	beforeAll(async () => {
		big = await startServer({ port: 0, data: { scale: { helplines: 1500, countries: 1 } }, dailyLimit: 0, perSecondLimit: 0 });
		code = big.data.countries()[0].code;
		directory = big.data.helplines().filter((h) => h.country.code === code).map((h) => h.id);
	});
	afterAll(async () => await big.close());
	const run = async (parameters: INodeParameters) => await runNode(createCredentials(localCredential(big)), search({ country: code, ...parameters }));

	test('Return All fails, naming how many came back and what to do', async () => {
		expect(directory.length).toBe(1500);
		const { error, items } = await run({ returnAll: true });
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/^ThroughLine returned 1000 helplines, .*may be incomplete.* \(item 0\)$/);
		expect(error?.description).toMatch(/Limit to 1000 or less/);
	});

	test('a Limit above what one search returns fails instead of returning fewer as if all', async () => {
		const { error } = await run({ limit: 5000 });
		expect(error?.message).toMatch(/may be incomplete/);
	});

	test('Limit 1000 set by the user returns ThroughLine\'s first 1000, as asked', async () => {
		const { error, items } = await run({ limit: 1000 });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(directory.slice(0, 1000));
	});

	test('a filtered search that found fewer matches than Limit in a full answer fails', async () => {
		const { error } = await run({ limit: 5, filters: { languages: 'xx' } });
		expect(error?.message).toMatch(/may be incomplete/);
		expect(error?.description).toMatch(/filters ran on ThroughLine's first 1000/);
	});

	test('a filtered search that found Limit matches is complete: they are the best-ranked ones', async () => {
		const raw = big.data.helplines().filter((h) => h.country.code === code);
		const expected = raw.filter((h) => typeof h.phoneNumber === 'string').slice(0, 3);
		const { error, items } = await run({ limit: 3, filters: { contactMethods: ['phone'] } });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(expected.map((h) => h.id));
	});
});

/** A bare ThroughLine stand-in: a token, fixed lists, and `helplines(query)` for every search. */
async function bareServer(helplines: (q: URLSearchParams) => IDataObject[]) {
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push(req.url ?? '');
		const send = (body: unknown) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/oauth/token') return send({ access_token: 'tok', token_type: 'Bearer', expires_in: 7200 });
		if (url.pathname === '/v1/countries')
			return send({ countries: [{ name: 'New Zealand', code: 'NZ', emergencyNumber: '111' }, { name: 'United States', code: 'US', emergencyNumber: '911' }] });
		if (url.pathname === '/v1/topics') return send({ topics: [{ name: 'Suicidal thoughts', code: 'suicidal-thoughts' }] });
		if (url.pathname === '/v1/helplines') return send({ helplines: helplines(url.searchParams) });
		res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		seen,
		credentials: () => createCredentials({ baseUrl: url, tokenUrl: `${url}/oauth/token`, clientId: 'id', clientSecret: 'secret' }),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

const line = (i: number): IDataObject => ({ id: `h-${i}`, name: `Line ${i}`, country: { name: 'New Zealand', code: 'NZ' } });

test('a priority answer as long as ThroughLine\'s default page fails: a priority list is shown whole or not at all', async () => {
	// No limit is sent with Priority Only; ThroughLine then answers at most 20 (throughline-api.md).
	const bare = await bareServer((q) => Array.from({ length: Number(q.get('limit') ?? 20) }, (_, i) => line(i)));
	try {
		const { error } = await runNode(bare.credentials(), search({ country: 'NZ', topic: 'Suicidal thoughts', priorityOnly: true }));
		expect(error?.message).toMatch(/^ThroughLine returned 20 helplines, .*may be incomplete/);
	} finally {
		await bare.close();
	}
});

describe('an empty answer for a country or topic ThroughLine does not know is an error, not "none there"', () => {
	// The real API may answer an unknown code with 200 {"helplines": []}; this stand-in does.
	let bare: Awaited<ReturnType<typeof bareServer>>;
	beforeAll(async () => {
		bare = await bareServer((q) => (q.get('country_code') === 'NZ' && !q.get('topic') ? [line(1)] : []));
	});
	afterAll(async () => await bare.close());
	beforeEach(() => bare.seen.splice(0));

	test('an unknown country fails, naming the code and the item; the country list is fetched once', async () => {
		const input = [{ country: 'NZ' }, { country: 'ZZ' }, { country: 'QQ' }];
		const { items, error } = await runNode(bare.credentials(), search({ country: '={{ $json.country }}', limit: 5 }), input, {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id ?? i.json.error)).toEqual([
			'h-1',
			"ThroughLine found no helplines: country ZZ is not in its directory (item 1)",
			"ThroughLine found no helplines: country QQ is not in its directory (item 2)",
		]);
		expect(bare.seen.filter((u) => u === '/v1/countries')).toHaveLength(1);
	});

	test('an unknown topic fails, naming the topic', async () => {
		const { error } = await runNode(bare.credentials(), search({ country: 'US', topic: 'No such topic', limit: 5 }));
		expect(error?.message).toBe('ThroughLine found no helplines: topic "No such topic" is not one it knows (item 0)');
	});

	test('a known country and topic with no helplines is an empty answer, not an error', async () => {
		const { items, error } = await runNode(bare.credentials(), search({ country: 'US', topic: 'suicidal thoughts', limit: 5 }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
	});

	test('an answer with helplines costs no extra call', async () => {
		await runNode(bare.credentials(), search({ country: 'NZ', limit: 5 }));
		expect(bare.seen.filter((u) => u.startsWith('/v1/countries') || u.startsWith('/v1/topics'))).toHaveLength(0);
	});
});
