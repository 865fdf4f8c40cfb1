/** Observation (stats, request log, events, sink, reset) and the /__admin/ API. */
import { startServer, SandboxServer, DEMO_CLIENT_SECRET } from '../../sandbox';
import { call, get, getToken, postJson, tokenRequest } from './helpers';

let s: SandboxServer;
beforeEach(async () => {
	s = await startServer({ perSecondLimit: 0, dailyLimit: 0 });
});
afterEach(() => s.close());

const admin = (path: string, init: RequestInit = {}) => call(`${s.url}/__admin/${path}`, init);
const adminJson = (path: string, method: string, body: unknown) =>
	admin(path, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

test('stats() counts token requests, routes, tokens, statuses and 429s', async () => {
	expect(s.stats()).toEqual({ tokenRequests: 0, total: 0, byRoute: {}, byToken: {}, byStatus: {}, rateLimited: 0, dropped: 0 });
	const t = await getToken(s);
	await tokenRequest(s, { client_secret: 'wrong' });
	await get(s, '/v1/topics', t);
	await get(s, '/v1/topics', t);
	await get(s, '/v1/helplines?country_code=NZ', t);
	await get(s, '/v1/topics', 'bogus');
	await get(s, '/nowhere');
	s.setLimits({ dailyLimit: 3 });
	await get(s, '/v1/countries', t); // 4th accepted call of the day -> 429
	const st = s.stats();
	expect(st.tokenRequests).toBe(2);
	expect(st.total).toBe(8);
	expect(st.byRoute).toEqual({ 'POST /oauth/token': 2, 'GET /v1/topics': 3, 'GET /v1/helplines': 1, 'GET /v1/countries': 1 });
	expect(st.byToken).toEqual({ [t]: 4, bogus: 1 });
	expect(st.byStatus).toEqual({ '200': 4, '401': 2, '404': 1, '429': 1 });
	expect(st.rateLimited).toBe(1);
});

test('requests() times each request: read, then answered after any injected latency', async () => {
	const t = await getToken(s);
	s.setFault('GET /v1/topics', { latencyMs: 120 });
	const before = Date.now();
	await get(s, '/v1/topics', t);
	const after = Date.now();
	const [token, topics] = s.requests();
	expect(token.answeredAt).toBeGreaterThanOrEqual(token.receivedAt);
	expect(topics.receivedAt).toBeGreaterThanOrEqual(before - 1);
	expect(topics.answeredAt).toBeLessThanOrEqual(after + 1);
	expect((topics.answeredAt as number) - topics.receivedAt).toBeGreaterThanOrEqual(115);
});

test('requests() logs method, raw url with query, headers and raw body', async () => {
	const t = await getToken(s);
	await get(s, '/v1/helplines?country_code=us&topic=Suicidal%20thoughts', t);
	const log = s.requests();
	expect(log).toHaveLength(2);
	expect(log[0].method).toBe('POST');
	expect(log[0].url).toBe('/oauth/token');
	expect(log[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
	expect(log[0].body).toContain('grant_type=client_credentials');
	expect(log[1]).toMatchObject({ method: 'GET', url: '/v1/helplines?country_code=us&topic=Suicidal%20thoughts', body: '' });
	expect(log[1].headers.authorization).toBe(`Bearer ${t}`);
	// What leak scans rely on: the secret appears in the token body and nowhere else.
	const leaks = log.filter((r) => JSON.stringify(r).includes(DEMO_CLIENT_SECRET));
	expect(leaks).toHaveLength(1);
	expect(leaks[0].url).toBe('/oauth/token');
});

test('a secret sent in the URL is visible in the log (so leak scans can catch it)', async () => {
	await tokenRequest(s, {}, `?client_secret=${DEMO_CLIENT_SECRET}`);
	expect(s.requests()[0].url).toContain(DEMO_CLIENT_SECRET);
});

test('events() returns copies; reset() clears counters, log, quotas, faults, events and sink but keeps data and tokens', async () => {
	const t = await getToken(s);
	const id = s.data.helplines()[0].id;
	const ev = { helpline_id: id, session_id: 'abc', timestamp: '2025-01-01T00:00:00Z' };
	expect((await postJson(s, '/v1/events/helpline_display', ev, t)).status).toBe(201);
	const events = s.events();
	(events[0] as any).session_id = 'mutated';
	expect(s.events()[0].session_id).toBe('abc');
	await postJson(s, '/__admin/sink', { out: 1 });
	s.setFault('GET /v1/countries', { status: 500 });
	s.setLimits({ dailyLimit: 1 });
	await get(s, '/v1/topics', t);
	expect((await get(s, '/v1/topics', t)).status).toBe(429);
	const before = s.data.helplines().length;

	s.reset();
	expect(s.stats()).toEqual({ tokenRequests: 0, total: 0, byRoute: {}, byToken: {}, byStatus: {}, rateLimited: 0, dropped: 0 });
	expect(s.requests()).toEqual([]);
	expect(s.events()).toEqual([]);
	expect(s.sink()).toEqual([]);
	expect(s.faults()).toEqual({});
	expect((await get(s, '/v1/countries', t)).status).toBe(200); // same token still valid, quota fresh
	expect(s.limits().dailyLimit).toBe(1); // configuration survives
	expect(s.data.helplines()).toHaveLength(before);
});

test('sink: POST stores JSON, GET lists it; admin calls are not logged or counted', async () => {
	expect((await postJson(s, '/__admin/sink', { item: 1 })).status).toBe(201);
	await postJson(s, '/__admin/sink', [1, 2]);
	const r = await admin('sink');
	expect(r.json).toEqual([{ item: 1 }, [1, 2]]);
	expect(s.sink()).toEqual([{ item: 1 }, [1, 2]]);
	expect(s.requests()).toEqual([]);
	expect(s.stats().total).toBe(0);
	expect((await admin('sink', { method: 'DELETE' })).status).toBe(204);
	expect(s.sink()).toEqual([]);
});

test('admin API: stats, requests, events, reset, faults, expire-tokens, limits', async () => {
	const t = await getToken(s);
	expect((await admin('stats')).json.tokenRequests).toBe(1);
	expect((await admin('requests')).json).toHaveLength(1);
	expect((await admin('events')).json).toEqual([]);

	expect((await adminJson('faults', 'POST', { route: 'GET /v1/topics', fault: { status: 503 } })).status).toBe(204);
	expect((await get(s, '/v1/topics', t)).status).toBe(503);
	expect((await admin('faults')).json).toEqual({ 'GET /v1/topics': { status: 503 } });
	expect((await adminJson('faults', 'POST', { route: 'GET /nope', fault: { status: 503 } })).status).toBe(400);
	expect((await admin('faults', { method: 'DELETE' })).status).toBe(204);
	expect((await get(s, '/v1/topics', t)).status).toBe(200);

	const lim = await adminJson('limits', 'POST', { perSecondLimit: 2, dailyLimit: null, retryAfter: false });
	expect(lim.json).toEqual({ perSecondLimit: 2, dailyLimit: null, retryAfter: false }); // Infinity serialises as null
	expect(s.limits().dailyLimit).toBe(Infinity);

	expect((await admin('expire-tokens', { method: 'POST' })).status).toBe(204);
	expect((await get(s, '/v1/topics', t)).status).toBe(401);

	expect((await admin('reset', { method: 'POST' })).status).toBe(204);
	expect(s.stats().total).toBe(0);
	expect((await admin('nothing-here')).status).toBe(404);
});

test('admin API: add, patch and delete helplines, visible through the public API', async () => {
	const t = await getToken(s);
	const add = await adminJson('helplines', 'POST', {
		name: 'Admin Added Line',
		country: 'NZ',
		topics: ['Gambling'],
		phoneNumber: '0800 000 111',
		rank: -1,
	});
	expect(add.status).toBe(201);
	const id = add.json.id;
	let list = await get(s, '/v1/helplines?country_code=NZ&topic=gambling', t);
	expect(list.json.helplines[0]).toMatchObject({ id, name: 'Admin Added Line', phoneNumber: '0800 000 111' });

	const patch = await adminJson(`helplines/${id}`, 'PATCH', { name: 'Renamed', phoneNumber: null, smsNumber: '4202' });
	expect(patch.status).toBe(200);
	expect(patch.json.name).toBe('Renamed');
	expect('phoneNumber' in patch.json).toBe(false);
	const one = await get(s, `/v1/helplines/${id}`, t);
	expect(one.json.helpline).toMatchObject({ name: 'Renamed', smsNumber: '4202' });
	expect('phoneNumber' in one.json.helpline).toBe(false);

	expect((await adminJson(`helplines/${id}`, 'PATCH', { country: 'XX' })).status).toBe(400);
	expect((await admin(`helplines/${id}`, { method: 'DELETE' })).status).toBe(204);
	expect((await admin(`helplines/${id}`, { method: 'DELETE' })).status).toBe(404);
	expect((await get(s, `/v1/helplines/${id}`, t)).status).toBe(404);
	list = await get(s, '/v1/helplines?country_code=NZ&topic=gambling', t);
	expect(list.json.helplines.map((h: any) => h.id)).not.toContain(id);
});

test('admin API rejects bad JSON', async () => {
	const r = await admin('faults', { method: 'POST', body: '{nope' });
	expect(r.status).toBe(400);
});
