/**
 * Helpline > Search, against the local ThroughLine-compatible server over real HTTP (scale mode
 * for a country with more helplines than one search returns) and a bare server for answers the
 * local one does not give. It is complete or loud: a list that may have been cut at the limit the
 * node sent fails, and a priority list is never filtered by anything. Expectations come from the
 * server's own raw answers and data, never from the node's code.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ThroughLine } from '../../../../../nodes/ThroughLine/ThroughLine.node';
import type { SandboxServer } from '../../../../../sandbox';
import { startServer } from '../../../../../sandbox';
import { rawApi } from '../../../../harness/api';
import { createCredentials, localCredential, makeNode, runNode, useLocalServer } from '../../../../harness/runNode';
import { SIMPLIFIED_KEYS } from '../../helpers/simplifiedKeys';
import { bareServer, json, line, query, search, searches } from '../setup';

const local = useLocalServer();

describe('Helpline > Search', () => {
	test('returns ThroughLine records untouched, in ThroughLine order, up to Limit', async () => {
		const raw = await rawApi(local.server, '/v1/helplines?country_code=US&limit=5');
		const { items, error } = await runNode(local.credentials(), search({ country: 'US', limit: 5 }));
		expect(error).toBeUndefined();
		expect(json(items)).toEqual(raw.helplines);
		expect(items).toHaveLength(5);
	});

	test('a search saved without Limit runs as Limit 50, the default the editor shows', async () => {
		const options = { cacheAnswersFor: 0 }; // both runs ask ThroughLine
		const explicit = await runNode(local.credentials(), search({ country: 'US', limit: 50, options }));
		const sentExplicit = searches(local.server).map((r) => r.url);
		local.server.reset();
		const saved = await runNode(local.credentials(), search({ country: 'US', options }));
		expect(saved.error).toBeUndefined();
		expect(searches(local.server).map((r) => r.url)).toEqual(sentExplicit);
		expect(json(saved.items)).toEqual(json(explicit.items));
		expect(saved.items).toHaveLength(Math.min(50, local.server.data.helplines().filter((h) => h.country.code === 'US').length));
	});

	test('Return All asks for everything and gets every helpline of the country', async () => {
		const everyUs = local.server.data.helplines().filter((h) => h.country.code === 'US');
		expect(everyUs.length).toBeGreaterThan(20);
		const { items } = await runNode(local.credentials(), search({ country: 'us', returnAll: true }));
		expect(json(items).map((h) => h.id)).toEqual(everyUs.map((h) => h.id));
	});

	test('passes a topic by name and keeps only that topic', async () => {
		const topic = local.server.data.topics()[0].name;
		const raw = await rawApi(local.server, `/v1/helplines?country_code=GB&topic=${encodeURIComponent(topic)}&limit=1000`);
		const { items } = await runNode(local.credentials(), search({ country: 'GB', topic, returnAll: true }));
		expect(json(items)).toEqual(raw.helplines);
		expect(items.length).toBeGreaterThan(0);
		for (const item of json(items)) expect(item.topics as string[]).toContain(topic);
	});

	test('Priority Only returns the whole priority pair, whatever Limit says', async () => {
		const pair = local.server.data.priority('US');
		expect(pair.length).toBe(2);
		const { items } = await runNode(
			local.credentials(),
			search({ country: 'US', topic: 'Suicidal thoughts', priorityOnly: true, limit: 1, filters: { contactMethods: ['whatsapp'] } }),
		);
		expect(json(items).map((h) => h.id)).toEqual(pair.map((h) => h.id));
		const sent = local.server.requests().find((r) => r.url.startsWith('/v1/helplines?'))!;
		expect(sent.url).toContain('priority_only=true');
	});

	test('contact method filter keeps ThroughLine ranking and applies Limit after filtering', async () => {
		const all = (await rawApi(local.server, '/v1/helplines?country_code=US&limit=1000')).helplines as IDataObject[];
		const withWhatsapp = all.filter((h) => typeof h.whatsappUrl === 'string');
		expect(withWhatsapp.length).toBeGreaterThan(1);
		// the best-ranked US helpline has no WhatsApp: cutting before filtering would return nothing
		expect(all[0].whatsappUrl).toBeUndefined();
		const { items } = await runNode(local.credentials(), search({ country: 'US', limit: 1, filters: { contactMethods: ['whatsapp'] } }));
		expect(json(items)).toEqual(withWhatsapp.slice(0, 1));
	});

	test('language and specialty filters match any of the listed values, case-insensitively', async () => {
		const all = (await rawApi(local.server, '/v1/helplines?country_code=CA&limit=1000')).helplines as IDataObject[];
		const expected = all.filter(
			(h) =>
				(h.supported_languages as string[]).includes('fr') &&
				(h.specialties as string[]).some((s) => ['youth', 'veterans'].includes(s.toLowerCase())),
		);
		expect(expected.length).toBeGreaterThan(0);
		const { items } = await runNode(
			local.credentials(),
			search({ country: 'CA', returnAll: true, filters: { languages: ' FR ', specialties: 'youth, Veterans' } }),
		);
		expect(json(items)).toEqual(expected);
	});

	test('additional query parameters reach ThroughLine as given', async () => {
		const { items } = await runNode(
			local.credentials(),
			search({ country: 'US', returnAll: true, additionalQuery: { parameter: [{ name: 'specialty', value: 'Youth' }] } }),
		);
		expect(items.length).toBeGreaterThan(0);
		for (const item of json(items)) expect(item.specialties as string[]).toContain('Youth');
		expect(local.server.requests().some((r) => r.url.includes('specialty=Youth'))).toBe(true);
	});

	test('unknown fields of a helpline are passed through untouched', async () => {
		const added = local.server.data.addHelpline({
			name: 'Extra Fields Line',
			country: 'NZ',
			rank: -1,
			futureField: { a: [1, 2] },
		} as never);
		const { items } = await runNode(local.credentials(), search({ country: 'NZ', limit: 1 }));
		expect(items[0].json).toEqual(JSON.parse(JSON.stringify(added)));
		expect(items[0].json.futureField).toEqual({ a: [1, 2] });
		local.server.data.removeHelpline(added.id);
	});

	test('Simplify gives the compact record with the same values', async () => {
		const raw = (await rawApi(local.server, '/v1/helplines?country_code=NZ&limit=3')).helplines as IDataObject[];
		const { items } = await runNode(local.credentials(), search({ country: 'NZ', limit: 3, simplify: true }));
		expect(items).toHaveLength(3);
		items.forEach(({ json: simple }, i) => {
			const full = raw[i];
			const country = full.country as IDataObject;
			expect(Object.keys(simple).sort()).toEqual(SIMPLIFIED_KEYS);
			expect(simple).toMatchObject({ id: full.id, name: full.name, country: country.name, countryCode: country.code });
			expect(simple.emergencyNumber).toBe(country.emergencyNumber);
			expect(simple.phone).toBe(full.phoneNumber ?? null);
			expect(simple.whatsapp).toBe(full.whatsappUrl ?? null);
			expect(simple.languages).toEqual(full.supported_languages);
			expect(simple.specialties).toEqual(full.specialties);
		});
	});

	test('Simplify keeps what tells the two services of a priority pair apart', async () => {
		const pair = local.server.data.priority('NZ');
		expect(pair).toHaveLength(2);
		const { items } = await runNode(
			local.credentials(),
			search({ country: 'NZ', topic: 'Suicidal thoughts', priorityOnly: true, simplify: true }),
		);
		expect(json(items).map((h) => h.specialties)).toEqual(pair.map((h) => h.specialties));
		expect(pair[0].specialties).not.toEqual(pair[1].specialties); // adults and youth
		json(items).forEach((simple, i) => {
			// Its first sentence, on one line (descriptions may hold CRLF line breaks).
			const firstSentence = pair[i].description.split(/(?<=[.!?])\s/)[0].replace(/\s+/g, ' ');
			expect(simple.description).toBe(firstSentence);
		});
	});
});

describe('Priority Only sends the question whole', () => {
	test('no Additional Query Parameters reach ThroughLine with priority_only', async () => {
		const { items, error } = await runNode(
			local.credentials(),
			search({
				country: 'US',
				topic: 'Suicidal thoughts',
				priorityOnly: true,
				additionalQuery: {
					parameter: [
						{ name: 'specialty', value: 'Youth' },
						{ name: 'contact_method', value: 'sms' },
					],
				},
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
			NodeHelpers.getNodeParameters(
				type.properties,
				search({ country: 'US', priorityOnly, additionalQuery: extra }),
				false,
				false,
				node,
				type,
			);
		expect(shown(false)).toHaveProperty('additionalQuery');
		expect(shown(true)).not.toHaveProperty('additionalQuery');
	});

	test('with Priority Only the editor shows the notice and hides everything that could cut or filter the pair', () => {
		const type = new ThroughLine().description;
		const node = makeNode({});
		const values = (priorityOnly: boolean) =>
			search({ country: 'US', priorityOnly, returnAll: false, limit: 5, filters: { languages: 'fr' }, additionalQuery: { parameter: [] } });
		const visible = (priorityOnly: boolean) =>
			type.properties
				.filter((p) => NodeHelpers.displayParameter(values(priorityOnly), p, node, type))
				.map((p) => p.name)
				.filter((name) => ['priorityNotice', 'returnAll', 'limit', 'filters', 'additionalQuery'].includes(name));
		expect(visible(false).sort()).toEqual(['additionalQuery', 'filters', 'limit', 'returnAll']);
		expect(visible(true)).toEqual(['priorityNotice']);
		const notice = type.properties.find((p) => p.name === 'priorityNotice')!;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/priority/i);
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
		directory = big.data
			.helplines()
			.filter((h) => h.country.code === code)
			.map((h) => h.id);
	});
	afterAll(async () => await big.close());
	const run = async (parameters: INodeParameters) =>
		await runNode(createCredentials(localCredential(big)), search({ country: code, ...parameters }));

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

	test("Limit 1000 set by the user returns ThroughLine's first 1000, as asked", async () => {
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

test("a priority answer as long as ThroughLine's default page fails: a priority list is shown whole or not at all", async () => {
	// No limit is sent with Priority Only; ThroughLine then answers at most 20 (throughline-api.md).
	const bare = await bareServer((q) => Array.from({ length: Number(q.get('limit') ?? 20) }, (_, i) => line(i)));
	try {
		const { error } = await runNode(bare.credentials(), search({ country: 'NZ', topic: 'Suicidal thoughts', priorityOnly: true }));
		expect(error?.message).toMatch(/^ThroughLine returned 20 helplines, .*may be incomplete/);
	} finally {
		await bare.close();
	}
});
