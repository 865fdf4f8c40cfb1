/**
 * Every resource and operation of the ThroughLine node, run in n8n-core's engine against the
 * local ThroughLine-compatible server over real HTTP. Expectations come from the server's own
 * raw answers and data, never from the node's code.
 */
import type { IDataObject } from 'n8n-workflow';

import { rawApi } from '../../harness/api';
import { loadOptions, runNode, useLocalServer } from '../../harness/runNode';

const local = useLocalServer();
const credentials = () => local.credentials();
const search = (parameters: IDataObject) => ({ resource: 'helpline', operation: 'search', ...parameters });
const json = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);

let server: typeof local.server;
beforeAll(() => {
	server = local.server;
});

describe('Helpline > Search', () => {
	test('returns ThroughLine records untouched, in ThroughLine order, up to Limit', async () => {
		const raw = await rawApi(server, '/v1/helplines?country_code=US&limit=5');
		const { items, error } = await runNode(credentials(), search({ country: 'US', limit: 5 }));
		expect(error).toBeUndefined();
		expect(json(items)).toEqual(raw.helplines);
		expect(items).toHaveLength(5);
	});

	test('Return All asks for everything and gets every helpline of the country', async () => {
		const everyUs = server.data.helplines().filter((h) => h.country.code === 'US');
		expect(everyUs.length).toBeGreaterThan(20);
		const { items } = await runNode(credentials(), search({ country: 'us', returnAll: true }));
		expect(json(items).map((h) => h.id)).toEqual(everyUs.map((h) => h.id));
	});

	test('passes a topic by name and keeps only that topic', async () => {
		const topic = server.data.topics()[0].name;
		const raw = await rawApi(server, `/v1/helplines?country_code=GB&topic=${encodeURIComponent(topic)}&limit=1000`);
		const { items } = await runNode(credentials(), search({ country: 'GB', topic, returnAll: true }));
		expect(json(items)).toEqual(raw.helplines);
		expect(items.length).toBeGreaterThan(0);
		for (const item of json(items)) expect(item.topics as string[]).toContain(topic);
	});

	test('Priority Only returns the whole priority pair, whatever Limit says', async () => {
		const pair = server.data.priority('US');
		expect(pair.length).toBe(2);
		const { items } = await runNode(
			credentials(),
			search({ country: 'US', topic: 'Suicidal thoughts', priorityOnly: true, limit: 1, filters: { contactMethods: ['whatsapp'] } }),
		);
		expect(json(items).map((h) => h.id)).toEqual(pair.map((h) => h.id));
		const sent = server.requests().find((r) => r.url.startsWith('/v1/helplines?'))!;
		expect(sent.url).toContain('priority_only=true');
	});

	test('contact method filter keeps ThroughLine ranking and applies Limit after filtering', async () => {
		const all = (await rawApi(server, '/v1/helplines?country_code=US&limit=1000')).helplines as IDataObject[];
		const withWhatsapp = all.filter((h) => typeof h.whatsappUrl === 'string');
		expect(withWhatsapp.length).toBeGreaterThan(1);
		// the best-ranked US helpline has no WhatsApp: cutting before filtering would return nothing
		expect(all[0].whatsappUrl).toBeUndefined();
		const { items } = await runNode(
			credentials(),
			search({ country: 'US', limit: 1, filters: { contactMethods: ['whatsapp'] } }),
		);
		expect(json(items)).toEqual(withWhatsapp.slice(0, 1));
	});

	test('language and specialty filters match any of the listed values, case-insensitively', async () => {
		const all = (await rawApi(server, '/v1/helplines?country_code=CA&limit=1000')).helplines as IDataObject[];
		const expected = all.filter(
			(h) =>
				(h.supported_languages as string[]).includes('fr') &&
				(h.specialties as string[]).some((s) => ['youth', 'veterans'].includes(s.toLowerCase())),
		);
		expect(expected.length).toBeGreaterThan(0);
		const { items } = await runNode(
			credentials(),
			search({ country: 'CA', returnAll: true, filters: { languages: ' FR ', specialties: 'youth, Veterans' } }),
		);
		expect(json(items)).toEqual(expected);
	});

	test('additional query parameters reach ThroughLine as given', async () => {
		const { items } = await runNode(
			credentials(),
			search({ country: 'US', returnAll: true, additionalQuery: { parameter: [{ name: 'specialty', value: 'Youth' }] } }),
		);
		expect(items.length).toBeGreaterThan(0);
		for (const item of json(items)) expect(item.specialties as string[]).toContain('Youth');
		expect(server.requests().some((r) => r.url.includes('specialty=Youth'))).toBe(true);
	});

	test('unknown fields of a helpline are passed through untouched', async () => {
		const added = server.data.addHelpline({ name: 'Extra Fields Line', country: 'NZ', rank: -1, futureField: { a: [1, 2] } } as never);
		const { items } = await runNode(credentials(), search({ country: 'NZ', limit: 1 }));
		expect(items[0].json).toEqual(JSON.parse(JSON.stringify(added)));
		expect(items[0].json.futureField).toEqual({ a: [1, 2] });
		server.data.removeHelpline(added.id);
	});

	test('Simplify gives the compact record with the same values', async () => {
		const raw = (await rawApi(server, '/v1/helplines?country_code=NZ&limit=3')).helplines as IDataObject[];
		const { items } = await runNode(credentials(), search({ country: 'NZ', limit: 3, simplify: true }));
		expect(items).toHaveLength(3);
		items.forEach(({ json: simple }, i) => {
			const full = raw[i];
			const country = full.country as IDataObject;
			expect(Object.keys(simple).sort()).toEqual(
				['country', 'countryCode', 'description', 'emergencyNumber', 'id', 'languages', 'name', 'phone', 'sms', 'specialties', 'topics', 'webChat', 'website', 'whatsapp'],
			);
			expect(simple).toMatchObject({ id: full.id, name: full.name, country: country.name, countryCode: country.code });
			expect(simple.emergencyNumber).toBe(country.emergencyNumber);
			expect(simple.phone).toBe(full.phoneNumber ?? null);
			expect(simple.whatsapp).toBe(full.whatsappUrl ?? null);
			expect(simple.languages).toEqual(full.supported_languages);
			expect(simple.specialties).toEqual(full.specialties);
		});
	});

	test('Simplify keeps what tells the two services of a priority pair apart', async () => {
		const pair = server.data.priority('NZ');
		expect(pair).toHaveLength(2);
		const { items } = await runNode(credentials(), search({ country: 'NZ', topic: 'Suicidal thoughts', priorityOnly: true, simplify: true }));
		expect(json(items).map((h) => h.specialties)).toEqual(pair.map((h) => h.specialties));
		expect(pair[0].specialties).not.toEqual(pair[1].specialties); // adults and youth
		json(items).forEach((simple, i) => {
			// Its first sentence, on one line (descriptions may hold CRLF line breaks).
			const firstSentence = pair[i].description.split(/(?<=[.!?])\s/)[0].replace(/\s+/g, ' ');
			expect(simple.description).toBe(firstSentence);
		});
	});
});

