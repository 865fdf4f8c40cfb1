/**
 * The credential's token exchange. A recording stand-in for n8n's httpRequest shows exactly what
 * the hook sends; the secret may appear in the form body and nowhere else.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { ThroughLineApi } from '../../credentials/ThroughLineApi.credentials';
import { AUTH_ERROR_PREFIX, endpointFingerprint, requestAccessToken, resolveEndpoints } from '../../credentials/throughLineAuth';
import { RETRY_POLICY } from '../../nodes/ThroughLine/transport';
import { CLIENT_DEFAULTS } from '../../nodes/ThroughLine/transport/limits';

const SECRET = 's3cr3t-VALUE-9d8e7f';
const base = {
	environment: 'custom',
	clientId: ' my-client ',
	clientSecret: `\t${SECRET}\n`,
	baseUrl: 'http://127.0.0.1:9/',
	tokenUrl: 'http://127.0.0.1:9/oauth/token',
};

const shipped = { ...RETRY_POLICY };
beforeAll(() => Object.assign(RETRY_POLICY, { rateLimitBaseMs: 5, failureBaseMs: 5, maxDelayMs: 20 }));
afterAll(() => Object.assign(RETRY_POLICY, shipped));

function recorder(answer: (options: IHttpRequestOptions) => unknown) {
	const calls: IHttpRequestOptions[] = [];
	const helpers = {
		httpRequest: async (options: IHttpRequestOptions) => {
			calls.push(options);
			return answer(options);
		},
	};
	return { calls, helpers: helpers as never };
}

const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
	Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data, headers },
		config: { data: `client_secret=${SECRET}` },
	});

describe('the token request', () => {
	test('is a form POST to the token URL with the trimmed ID and secret in the body only', async () => {
		const { calls, helpers } = recorder(() => ({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 7200 }));
		const output = await new ThroughLineApi().preAuthentication.call({ helpers } as never, { ...base });
		expect(output).toEqual({ accessToken: 'tok-1', tokenFingerprint: expect.any(String) });
		expect(calls).toHaveLength(1);
		const [call] = calls;
		expect(call.method).toBe('POST');
		expect(call.url).toBe('http://127.0.0.1:9/oauth/token');
		expect(call.headers).toMatchObject({ 'Content-Type': 'application/x-www-form-urlencoded' });
		expect(Object.fromEntries(new URLSearchParams(String(call.body)))).toEqual({
			grant_type: 'client_credentials',
			client_id: 'my-client',
			client_secret: SECRET,
		});
		expect(call.url).not.toContain(SECRET);
		expect(JSON.stringify(call.qs ?? {})).not.toContain(SECRET);
		expect(JSON.stringify(call.headers)).not.toContain(SECRET);
		expect(JSON.stringify(call.auth ?? {})).not.toContain(SECRET);
	});

	test("Production uses ThroughLine's documented hosts whatever the custom fields say", () => {
		expect(resolveEndpoints({ ...base, environment: 'production' })).toEqual({
			apiBaseUrl: 'https://api.throughlinecare.com',
			tokenUrl: 'https://api.findahelpline.com/oauth/token',
		});
		expect(resolveEndpoints(base)).toEqual({ apiBaseUrl: 'http://127.0.0.1:9', tokenUrl: base.tokenUrl });
	});

	test('the token is saved with a fingerprint of the client ID and both URLs, not of the secret', async () => {
		const { helpers } = recorder(() => ({ access_token: 'tok-1' }));
		const output = await new ThroughLineApi().preAuthentication.call({ helpers } as never, { ...base });
		const again = await new ThroughLineApi().preAuthentication.call({ helpers } as never, { ...base, clientSecret: 'other' });
		expect(output.tokenFingerprint).toEqual(expect.stringMatching(/^v1:[0-9a-f]{64}$/));
		expect(again.tokenFingerprint).toBe(output.tokenFingerprint);
		for (const changed of [{ clientId: 'another-client' }, { baseUrl: 'http://127.0.0.2:9' }, { tokenUrl: 'http://127.0.0.1:9/other' }]) {
			expect(endpointFingerprint({ ...base, ...changed })).not.toBe(output.tokenFingerprint);
		}
		expect(String(output.tokenFingerprint)).not.toContain(SECRET);
	});
});

describe('the bearer token goes only where it was issued for', () => {
	const api = new ThroughLineApi();
	const issued = { ...base, accessToken: 'tok-1', tokenFingerprint: endpointFingerprint(base) };
	const authorization = async (credentials: object, request: Partial<IHttpRequestOptions> = {}) => {
		const options = await api.authenticate(credentials as never, {
			url: 'http://127.0.0.1:9/v1/topics',
			headers: { Accept: 'application/json' },
			...request,
		});
		return (options.headers as Record<string, string> | undefined)?.Authorization;
	};

	test('a token issued for this credential is sent to its API base URL', async () => {
		expect(await authorization(issued)).toBe('Bearer tok-1');
		// the credential test: a relative URL on the API base URL
		expect(await authorization(issued, { baseURL: 'http://127.0.0.1:9', url: '/v1/topics' })).toBe('Bearer tok-1');
	});

	test.each([
		['saved before fingerprints existed', { tokenFingerprint: undefined }],
		['issued for another client ID', { clientId: 'someone-else' }],
		['issued before the API Base URL was edited', { baseUrl: 'http://localhost:9' }],
		['issued before the Token URL was edited', { tokenUrl: 'http://127.0.0.1:9/oauth2/token' }],
		['empty', { accessToken: '' }],
	])('a token %s is not sent (so ThroughLine answers 401 and n8n signs in again)', async (_name, change) => {
		expect(await authorization({ ...issued, ...change })).toBeUndefined();
	});

	test("also through n8n's legacy request helper (the HTTP Request node's Custom API Call), which names the address uri", async () => {
		const options = await api.authenticate(issued, { uri: 'http://127.0.0.1:9/v1/helplines?country_code=US' } as never);
		expect((options.headers as Record<string, string>).Authorization).toBe('Bearer tok-1');
	});

	test('authenticate survives the copy n8n makes of credential types (so "Custom API Call" stays offered)', () => {
		const copied = { ...new ThroughLineApi() } as { authenticate?: unknown };
		expect(typeof copied.authenticate).toBe('function');
	});

	test('nor to another host, nor over plain http to a host that is not this machine', async () => {
		expect(await authorization(issued, { url: 'http://127.0.0.1:10/v1/topics' })).toBeUndefined();
		expect(await authorization(issued, { url: 'https://example.com/v1/topics' })).toBeUndefined();
		const remote = { ...base, baseUrl: 'http://api.throughlinecare.com' };
		expect(
			await authorization(
				{ ...remote, accessToken: 'tok-1', tokenFingerprint: endpointFingerprint(remote) },
				{ url: 'http://api.throughlinecare.com/v1/topics' },
			),
		).toBeUndefined();
	});
	test('an API Base URL with a path: the token goes below that path, and nowhere beside it', async () => {
		const gateway = { ...base, baseUrl: 'https://gw.example.org/throughline/' };
		const issuedThere = { ...gateway, accessToken: 'tok-2', tokenFingerprint: endpointFingerprint(gateway) };
		const there = async (url: string, credentials: object = issuedThere) => await authorization(credentials, { url });
		expect(await there('https://gw.example.org/throughline/v1/topics')).toBe('Bearer tok-2');
		expect(await there('https://gw.example.org/throughline')).toBe('Bearer tok-2');
		// a sibling whose name begins the same, a path that ends the same, the gateway's root
		expect(await there('https://gw.example.org/throughline-staging/v1/topics')).toBeUndefined();
		expect(await there('https://gw.example.org/v1/throughline/')).toBeUndefined();
		expect(await there('https://gw.example.org/v1/topics')).toBeUndefined();
		// a base written with a doubled slash is the same base
		const doubled = { ...base, baseUrl: 'https://gw.example.org/throughline//' };
		const issuedDoubled = { ...doubled, accessToken: 'tok-2', tokenFingerprint: endpointFingerprint(doubled) };
		expect(await there('https://gw.example.org/throughline/v1/topics', issuedDoubled)).toBe('Bearer tok-2');
	});

	test('a request whose address cannot be read goes out without the token (and does not throw)', async () => {
		expect(await authorization(issued, { url: 'http://[not-an-address/v1/topics' })).toBeUndefined();
	});
});

describe('the secret travels only over https (or to this machine)', () => {
	test.each([
		['localhost', 'http://localhost:3999/oauth/token'],
		['127.0.0.0/8', 'http://127.10.0.1:3999/oauth/token'],
		['[::1]', 'http://[::1]:3999/oauth/token'],
		['any https host', 'https://auth.example.com/oauth/token'],
	])('a Token URL on %s is used', async (_name, tokenUrl) => {
		const { calls, helpers } = recorder(() => ({ access_token: 'tok' }));
		await expect(requestAccessToken(helpers, { ...base, tokenUrl })).resolves.toBe('tok');
		expect(calls).toHaveLength(1);
	});

	test.each([
		['Token URL', { tokenUrl: 'http://api.findahelpline.com/oauth/token' }, 'client secret'],
		['Token URL', { tokenUrl: 'http://192.168.1.20/oauth/token' }, 'client secret'],
		['Token URL', { tokenUrl: 'http://localhost.evil.example/oauth/token' }, 'client secret'],
		['API Base URL', { baseUrl: 'http://api.throughlinecare.com' }, 'access token'],
	])('a plain-http %s elsewhere is refused before anything is sent', async (field, change, carries) => {
		const { calls, helpers } = recorder(() => ({ access_token: 'tok' }));
		await expect(requestAccessToken(helpers, { ...base, ...change })).rejects.toThrow(
			`${AUTH_ERROR_PREFIX}the ${field} must start with https:// (plain http:// is accepted only for a test server on this machine (localhost, 127.x.x.x or [::1])), so that the ${carries} is encrypted on its way. Correct the ${field} in the ThroughLine credential.`,
		);
		expect(calls).toHaveLength(0);
	});

	test('the field hints say so', () => {
		const fields = new ThroughLineApi().properties;
		for (const name of ['baseUrl', 'tokenUrl']) {
			const field = fields.find((p) => p.name === name)!;
			expect(field.description).toContain('Must start with https://');
			expect(String(field.placeholder)).toMatch(/^https:\/\//);
		}
	});
});

describe('failures give a clear message without the secret or the raw answer', () => {
	const failWith = async (answer: (options: IHttpRequestOptions) => unknown) => {
		const { helpers } = recorder(answer);
		try {
			await requestAccessToken(helpers, { ...base });
		} catch (error) {
			return error as Error & { description?: string };
		}
		throw new Error('expected a failure');
	};
	const expectSafe = (error: Error & { description?: string }) => {
		expect(error.message.startsWith(AUTH_ERROR_PREFIX)).toBe(true);
		const shown = JSON.stringify({ ...error, message: error.message, description: error.description });
		expect(shown).not.toContain(SECRET);
		expect(shown).not.toContain('raw-token-body');
	};

	test.each([400, 401, 403])('HTTP %i: the ID or secret was rejected', async (status) => {
		const error = await failWith(() => {
			throw httpError(status, { error: 'invalid_client', echo: SECRET });
		});
		expect(error.message).toBe(
			`${AUTH_ERROR_PREFIX}the client ID or secret was not accepted. Check both in ThroughLine's developer dashboard, and that the application is enabled.`,
		);
		expectSafe(error);
	});

	test('an answer without access_token', async () => {
		const error = await failWith(() => ({ token_type: 'Bearer', note: 'raw-token-body' }));
		expect(error.message).toContain('answered without an access token');
		expectSafe(error);
	});

	test('an answer that is not JSON', async () => {
		const error = await failWith(() => '<html>raw-token-body</html>');
		expect(error.message).toContain('answered without an access token');
		expectSafe(error);
	});

	test('a network failure names the host, not the body', async () => {
		const error = await failWith(() => {
			throw Object.assign(new Error(`connect ECONNREFUSED ${SECRET}`), { code: 'ECONNREFUSED' });
		});
		expect(error.message).toBe(
			`${AUTH_ERROR_PREFIX}could not reach ThroughLine's token URL (http://127.0.0.1:9/oauth/token): ECONNREFUSED (gave up after ${RETRY_POLICY.tokenRetries + 1} attempts). Check the network and the Token URL.`,
		);
		expectSafe(error);
	});

	test('a 5xx and a 429 say to try again', async () => {
		const server = await failWith(() => {
			throw httpError(503, SECRET);
		});
		expect(server.message).toContain('answered HTTP 503');
		expectSafe(server);
		const limited = await failWith(() => {
			throw httpError(429, SECRET);
		});
		expect(limited.message).toContain('HTTP 429');
		expectSafe(limited);
	});

	test('empty ID or secret fails before anything is sent', async () => {
		const { calls, helpers } = recorder(() => ({ access_token: 'x' }));
		await expect(requestAccessToken(helpers, { ...base, clientSecret: '  ' })).rejects.toThrow('needs a client ID and a client secret');
		expect(calls).toHaveLength(0);
	});

	test('a token URL with a query string is refused (it could be logged)', async () => {
		const { calls, helpers } = recorder(() => ({ access_token: 'x' }));
		await expect(requestAccessToken(helpers, { ...base, tokenUrl: 'http://127.0.0.1:9/oauth/token?debug=1' })).rejects.toThrow(
			'without a query string',
		);
		expect(calls).toHaveLength(0);
	});
});

describe('a busy or unreachable token service is asked again, a refusal never', () => {
	/** Answers from a script: an Error is thrown, anything else returned. */
	const scripted = (...answers: unknown[]) => {
		const times: number[] = [];
		const { calls, helpers } = recorder(() => {
			times.push(Date.now());
			const answer = answers.shift() ?? { access_token: 'tok-late' };
			if (answer instanceof Error) throw answer;
			return answer;
		});
		return { calls, helpers, times };
	};
	const reset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

	test.each([
		['a 503', httpError(503, 'busy')],
		['a 502', httpError(502, '<html>bad gateway</html>')],
		['a 429', httpError(429, 'slow down')],
		['a connection reset', reset()],
	])('%s, then a token: signed in', async (_name, blip) => {
		const { calls, helpers } = scripted(blip, blip);
		await expect(requestAccessToken(helpers, { ...base })).resolves.toBe('tok-late');
		expect(calls).toHaveLength(3);
	});

	test('a lasting 503 gives up after a bounded number of tries and says so', async () => {
		const { calls, helpers } = scripted(...Array.from({ length: 10 }, () => httpError(503, SECRET)));
		await expect(requestAccessToken(helpers, { ...base })).rejects.toThrow(
			`${AUTH_ERROR_PREFIX}ThroughLine's token service answered HTTP 503 (gave up after ${RETRY_POLICY.tokenRetries + 1} attempts). Try again later.`,
		);
		expect(calls).toHaveLength(RETRY_POLICY.tokenRetries + 1);
	});

	test.each([400, 401, 403])('HTTP %i (wrong ID or secret) is asked once', async (status) => {
		const { calls, helpers } = scripted(httpError(status, 'no'));
		await expect(requestAccessToken(helpers, { ...base })).rejects.toThrow('not accepted');
		expect(calls).toHaveLength(1);
	});

	test("a 429's Retry-After is waited for", async () => {
		const { calls, helpers, times } = scripted(httpError(429, 'wait', { 'retry-after': '1' }));
		await requestAccessToken(helpers, { ...base });
		expect(calls).toHaveLength(2);
		expect(times[1] - times[0]).toBeGreaterThanOrEqual(900);
	});

	test('a Retry-After hours away is not waited for: one request, and the time to try again', async () => {
		const { calls, helpers } = scripted(httpError(429, 'quota', { 'retry-after': String(3 * 3600) }));
		const resumes = new Date(Date.now() + 3 * 3600 * 1000).toISOString();
		const error = await requestAccessToken(helpers, { ...base }).catch((e: Error) => e);
		expect(calls).toHaveLength(1);
		expect((error as Error).message).toBe(
			`${AUTH_ERROR_PREFIX}ThroughLine is limiting token requests (HTTP 429). It says to try again at about ${resumes.slice(0, 10)} ${resumes.slice(11, 16)} UTC.`,
		);
	});
});

test('a token answer that never completes is cut off by a deadline and asked again', async () => {
	const shippedTimeout = CLIENT_DEFAULTS.tokenTimeoutMs;
	CLIENT_DEFAULTS.tokenTimeoutMs = 200;
	try {
		let calls = 0;
		const helpers = {
			httpRequest: async (options: IHttpRequestOptions) => {
				if (++calls > 1) return { access_token: 'tok-2' };
				// What axios does when the request's signal aborts mid-body.
				return await new Promise((_resolve, reject) =>
					(options.abortSignal as AbortSignal | undefined)?.addEventListener('abort', () =>
						reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED' })),
					),
				);
			},
		};
		await expect(requestAccessToken(helpers as never, { ...base })).resolves.toBe('tok-2');
		expect(calls).toBe(2);
	} finally {
		CLIENT_DEFAULTS.tokenTimeoutMs = shippedTimeout;
	}
});
