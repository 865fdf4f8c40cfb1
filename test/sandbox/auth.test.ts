/** Contract tests: the token route and bearer auth. */
import { startServer, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxServer } from '../../sandbox';
import { call, get, getToken, sleep, tokenRequest } from './helpers';

let server: SandboxServer;
beforeAll(async () => {
	server = await startServer({ port: 0, perSecondLimit: 0, dailyLimit: 0 });
});
afterAll(() => server.close());

describe('POST /oauth/token', () => {
	test('issues an opaque bearer token with the documented fields only', async () => {
		expect(server.clientId).toBe(DEMO_CLIENT_ID);
		expect(server.clientSecret).toBe(DEMO_CLIENT_SECRET);
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const r = await tokenRequest(server);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toMatch(/^application\/json/);
		expect(Object.keys(r.json).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
		expect(typeof r.json.access_token).toBe('string');
		expect(r.json.access_token.length).toBeGreaterThanOrEqual(40);
		expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 7200, scope: 'public' });
		const again = await tokenRequest(server);
		expect(again.json.access_token).not.toBe(r.json.access_token);
	});

	test('accepts a charset parameter on the form content type', async () => {
		const r = await call(`${server.url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
			body: `grant_type=client_credentials&client_id=${DEMO_CLIENT_ID}&client_secret=${DEMO_CLIENT_SECRET}`,
		});
		expect(r.status).toBe(200);
	});

	test('rejects JSON bodies', async () => {
		const r = await call(`${server.url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: DEMO_CLIENT_SECRET }),
		});
		expect(r.status).toBe(400);
		expect(r.json.error).toBe('invalid_request');
	});

	test.each(['grant_type', 'client_id', 'client_secret'])('missing %s -> 400 invalid_request', async (field) => {
		const fields: Record<string, string> = {
			grant_type: 'client_credentials',
			client_id: DEMO_CLIENT_ID,
			client_secret: DEMO_CLIENT_SECRET,
		};
		delete fields[field];
		const r = await call(`${server.url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields).toString(),
		});
		expect(r.status).toBe(400);
		expect(r.json.error).toBe('invalid_request');
		expect(r.json.error_description).toContain(field);
	});

	test('wrong grant_type -> 400 unsupported_grant_type', async () => {
		const r = await tokenRequest(server, { grant_type: 'password' });
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'unsupported_grant_type' });
	});

	test('wrong secret or id -> 401 invalid_client, never echoing credentials', async () => {
		const cases: Record<string, string>[] = [{ client_secret: 'nope' }, { client_id: 'someone-else' }];
		for (const fields of cases) {
			const r = await tokenRequest(server, fields);
			expect(r.status).toBe(401);
			expect(r.json).toEqual({ error: 'invalid_client' });
		}
	});

	test.each(['?client_secret=x', '?client_id=demo-client-id', `?client_secret=${DEMO_CLIENT_SECRET}&a=1`])(
		'credentials in the query string (%s) -> 400 even with a valid body',
		async (query) => {
			const r = await tokenRequest(server, {}, query);
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'invalid_request', error_description: 'credentials must not be sent in the URL' });
			expect(r.text).not.toContain(DEMO_CLIENT_SECRET);
		},
	);

	test('GET on the token path -> 405 JSON', async () => {
		const r = await get(server, '/oauth/token');
		expect(r.status).toBe(405);
		expect(r.headers.get('allow')).toBe('POST');
		expect(r.json.error).toBe('method_not_allowed');
	});

	test('tokens expire after the TTL', async () => {
		const short = await startServer({ tokenTtlSeconds: 1 });
		try {
			const r = await tokenRequest(short);
			expect(r.json.expires_in).toBe(1);
			const t = r.json.access_token;
			expect((await get(short, '/v1/topics', t)).status).toBe(200);
			await sleep(1100);
			const after = await get(short, '/v1/topics', t);
			expect(after.status).toBe(401);
			expect(after.json).toEqual({ error: 'invalid_token' });
		} finally {
			await short.close();
		}
	});

	test('custom client credentials', async () => {
		const custom = await startServer({ clientId: 'abc', clientSecret: 'def' });
		try {
			expect(custom.clientId).toBe('abc');
			expect((await tokenRequest(custom)).status).toBe(200);
			expect((await tokenRequest(custom, { client_secret: DEMO_CLIENT_SECRET })).status).toBe(401);
		} finally {
			await custom.close();
		}
	});
});

describe('bearer auth on data routes', () => {
	test.each([
		['no header', undefined],
		['unknown token', { Authorization: 'Bearer not-a-real-token' }],
		['wrong scheme', { Authorization: `Basic ${Buffer.from(`${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString('base64')}` }],
	])('%s -> 401 invalid_token', async (_label, headers) => {
		const r = await call(`${server.url}/v1/countries`, { headers: headers as Record<string, string> | undefined });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ error: 'invalid_token' });
	});

	test('expireTokens() invalidates every issued token', async () => {
		const s = await startServer();
		try {
			const t1 = await getToken(s);
			const t2 = await getToken(s);
			s.expireTokens();
			expect((await get(s, '/v1/topics', t1)).status).toBe(401);
			expect((await get(s, '/v1/topics', t2)).status).toBe(401);
			expect((await get(s, '/v1/topics', await getToken(s))).status).toBe(200);
		} finally {
			await s.close();
		}
	});
});
