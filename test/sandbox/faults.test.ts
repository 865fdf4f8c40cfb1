/** Fault injection: every fault kind, scoping, `times`, seeded reproducibility. */
import { startServer, SandboxServer, ROUTE_KEYS } from '../../sandbox';
import { call, get, getToken, tokenRequest } from './helpers';

let s: SandboxServer;
let t: string;
beforeAll(async () => {
	s = await startServer({ perSecondLimit: 0, dailyLimit: 0, seed: 7 });
	t = await getToken(s);
});
afterEach(() => s.clearFaults());
afterAll(() => s.close());

const topics = () => get(s, '/v1/topics', t);

test('route keys are the documented seven', () => {
	expect(ROUTE_KEYS).toEqual([
		'POST /oauth/token',
		'GET /v1/countries',
		'GET /v1/topics',
		'GET /v1/helplines',
		'GET /v1/helplines/:id',
		'POST /v1/events/helpline_display',
		'POST /v1/events/helpline_click',
	]);
});

test('latencyMs delays the answer; other routes are unaffected', async () => {
	s.setFault('GET /v1/topics', { latencyMs: 300 });
	let start = Date.now();
	expect((await topics()).status).toBe(200);
	expect(Date.now() - start).toBeGreaterThanOrEqual(290);
	start = Date.now();
	await get(s, '/v1/countries', t);
	expect(Date.now() - start).toBeLessThan(250);
});

test('latencyJitterMs adds up to the jitter', async () => {
	s.setFault('GET /v1/topics', { latencyMs: 50, latencyJitterMs: 100 });
	for (let i = 0; i < 3; i++) {
		const start = Date.now();
		await topics();
		const took = Date.now() - start;
		expect(took).toBeGreaterThanOrEqual(45);
		expect(took).toBeLessThan(400);
	}
});

test('errorRate 1 answers 500, 502, 503 in rotation with JSON bodies', async () => {
	s.setFault('GET /v1/topics', { errorRate: 1 });
	const statuses = [];
	for (let i = 0; i < 6; i++) {
		const r = await topics();
		statuses.push(r.status);
		expect(typeof r.json.error).toBe('string');
	}
	expect(statuses).toEqual([500, 502, 503, 500, 502, 503]);
});

test('status always answers that status with a JSON body', async () => {
	s.setFault('GET /v1/countries', { status: 403 });
	for (let i = 0; i < 2; i++) {
		const r = await get(s, '/v1/countries', t);
		expect(r.status).toBe(403);
		expect(r.headers.get('content-type')).toMatch(/^application\/json/);
		expect(r.json.error).toBe('forbidden');
	}
});

test('malformedJsonRate keeps status 200 and JSON content type but the body does not parse', async () => {
	s.setFault('GET /v1/helplines', { malformedJsonRate: 1 });
	const r = await get(s, '/v1/helplines?country_code=US', t);
	expect(r.status).toBe(200);
	expect(r.headers.get('content-type')).toMatch(/^application\/json/);
	expect(r.text.length).toBeGreaterThan(0);
	expect(() => JSON.parse(r.text)).toThrow();
});

test('repeatedRecordRate sends a list with its first helpline again at the end, once per `times`', async () => {
	const clean = await get(s, '/v1/helplines?country_code=NZ', t);
	s.setFault('GET /v1/helplines', { repeatedRecordRate: 1, times: 1 });
	const repeated = await get(s, '/v1/helplines?country_code=NZ', t);
	expect(repeated.status).toBe(200);
	expect(repeated.json.helplines).toEqual([...clean.json.helplines, clean.json.helplines[0]]);
	expect((await get(s, '/v1/helplines?country_code=NZ', t)).json).toEqual(clean.json);
});

test('htmlErrorRate answers 502 with an HTML page', async () => {
	s.setFault('GET /v1/topics', { htmlErrorRate: 1 });
	const r = await topics();
	expect(r.status).toBe(502);
	expect(r.headers.get('content-type')).toMatch(/^text\/html/);
	expect(r.text).toContain('<html>');
	expect(r.json).toBeUndefined();
});

test('dropRate destroys the socket without an answer', async () => {
	s.setFault('GET /v1/topics', { dropRate: 1 });
	await expect(fetch(`${s.url}/v1/topics`, { headers: { Authorization: `Bearer ${t}` } })).rejects.toThrow();
	expect(s.stats().dropped).toBeGreaterThanOrEqual(1);
	s.clearFaults();
	expect((await topics()).status).toBe(200);
});

