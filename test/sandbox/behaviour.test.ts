/**
 * Contract tests: the switches for the API behaviours ThroughLine does not document (behaviour.js).
 * The defaults must stay what the sandbox always did; every other value must do what it says.
 */
import { DEFAULT_BEHAVIOUR, parseVariant, startServer, SandboxServer, VARIANTS } from '../../sandbox';
import { call, get, getToken, postJson } from './helpers';

let server: SandboxServer;
let token: string;

beforeAll(async () => {
	server = await startServer({ port: 0, perSecondLimit: 0, dailyLimit: 0 });
	token = await getToken(server);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const search = (query: string) => get(server, `/v1/helplines?${query}`, token);
const usIds = () =>
	server.data
		.helplines()
		.filter((h) => h.country.code === 'US')
		.map((h) => h.id);
const displayEvent = () => ({ helpline_id: server.data.helplines()[0].id, session_id: 's-1', timestamp: '2026-01-31T12:00:00Z' });

test("defaults are today's behaviour, and startServer / setBehaviour / reset change and restore them", async () => {
	expect(DEFAULT_BEHAVIOUR).toEqual({
		maxLimit: 1000,
		oversizeLimit: 'reject',
		unknownCountry: 'reject',
		unknownTopic: 'reject',
		priorityFilters: 'ignore',
		eventAnswer: 'created',
		clickContactMethods: 'list',
		listOrder: 'name',
	});
	expect(server.behaviour()).toEqual(DEFAULT_BEHAVIOUR);
	expect(server.setBehaviour({ unknownCountry: 'empty' })).toEqual({ ...DEFAULT_BEHAVIOUR, unknownCountry: 'empty' });
	server.reset();
	expect(server.behaviour()).toEqual(DEFAULT_BEHAVIOUR);
	expect(() => server.setBehaviour({ unknownCountry: 'maybe' } as never)).toThrow(/unknownCountry must be one of reject, empty/);
	expect(() => server.setBehaviour({ maxLimit: 0 })).toThrow(/maxLimit/);
	expect(() => server.setBehaviour({ nonsense: true } as never)).toThrow(/unknown behaviour switch: nonsense/);

	const other = await startServer({ port: 0, behaviour: { eventAnswer: 'noContent' } });
	try {
		other.setBehaviour({ eventAnswer: 'emptyOk' });
		other.reset();
		expect(other.behaviour().eventAnswer).toBe('noContent'); // back to what it started with
	} finally {
		await other.close();
	}
});

describe('limit above the maximum (maxLimit, oversizeLimit)', () => {
	test('reject (default): 1000 is served, 1001 is refused with 400', async () => {
		expect((await search('country_code=US&limit=1000')).json.helplines).toHaveLength(usIds().length);
		const r = await search('country_code=US&limit=1001');
		expect(r.status).toBe(400);
		expect(r.json.message).toMatch(/between 1 and 1000/);
	});

	test('reject with maxLimit 5: 5 is served, 6 is refused', async () => {
		server.setBehaviour({ maxLimit: 5 });
		expect((await search('country_code=US&limit=5')).json.helplines.map((h: any) => h.id)).toEqual(usIds().slice(0, 5));
		expect((await search('country_code=US&limit=6')).status).toBe(400);
	});

	test('clamp with maxLimit 5: any larger limit silently answers the first 5, a smaller one is kept', async () => {
		server.setBehaviour({ maxLimit: 5, oversizeLimit: 'clamp' });
		for (const limit of [6, 1000, 1000000]) {
			const r = await search(`country_code=US&limit=${limit}`);
			expect(r.status).toBe(200);
			expect(Object.keys(r.json)).toEqual(['helplines']); // nothing says the list was cut
			expect(r.json.helplines.map((h: any) => h.id)).toEqual(usIds().slice(0, 5));
		}
		expect((await search('country_code=US&limit=3')).json.helplines).toHaveLength(3);
		expect((await search('country_code=US&limit=0')).status).toBe(400);
	});
});

describe('unknown country code and topic (unknownCountry, unknownTopic)', () => {
	test('reject (default): 400 with the reason', async () => {
		expect((await search('country_code=ZZ')).status).toBe(400);
		expect((await search('country_code=ZZ')).json.message).toMatch(/unknown country_code: ZZ/);
		expect((await search('country_code=US&topic=Nonsense')).json.message).toMatch(/unknown topic/);
	});

	test('empty: 200 {"helplines": []}; a malformed code is still refused; known values still work', async () => {
		server.setBehaviour({ unknownCountry: 'empty' });
		const r = await search('country_code=ZZ');
		expect(r.status).toBe(200);
		expect(r.text).toBe('{"helplines":[]}');
		expect((await search('country_code=USA')).status).toBe(400);
		expect((await search('country_code=US&topic=Nonsense')).status).toBe(400); // the topic switch is separate
		server.setBehaviour({ unknownTopic: 'empty' });
		const t = await search('country_code=US&topic=Nonsense');
		expect(t.status).toBe(200);
		expect(t.text).toBe('{"helplines":[]}');
		expect((await search('country_code=US&topic=Suicidal%20thoughts')).json.helplines.length).toBeGreaterThan(0);
	});
});

describe('server-side filters with priority_only=true (priorityFilters)', () => {
	const priority = 'country_code=US&topic=Suicidal%20thoughts&priority_only=true';
	const pair = () => server.data.priority('US').map((h) => h.id);

	test('the US priority list is a pair that the filters would split', () => {
		const list = server.data.priority('US');
		expect(list).toHaveLength(2);
		expect(list.filter((h) => h.specialties.includes('Youth'))).toHaveLength(1);
		expect(list.filter((h) => h.smsNumber !== undefined)).toHaveLength(1);
	});

	test('ignore (default): the whole pair whatever the filters say', async () => {
		for (const filter of ['', '&specialty=Youth', '&contact_method=sms', '&specialty=Youth&contact_method=sms']) {
			expect((await search(priority + filter)).json.helplines.map((h: any) => h.id)).toEqual(pair());
		}
	});

	test('apply: the filters cut the curated list like a normal search', async () => {
		server.setBehaviour({ priorityFilters: 'apply' });
		const list = server.data.priority('US');
		expect((await search(priority)).json.helplines.map((h: any) => h.id)).toEqual(pair());
		expect((await search(`${priority}&specialty=Youth`)).json.helplines.map((h: any) => h.id)).toEqual(
			list.filter((h) => h.specialties.includes('Youth')).map((h) => h.id),
		);
		expect((await search(`${priority}&contact_method=sms`)).json.helplines.map((h: any) => h.id)).toEqual(
			list.filter((h) => h.smsNumber !== undefined).map((h) => h.id),
		);
		expect((await search(`${priority}&specialty=Youth&contact_method=sms`)).json.helplines).toEqual([]);
	});
});

describe('the answer to an accepted event (eventAnswer)', () => {
	test('created (default): 201 with a JSON body; the event is recorded once', async () => {
		const r = await postJson(server, '/v1/events/helpline_display', displayEvent(), token);
		expect(r.status).toBe(201);
		expect(r.json).toEqual({ status: 'recorded', event_id: server.events()[0].event_id });
		expect(server.events()).toHaveLength(1);
	});

	test('noContent: 204, no body, no Content-Type; the event is recorded once', async () => {
		server.setBehaviour({ eventAnswer: 'noContent' });
		const r = await postJson(server, '/v1/events/helpline_display', displayEvent(), token);
		expect(r.status).toBe(204);
		expect(r.text).toBe('');
		expect(r.headers.get('content-type')).toBeNull();
		expect(server.events()).toHaveLength(1);
	});

	test('emptyOk: 200 with an empty body; the event is recorded once', async () => {
		server.setBehaviour({ eventAnswer: 'emptyOk' });
		const r = await postJson(server, '/v1/events/helpline_click', { ...displayEvent(), contact_method: 'phone' }, token);
		expect(r.status).toBe(200);
		expect(r.text).toBe('');
		expect(r.headers.get('content-length')).toBe('0');
		expect(server.events()).toHaveLength(1);
	});

	test('a refused event is still refused with 400 JSON in every variant', async () => {
		for (const eventAnswer of ['created', 'noContent', 'emptyOk'] as const) {
			server.setBehaviour({ eventAnswer });
			const r = await postJson(server, '/v1/events/helpline_display', { ...displayEvent(), helpline_id: 'nope' }, token);
			expect(r.status).toBe(400);
			expect(r.json.error).toBe('invalid_request');
		}
		expect(server.events()).toHaveLength(0);
	});
});

describe('contact_method values of the click event (clickContactMethods)', () => {
	const click = (contact_method: unknown) => postJson(server, '/v1/events/helpline_click', { ...displayEvent(), contact_method }, token);

	test('list (default): only the sandbox list; "chat" (the one value seen elsewhere) is refused', async () => {
		expect((await click('web_chat')).status).toBe(201);
		expect((await click('chat')).status).toBe(400);
		expect(server.events().map((e) => e.contact_method)).toEqual(['web_chat']);
	});

	test('any: any non-empty string is recorded as sent; empty or missing is still refused', async () => {
		server.setBehaviour({ clickContactMethods: 'any' });
		expect((await click('chat')).status).toBe(201);
		expect((await click('carrier pigeon')).status).toBe(201);
		expect((await click('')).status).toBe(400);
		expect((await click(undefined)).status).toBe(400);
		expect((await click(3)).status).toBe(400);
		expect(server.events().map((e) => e.contact_method)).toEqual(['chat', 'carrier pigeon']);
	});
});

describe('the order of the countries and topics (listOrder)', () => {
	const names = async (path: string, key: 'countries' | 'topics') =>
		((await get(server, path, token)).json as Record<string, Array<{ name: string }>>)[key].map((entry) => entry.name);

	test('name (default): in name order; reversed: the same entries, last name first', async () => {
		const countries = server.data.countries().map((country) => country.name);
		const topics = server.data.topics().map((topic) => topic.name);
		const byName = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b, 'en'));
		expect(await names('/v1/countries', 'countries')).toEqual(byName(countries));
		expect(await names('/v1/topics', 'topics')).toEqual(byName(topics));
		server.setBehaviour({ listOrder: 'reversed' });
		expect(await names('/v1/countries', 'countries')).toEqual(byName(countries).reverse());
		expect(await names('/v1/topics', 'topics')).toEqual(byName(topics).reverse());
		// The store's own lists are untouched.
		expect(server.data.countries().map((country) => country.name)).toEqual(countries);
	});
});