describe('Helpline > Get', () => {
	test('returns the helpline by ID', async () => {
		const id = server.data.helplines()[7].id;
		const raw = await rawApi(server, `/v1/helplines/${id}`);
		const { items } = await runNode(credentials(), { resource: 'helpline', operation: 'get', helplineId: ` ${id} ` });
		expect(json(items)).toEqual([raw.helpline]);
	});

	test('an unknown ID fails with a message naming the ID and the item', async () => {
		const { error } = await runNode(credentials(), { resource: 'helpline', operation: 'get', helplineId: 'no-such-id' });
		expect(error?.message).toBe('ThroughLine has no helpline with ID "no-such-id" (item 0)');
	});

	test.each(['../countries', 'a/b', 'x?country_code=US', 'y#z', 'with space'])(
		'ID %p is sent as one encoded path segment',
		async (id) => {
			const { error } = await runNode(credentials(), { resource: 'helpline', operation: 'get', helplineId: id });
			expect(error?.message).toContain('has no helpline with ID');
			const sent = server.requests().filter((r) => r.method === 'GET').map((r) => r.url);
			expect(sent).toEqual([`/v1/helplines/${encodeURIComponent(id)}`]);
		},
	);
});

describe('Country and Topic', () => {
	test('Country > Get Many lists every country with its emergency number', async () => {
		const { items } = await runNode(credentials(), { resource: 'country', operation: 'getAll' });
		expect(json(items)).toEqual(server.data.countries());
	});

	test('Country > Get finds a country by code, any case', async () => {
		const nz = server.data.countries().find((c) => c.code === 'NZ');
		const { items } = await runNode(credentials(), { resource: 'country', operation: 'get', country: 'nz' });
		expect(json(items)).toEqual([nz]);
	});

	test('Country > Get of a code ThroughLine does not cover says so', async () => {
		const { error } = await runNode(credentials(), { resource: 'country', operation: 'get', country: 'ZZ' });
		expect(error?.message).toBe("Country ZZ is not in ThroughLine's directory (item 0)");
	});

	test('Topic > Get Many lists the topics', async () => {
		const { items } = await runNode(credentials(), { resource: 'topic', operation: 'getAll' });
		expect(json(items)).toEqual(server.data.topics());
	});

	test('dropdowns load countries and topics from ThroughLine', async () => {
		const countries = await loadOptions(credentials(), 'getCountries');
		expect(countries.map((c) => c.value).sort()).toEqual(server.data.countries().map((c) => c.code).sort());
		const us = countries.find((c) => c.value === 'US')!;
		expect(us.description).toContain(server.data.countries().find((c) => c.code === 'US')!.emergencyNumber);
		const topics = await loadOptions(credentials(), 'getTopics');
		expect(topics[0]).toMatchObject({ value: '' });
		expect(topics.slice(1).map((t) => t.value).sort()).toEqual(server.data.topics().map((t) => t.name).sort());
	});
});

