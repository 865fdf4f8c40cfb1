/** Contract tests: the data routes of the sandbox, their shapes and their validation. */
import { startServer, SandboxServer } from '../../sandbox';
import { call, get, getToken, helplineProblems, postJson, UUID, findNulls } from './helpers';

let server: SandboxServer;
let token: string;
let countrySet: Set<string>;
let topicSet: Set<string>;

beforeAll(async () => {
	server = await startServer({ port: 0, perSecondLimit: 0, dailyLimit: 0 });
	token = await getToken(server);
	countrySet = new Set(server.data.countries().map((c) => c.code));
	topicSet = new Set(server.data.topics().map((t) => t.name));
});
afterAll(() => server.close());

describe('GET /v1/countries and /v1/topics', () => {
	test('countries: name, code, emergencyNumber, sorted by name', async () => {
		const r = await get(server, '/v1/countries', token);
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toEqual(['countries']);
		const list = r.json.countries;
		expect(list.length).toBeGreaterThanOrEqual(12);
		for (const c of list) {
			expect(Object.keys(c)).toEqual(['name', 'code', 'emergencyNumber']);
			expect(c.code).toMatch(/^[A-Z]{2}$/);
			expect(typeof c.emergencyNumber).toBe('string');
		}
		const names = list.map((c: any) => c.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
		const byCode = Object.fromEntries(list.map((c: any) => [c.code, c.emergencyNumber]));
		expect(byCode).toMatchObject({
			US: '911',
			NZ: '111',
			GB: '999',
			AU: '000',
			CA: '911',
			IE: '112',
			IN: '112',
			ZA: '10111',
			DE: '112',
			FR: '112',
			JP: '110',
			BR: '190',
		});
	});

	test('topics: name and code, includes Suicidal thoughts', async () => {
		const r = await get(server, '/v1/topics', token);
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toEqual(['topics']);
		expect(r.json.topics.length).toBeGreaterThanOrEqual(15);
		for (const t of r.json.topics) {
			expect(Object.keys(t)).toEqual(['name', 'code']);
			expect(t.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
		}
		expect(r.json.topics).toContainEqual({ name: 'Suicidal thoughts', code: 'suicidal-thoughts' });
	});
});

describe('GET /v1/helplines', () => {
	test('default: 20 results for a big country, valid shapes, no pagination metadata', async () => {
		const r = await get(server, '/v1/helplines?country_code=US', token);
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toEqual(['helplines']);
		expect(r.json.helplines).toHaveLength(20);
		for (const h of r.json.helplines) {
			expect(helplineProblems(h, countrySet, topicSet)).toEqual([]);
			expect(h.country.code).toBe('US');
			expect('rank' in h).toBe(false);
		}
		expect(findNulls(r.json)).toEqual([]);
	});

	test('country_code is case-insensitive and the order is stable', async () => {
		const a = await get(server, '/v1/helplines?country_code=us&limit=50', token);
		const b = await get(server, '/v1/helplines?country_code=US&limit=50', token);
		expect(a.status).toBe(200);
		expect(a.json).toEqual(b.json);
		const ids = a.json.helplines.map((h: any) => h.id);
		expect(new Set(ids).size).toBe(ids.length);
		const first5 = await get(server, '/v1/helplines?country_code=US&limit=5', token);
		expect(first5.json.helplines.map((h: any) => h.id)).toEqual(ids.slice(0, 5));
	});

	test.each(['', 'USA', 'U', '12', 'u$'])('country_code=%p -> 400 with the ISO message', async (cc) => {
		const r = await get(server, `/v1/helplines?country_code=${encodeURIComponent(cc)}`, token);
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'invalid_request', message: 'country_code must be a two-letter ISO 3166-1 code' });
	});

	test('missing country_code -> 400', async () => {
		const r = await get(server, '/v1/helplines?topic=Anxiety', token);
		expect(r.status).toBe(400);
		expect(r.json.message).toBe('country_code must be a two-letter ISO 3166-1 code');
	});

	test('unknown country -> 400 naming it', async () => {
		const r = await get(server, '/v1/helplines?country_code=qq', token);
		expect(r.status).toBe(400);
		expect(r.json.error).toBe('invalid_request');
		expect(r.json.message).toContain('QQ');
	});

	test('topic by name (any case, URL-encoded) or by code', async () => {
		const byName = await get(server, '/v1/helplines?country_code=US&topic=suicidal%20thoughts&limit=100', token);
		const byCode = await get(server, '/v1/helplines?country_code=US&topic=suicidal-thoughts&limit=100', token);
		const plus = await get(server, '/v1/helplines?country_code=US&topic=Suicidal+Thoughts&limit=100', token);
		expect(byName.status).toBe(200);
		expect(byName.json.helplines.length).toBeGreaterThan(2);
		for (const h of byName.json.helplines) expect(h.topics).toContain('Suicidal thoughts');
		expect(byCode.json).toEqual(byName.json);
		expect(plus.json).toEqual(byName.json);
		const all = await get(server, '/v1/helplines?country_code=US&limit=100', token);
		expect(all.json.helplines.length).toBeGreaterThan(byName.json.helplines.length);
	});

	test('unknown topic -> 400', async () => {
		const r = await get(server, '/v1/helplines?country_code=US&topic=astrology', token);
		expect(r.status).toBe(400);
		expect(r.json.message).toMatch(/topic/);
	});

	test('priority_only: US and NZ give an adults + youth pair, never truncated by limit', async () => {
		for (const cc of ['US', 'NZ']) {
			const r = await get(server, `/v1/helplines?country_code=${cc}&topic=Suicidal%20thoughts&priority_only=true`, token);
			expect(r.status).toBe(200);
			expect(r.json.helplines).toHaveLength(2);
			const [a, b] = r.json.helplines;
			expect(a.specialties).toContain('Adults');
			expect(b.specialties).toContain('Youth');
			for (const h of r.json.helplines) expect(h.topics).toContain('Suicidal thoughts');
			const limited = await get(server, `/v1/helplines?country_code=${cc}&topic=Suicidal%20thoughts&priority_only=true&limit=1`, token);
			expect(limited.json.helplines.map((h: any) => h.id)).toEqual([a.id, b.id]);
		}
	});

	test('priority_only: other topics give an empty list; countries without curation give empty', async () => {
		const other = await get(server, '/v1/helplines?country_code=US&topic=Anxiety&priority_only=true', token);
		expect(other.status).toBe(200);
		expect(other.json).toEqual({ helplines: [] });
		const none = await get(server, '/v1/helplines?country_code=NL&topic=Suicidal%20thoughts&priority_only=true', token);
		expect(none.json).toEqual({ helplines: [] });
		const single = await get(server, '/v1/helplines?country_code=GB&topic=Suicidal%20thoughts&priority_only=true', token);
		expect(single.json.helplines).toHaveLength(1);
		const off = await get(server, '/v1/helplines?country_code=US&topic=Anxiety&priority_only=false', token);
		expect(off.json.helplines.length).toBeGreaterThan(0);
	});

	test('priority_only with a bad value -> 400', async () => {
		const r = await get(server, '/v1/helplines?country_code=US&priority_only=yes', token);
		expect(r.status).toBe(400);
	});

	test('limit: honoured, 1..1000, integers only', async () => {
		expect((await get(server, '/v1/helplines?country_code=US&limit=3', token)).json.helplines).toHaveLength(3);
		expect((await get(server, '/v1/helplines?country_code=US&limit=1000', token)).status).toBe(200);
		for (const l of ['0', '1001', '-1', '2.5', 'abc', '']) {
			const r = await get(server, `/v1/helplines?country_code=US&limit=${l}`, token);
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'invalid_request', message: 'limit must be an integer between 1 and 1000' });
		}
	});

	test('contact_method filter keeps only helplines with that method', async () => {
		const keys: Record<string, string> = {
			phone: 'phoneNumber',
			sms: 'smsNumber',
			web_chat: 'webChatUrl',
			whatsapp: 'whatsappUrl',
			website: 'website',
		};
		for (const [method, key] of Object.entries(keys)) {
			const r = await get(server, `/v1/helplines?country_code=US&contact_method=${method}&limit=100`, token);
			expect(r.status).toBe(200);
			expect(r.json.helplines.length).toBeGreaterThan(0);
			for (const h of r.json.helplines) expect(typeof h[key]).toBe('string');
		}
		expect((await get(server, '/v1/helplines?country_code=US&contact_method=fax', token)).status).toBe(400);
	});

	test('specialty filter (case-insensitive)', async () => {
		const r = await get(server, '/v1/helplines?country_code=US&specialty=youth&limit=100', token);
		expect(r.status).toBe(200);
		expect(r.json.helplines.length).toBeGreaterThan(0);
		for (const h of r.json.helplines) expect(h.specialties).toContain('Youth');
		const none = await get(server, '/v1/helplines?country_code=US&specialty=Astronauts', token);
		expect(none.json).toEqual({ helplines: [] });
	});
});