describe('variants: names, the environment variable and the admin API', () => {
	test('parseVariant combines names and switch=value pairs in order, and refuses unknown ones', () => {
		expect(parseVariant(undefined)).toEqual({});
		expect(parseVariant('limit-clamp-100')).toEqual({ maxLimit: 100, oversizeLimit: 'clamp' });
		expect(parseVariant('unknown-empty, eventAnswer=noContent,maxLimit=50')).toEqual({
			unknownCountry: 'empty',
			unknownTopic: 'empty',
			eventAnswer: 'noContent',
			maxLimit: 50,
		});
		expect(() => parseVariant('no-such-variant')).toThrow(/unknown sandbox variant/);
		expect(() => parseVariant('maxLimit=lots')).toThrow(/maxLimit/);
		for (const patch of Object.values(VARIANTS))
			expect(() =>
				parseVariant(
					Object.entries(patch)
						.map(([k, v]) => `${k}=${v}`)
						.join(','),
				),
			).not.toThrow();
	});

	test('THROUGHLINE_SANDBOX_VARIANT sets the start-up behaviour; explicit options win over it', async () => {
		const saved = process.env.THROUGHLINE_SANDBOX_VARIANT;
		process.env.THROUGHLINE_SANDBOX_VARIANT = 'limit-clamp-100,eventAnswer=emptyOk';
		try {
			const a = await startServer({ port: 0 });
			const b = await startServer({ port: 0, behaviour: { eventAnswer: 'created' } });
			a.setBehaviour({ maxLimit: 7 });
			a.reset();
			expect(a.behaviour()).toEqual({ ...DEFAULT_BEHAVIOUR, maxLimit: 100, oversizeLimit: 'clamp', eventAnswer: 'emptyOk' });
			expect(b.behaviour()).toEqual({ ...DEFAULT_BEHAVIOUR, maxLimit: 100, oversizeLimit: 'clamp' });
			await Promise.all([a.close(), b.close()]);
		} finally {
			if (saved === undefined) delete process.env.THROUGHLINE_SANDBOX_VARIANT;
			else process.env.THROUGHLINE_SANDBOX_VARIANT = saved;
		}
	});

	test('GET/POST /__admin/behaviour read and change the switches; POST /__admin/reset restores them', async () => {
		expect((await call(`${server.url}/__admin/behaviour`)).json).toEqual(DEFAULT_BEHAVIOUR);
		const post = (body: unknown) => call(`${server.url}/__admin/behaviour`, { method: 'POST', body: JSON.stringify(body) });
		const r = await post({ unknownCountry: 'empty', maxLimit: 3 });
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ ...DEFAULT_BEHAVIOUR, unknownCountry: 'empty', maxLimit: 3 });
		expect((await search('country_code=ZZ')).status).toBe(200);
		const bad = await post({ eventAnswer: 'teapot' });
		expect(bad.status).toBe(400);
		expect(bad.json.message).toMatch(/eventAnswer must be one of created, noContent, emptyOk/);
		expect(server.stats().total).toBe(1); // admin calls are not counted
		expect((await call(`${server.url}/__admin/reset`, { method: 'POST' })).status).toBe(204);
		expect(server.behaviour()).toEqual(DEFAULT_BEHAVIOUR);
	});
});