test('without a credential the dropdowns say to choose one, and ask nothing', async () => {
	for (const method of ['getCountries', 'getTopics']) {
		await expect(loadOptions(credentials(), method, {}, { credentials: undefined })).rejects.toMatchObject({
			name: 'NodeOperationError',
			message: 'Choose a ThroughLine credential first',
		});
	}
	expect(server.stats().total).toBe(0);
});

describe('Event', () => {
	const helplineId = () => server.data.helplines()[0].id;

	test('Report Display records the display with the given session and time', async () => {
		const { items, error } = await runNode(credentials(), {
			resource: 'event',
			operation: 'reportDisplay',
			helplineId: helplineId(),
			sessionId: 'chat-42',
			timestamp: '2026-05-01T10:00:00.000Z',
		});
		expect(error).toBeUndefined();
		const [event] = server.events();
		expect(event).toMatchObject({ type: 'helpline_display', helpline_id: helplineId(), session_id: 'chat-42' });
		expect(new Date(event.timestamp).toISOString()).toBe('2026-05-01T10:00:00.000Z');
		expect(items[0].json).toMatchObject({ helpline_id: helplineId(), session_id: 'chat-42' });
		expect((items[0].json.response as IDataObject).event_id).toBe(event.event_id);
	});

	test('Report Click sends the contact method, and the timestamp defaults to now', async () => {
		const before = Date.now();
		await runNode(credentials(), {
			resource: 'event',
			operation: 'reportClick',
			helplineId: helplineId(),
			sessionId: 'chat-43',
			contactMethod: 'web_chat',
		});
		const [event] = server.events();
		expect(event).toMatchObject({ type: 'helpline_click', contact_method: 'web_chat', session_id: 'chat-43' });
		const sentAt = Date.parse(event.timestamp);
		expect(sentAt).toBeGreaterThanOrEqual(before - 1000);
		expect(sentAt).toBeLessThanOrEqual(Date.now() + 1000);
	});

	test('an event for an unknown helpline is refused with ThroughLine\'s reason', async () => {
		const { error } = await runNode(credentials(), {
			resource: 'event',
			operation: 'reportDisplay',
			helplineId: 'nope',
			sessionId: 's',
		});
		expect(error?.message).toMatch(/^ThroughLine refused the request \(HTTP 400\): .*helpline_id.* \(item 0\)$/);
		expect(server.events()).toHaveLength(0);
	});
});