describe('GET /v1/helplines/{id}', () => {
	test('returns {helpline} with the same object as the search', async () => {
		const list = await get(server, '/v1/helplines?country_code=NZ&limit=1', token);
		const h = list.json.helplines[0];
		const r = await get(server, `/v1/helplines/${h.id}`, token);
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toEqual(['helpline']);
		expect(r.json.helpline).toEqual(h);
	});

	test('percent-encoded id is decoded', async () => {
		const h = server.data.helplines()[0];
		const enc = h.id.replace(/-/g, '%2D');
		expect((await get(server, `/v1/helplines/${enc}`, token)).status).toBe(200);
	});

	test.each(['00000000-0000-4000-8000-000000000000', 'nope', 'a%2Fb', '%E0%A4%A', ''])('unknown id %p -> 404 not_found', async (id) => {
		const r = await get(server, `/v1/helplines/${id}`, token);
		expect(r.status).toBe(404);
		expect(r.json.error).toBe('not_found');
	});

	test('ids containing "/" never match, even if stored', async () => {
		expect(() => server.data.addHelpline({ id: 'a/b' })).toThrow();
		const r = await get(server, `/v1/helplines/${server.data.helplines()[0].id}/extra`, token);
		expect(r.status).toBe(404);
	});

	test('requires auth', async () => {
		const r = await get(server, `/v1/helplines/${server.data.helplines()[0].id}`);
		expect(r.status).toBe(401);
	});
});