test('unauthorizedOnCall: only the n-th call answers 401', async () => {
	s.setFault('GET /v1/topics', { unauthorizedOnCall: 2 });
	const statuses = [];
	for (let i = 0; i < 4; i++) statuses.push((await topics()).status);
	expect(statuses).toEqual([200, 401, 200, 200]);
});

test('unauthorizedOnCall on the token route answers invalid_client', async () => {
	s.setFault('POST /oauth/token', { unauthorizedOnCall: 1 });
	const r = await tokenRequest(s);
	expect(r.status).toBe(401);
	expect(r.json).toEqual({ error: 'invalid_client' });
	expect((await tokenRequest(s)).status).toBe(200);
});

test('rateLimitRate answers 429 rate_limited with Retry-After (unless disabled)', async () => {
	s.setFault('GET /v1/topics', { rateLimitRate: 1 });
	const r = await topics();
	expect(r.status).toBe(429);
	expect(r.json.error).toBe('rate_limited');
	expect(r.headers.get('retry-after')).toBe('1');
	s.setLimits({ retryAfter: false });
	try {
		expect((await topics()).headers.get('retry-after')).toBeNull();
	} finally {
		s.setLimits({ retryAfter: true });
	}
});

test('times: the fault covers the next N matching requests, then clears itself', async () => {
	s.setFault('GET /v1/topics', { status: 503, times: 2 });
	expect((await get(s, '/v1/countries', t)).status).toBe(200); // other route: not counted
	expect((await topics()).status).toBe(503);
	expect(s.faults()).toHaveProperty(['GET /v1/topics']);
	expect((await topics()).status).toBe(503);
	expect(s.faults()).toEqual({});
	expect((await topics()).status).toBe(200);
});

test("'*' applies to every route, including the token route; a route's own fault wins", async () => {
	s.setFault('*', { status: 500 });
	s.setFault('GET /v1/countries', { status: 418 });
	expect((await tokenRequest(s)).status).toBe(500);
	expect((await topics()).status).toBe(500);
	expect((await get(s, '/v1/countries', t)).status).toBe(418);
	expect((await get(s, '/nope', t)).status).toBe(404); // unknown routes are not faulted
});

test('faults act before auth (a gateway in front of the API)', async () => {
	s.setFault('GET /v1/topics', { status: 502 });
	expect((await get(s, '/v1/topics')).status).toBe(502);
});

test('fault on events route', async () => {
	s.setFault('POST /v1/events/helpline_click', { errorRate: 1, times: 1 });
	const r = await call(`${s.url}/v1/events/helpline_click`, { method: 'POST', headers: { Authorization: `Bearer ${t}` } });
	expect([500, 502, 503]).toContain(r.status);
});

test('setFault(route, null) and clearFaults() remove faults', async () => {
	s.setFault('GET /v1/topics', { status: 500 });
	s.setFault('GET /v1/topics', null);
	expect((await topics()).status).toBe(200);
	s.setFault('GET /v1/topics', { status: 500 });
	s.setFault('*', { status: 500 });
	s.clearFaults();
	expect((await topics()).status).toBe(200);
	expect((await tokenRequest(s)).status).toBe(200);
});

test('setFault validates its input', () => {
	expect(() => s.setFault('GET /v1/nothing' as any, { status: 500 })).toThrow(/route key/);
	expect(() => s.setFault('GET /v1/topics', { errorRate: 1.5 })).toThrow();
	expect(() => s.setFault('GET /v1/topics', { errorrate: 1 } as any)).toThrow(/unknown fault option/);
	expect(() => s.setFault('GET /v1/topics', { status: 42 })).toThrow();
	expect(() => s.setFault('GET /v1/topics', { times: 0 })).toThrow();
});

test('random faults are reproducible for a given seed', async () => {
	async function sequence(seed: number) {
		const x = await startServer({ seed, perSecondLimit: 0, dailyLimit: 0 });
		try {
			const tok = await getToken(x);
			x.setFault('GET /v1/topics', { errorRate: 0.5 });
			const out = [];
			for (let i = 0; i < 24; i++) out.push((await get(x, '/v1/topics', tok)).status);
			return out;
		} finally {
			await x.close();
		}
	}
	const a = await sequence(3);
	const b = await sequence(3);
	const c = await sequence(4);
	expect(a).toEqual(b);
	expect(a).not.toEqual(c);
	expect(a.filter((x) => x === 200).length).toBeGreaterThan(3);
	expect(a.filter((x) => x !== 200).length).toBeGreaterThan(3);
});

test('reset() clears faults', async () => {
	s.setFault('GET /v1/topics', { status: 500 });
	s.reset();
	expect((await topics()).status).toBe(200);
});