describe('POST /v1/events/*', () => {
	const base = () => ({ helpline_id: server.data.helplines()[0].id, session_id: 'sess-1', timestamp: '2025-03-01T10:20:30.123Z' });

	test('display: 201 {status, event_id} and the event is recorded', async () => {
		const before = server.events().length;
		const r = await postJson(server, '/v1/events/helpline_display', base(), token);
		expect(r.status).toBe(201);
		expect(Object.keys(r.json).sort()).toEqual(['event_id', 'status']);
		expect(r.json.status).toBe('recorded');
		expect(r.json.event_id).toMatch(UUID);
		const ev = server.events();
		expect(ev).toHaveLength(before + 1);
		expect(ev[ev.length - 1]).toMatchObject({ event_id: r.json.event_id, type: 'helpline_display', ...base(), token });
		expect('contact_method' in ev[ev.length - 1]).toBe(false);
	});

	test.each(['phone', 'sms', 'web_chat', 'whatsapp', 'website'])('click with contact_method=%s', async (cm) => {
		const r = await postJson(
			server,
			'/v1/events/helpline_click',
			{ ...base(), contact_method: cm, timestamp: '2025-03-01T10:20:30+13:00' },
			token,
		);
		expect(r.status).toBe(201);
		expect(server.events().find((e) => e.event_id === r.json.event_id)).toMatchObject({ type: 'helpline_click', contact_method: cm });
	});

	test.each([
		['helpline_id', { helpline_id: undefined }],
		['helpline_id', { helpline_id: '00000000-0000-4000-8000-000000000000' }],
		['session_id', { session_id: '' }],
		['session_id', { session_id: 'x'.repeat(201) }],
		['session_id', { session_id: 42 }],
		['timestamp', { timestamp: 'yesterday' }],
		['timestamp', { timestamp: '2025-13-45T99:99:99Z' }],
		['timestamp', { timestamp: 1740824430 }],
	])('invalid %s -> 400 naming the field', async (field, patch) => {
		const r = await postJson(server, '/v1/events/helpline_display', { ...base(), ...patch }, token);
		expect(r.status).toBe(400);
		expect(r.json.error).toBe('invalid_request');
		expect(r.json.message).toContain(field);
	});

	test('session_id of exactly 200 chars is fine', async () => {
		const r = await postJson(server, '/v1/events/helpline_display', { ...base(), session_id: 's'.repeat(200) }, token);
		expect(r.status).toBe(201);
	});

	test('click without or with a bad contact_method -> 400', async () => {
		for (const cm of [undefined, 'email', 'PHONE']) {
			const r = await postJson(server, '/v1/events/helpline_click', { ...base(), contact_method: cm }, token);
			expect(r.status).toBe(400);
			expect(r.json.message).toContain('contact_method');
		}
	});

	test('bad JSON, non-object and wrong content type -> 400', async () => {
		expect((await postJson(server, '/v1/events/helpline_display', '{oops', token)).status).toBe(400);
		expect((await postJson(server, '/v1/events/helpline_display', '[1]', token)).status).toBe(400);
		const r = await call(`${server.url}/v1/events/helpline_display`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
			body: JSON.stringify(base()),
		});
		expect(r.status).toBe(400);
	});

	test('events need auth', async () => {
		expect((await postJson(server, '/v1/events/helpline_display', base())).status).toBe(401);
	});
});

describe('unknown routes', () => {
	test.each(['/', '/v2/countries', '/v1/countries/US', '/v1/events/other'])('%s -> 404 JSON', async (path) => {
		const r = await get(server, path, token);
		expect(r.status).toBe(404);
		expect(r.headers.get('content-type')).toMatch(/^application\/json/);
		expect(r.json.error).toBe('not_found');
	});

	test('wrong method on a data route -> 405 JSON', async () => {
		const r = await postJson(server, '/v1/countries', {}, token);
		expect(r.status).toBe(405);
		expect(r.json.error).toBe('method_not_allowed');
	});
});
