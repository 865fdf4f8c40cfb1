/**
 * The token exchange's pure parts, tested directly: which addresses may carry the secret, how a
 * failure is told, and which failures are worth asking again. Each case here was a mutant the
 * credential's own suite let live (docs/mutation/summary.md).
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	AUTH_ERROR_PREFIX,
	describeTokenFailure,
	isSafeTransport,
	PRODUCTION_API_BASE_URL,
	PRODUCTION_TOKEN_URL,
	requestAccessToken,
	resolveEndpoints,
	ThroughLineAuthError,
	tokenRetryDelay,
} from '../../credentials/throughLineAuth';
import { RETRY_POLICY } from '../../nodes/ThroughLine/transport/limits';

const TOKEN_URL = 'http://127.0.0.1:9/oauth/token';

describe('an address may carry the secret or the token only over https, or in the clear to this machine', () => {
	test.each([
		'https://auth.example.com/oauth/token',
		'http://localhost:3999/oauth/token',
		'http://127.0.0.1/oauth/token',
		'http://127.0.10.1/oauth/token',
		'http://127.0.0.10/oauth/token',
		'http://127.255.255.254:80/oauth/token',
		'http://[::1]:3999/oauth/token',
	])('%s: yes', (url) => {
		expect(isSafeTransport(url)).toBe(true);
	});

	test.each([
		// A name that only contains a loopback address is somebody else's host.
		'http://127.0.0.1.evil.example/oauth/token',
		'http://x127.0.0.1/oauth/token',
		'http://api.findahelpline.com/oauth/token',
		// Only http and https are spoken, whatever the host.
		'ftp://127.0.0.1/oauth/token',
		'ws://localhost:3999/oauth/token',
		'not a url',
		'',
	])('%s: no', (url) => {
		expect(isSafeTransport(url)).toBe(false);
	});

	test('a Token URL that is not http(s) at all is refused as "not a plain https:// address", before anything is sent', async () => {
		const calls: IHttpRequestOptions[] = [];
		const helpers = { httpRequest: async (options: IHttpRequestOptions) => calls.push(options) };
		const credentials = {
			environment: 'custom',
			clientId: 'id',
			clientSecret: 'secret',
			tokenUrl: 'ftp://host/https://127.0.0.1/token',
			baseUrl: 'http://127.0.0.1:9',
		};
		await expect(requestAccessToken(helpers as never, credentials)).rejects.toThrow(
			`${AUTH_ERROR_PREFIX}the Token URL must be a plain https:// address without a query string.`,
		);
		expect(calls).toHaveLength(0);
	});
});

test("a custom environment with its fields left empty (n8n may leave them out) uses ThroughLine's own addresses", () => {
	const production = { apiBaseUrl: PRODUCTION_API_BASE_URL, tokenUrl: PRODUCTION_TOKEN_URL };
	expect(resolveEndpoints({ environment: 'custom' })).toEqual(production);
	expect(resolveEndpoints({ environment: 'custom', baseUrl: 42 as never, tokenUrl: null as never })).toEqual(production);
	expect(
		resolveEndpoints({ environment: 'custom', baseUrl: ' https://eu.example.com// ', tokenUrl: ' https://eu.example.com/token ' }),
	).toEqual({
		apiBaseUrl: 'https://eu.example.com',
		tokenUrl: 'https://eu.example.com/token',
	});
});

describe('a failed token request is told in words a user can act on', () => {
	test('its error is a ThroughLineAuthError, by name too (n8n shows the name)', () => {
		const error = describeTokenFailure({ response: { status: 401 } }, TOKEN_URL);
		expect(error).toBeInstanceOf(ThroughLineAuthError);
		expect(error.name).toBe('ThroughLineAuthError');
	});

	test.each([400, 401, 403])('HTTP %i names the status in the description', (status) => {
		expect(describeTokenFailure({ response: { status } }, TOKEN_URL).description).toBe(`The token endpoint answered HTTP ${status}.`);
	});

	test('a 429 without Retry-After says to wait a minute; n8n errors carry the status as httpCode or statusCode', () => {
		for (const error of [{ response: { status: 429 } }, { httpCode: '429' }, { statusCode: 429 }]) {
			expect(describeTokenFailure(error, TOKEN_URL).message).toBe(
				`${AUTH_ERROR_PREFIX}ThroughLine is limiting token requests (HTTP 429). Wait a minute and try again.`,
			);
		}
	});

	test.each([
		['no error at all', undefined],
		['a status of 0', { response: { status: 0 } }],
		['a status that is not a number', { response: { status: 'teapot' } }],
		['a fractional status', { response: { status: 503.5 } }],
	])('%s is no answer: the token URL could not be reached', (_name, error) => {
		expect(describeTokenFailure(error, TOKEN_URL).message).toBe(
			`${AUTH_ERROR_PREFIX}could not reach ThroughLine's token URL (${TOKEN_URL}). Check the network and the Token URL.`,
		);
	});

	test('the network code is read from the error or from its cause (fetch puts it there)', () => {
		for (const error of [{ code: 'ECONNREFUSED' }, { cause: { code: 'ECONNREFUSED' } }]) {
			expect(describeTokenFailure(error, TOKEN_URL).message).toContain(`(${TOKEN_URL}): ECONNREFUSED.`);
		}
		expect(describeTokenFailure({ code: 42 }, TOKEN_URL).message).toContain(`(${TOKEN_URL}). Check`);
	});

	test('the URL is shown without its query string or credentials, and an unreadable one is not echoed', () => {
		expect(describeTokenFailure({}, 'https://user:pw@auth.example.com/token?key=abc').message).toContain(
			'(https://auth.example.com/token)',
		);
		expect(describeTokenFailure({}, '::not a url::').message).toContain('(an invalid URL)');
	});
});

describe('only a busy or unreachable token service is asked again', () => {
	test.each([
		['no error at all', undefined],
		['an error with no code', new Error('boom')],
		['a cancelled request', { code: 'ERR_CANCELED' }],
		['a code that is not a network one', { code: 'invalid_grant' }],
		['HTTP 401', { response: { status: 401 } }],
		['HTTP 404', { response: { status: 404 } }],
	])('%s: not again', (_name, error) => {
		expect(tokenRetryDelay(error, 0)).toBeUndefined();
	});

	test.each([
		['a reset', { code: 'ECONNRESET' }],
		['a timeout', { code: 'ETIMEDOUT' }],
		['HTTP 500', { response: { status: 500 } }],
		['HTTP 429', { httpCode: 429 }],
	])('%s: again, after a back-off within the bounds', (_name, error) => {
		const delay = tokenRetryDelay(error, 0);
		expect(delay).toBeGreaterThan(0);
		expect(delay).toBeLessThanOrEqual(RETRY_POLICY.maxDelayMs);
	});

	test('a Retry-After of exactly the longest wait is waited for; one second more is not', () => {
		const seconds = RETRY_POLICY.maxRetryAfterMs / 1000;
		const limited = (retryAfter: number) => ({ response: { status: 429, headers: { 'retry-after': String(retryAfter) } } });
		expect(tokenRetryDelay(limited(seconds), 0)).toBe(RETRY_POLICY.maxRetryAfterMs);
		expect(tokenRetryDelay(limited(seconds + 1), 0)).toBeUndefined();
		// A 429 that says nothing about when still gets a back-off.
		expect(tokenRetryDelay({ response: { status: 429 } }, 0)).toBeGreaterThan(0);
	});

	test('a 429 without Retry-After backs off from the rate-limit base, a 5xx from the shorter failure base', () => {
		jest.spyOn(Math, 'random').mockReturnValue(1);
		try {
			expect(tokenRetryDelay({ response: { status: 429 } }, 0)).toBe(RETRY_POLICY.rateLimitBaseMs);
			expect(tokenRetryDelay({ response: { status: 503 } }, 0)).toBe(RETRY_POLICY.failureBaseMs);
			expect(tokenRetryDelay({ response: { status: 503 } }, 1)).toBe(2 * RETRY_POLICY.failureBaseMs);
		} finally {
			jest.restoreAllMocks();
		}
	});

	test.each(['XEPIPE', 'EPIPE2', 'econnreset', 'ECONNRESET after retry'])(
		'only a whole system error code counts as a network failure: %j does not',
		(code) => {
			expect(tokenRetryDelay({ code }, 0)).toBeUndefined();
		},
	);

	test('never more than the token retries, whatever the failure', () => {
		expect(tokenRetryDelay({ code: 'ECONNRESET' }, RETRY_POLICY.tokenRetries)).toBeUndefined();
		expect(tokenRetryDelay({ code: 'ECONNRESET' }, RETRY_POLICY.tokenRetries - 1)).toBeGreaterThan(0);
	});
});

describe('the token answer', () => {
	const answering = (body: unknown) => {
		const calls: IHttpRequestOptions[] = [];
		const helpers = {
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push(options);
				return body;
			},
		};
		const credentials = {
			environment: 'custom',
			clientId: 'id',
			clientSecret: 'secret',
			tokenUrl: TOKEN_URL,
			baseUrl: 'http://127.0.0.1:9',
		};
		return { calls, run: () => requestAccessToken(helpers as never, credentials) };
	};

	test('asks for JSON', async () => {
		const { calls, run } = answering({ access_token: 'tok' });
		await run();
		expect(calls[0].headers).toMatchObject({ Accept: 'application/json' });
	});

	test.each([
		['a blank token', { access_token: '   ' }],
		['a token that is not text', { access_token: 12345 }],
		['a token in text that is blank', JSON.stringify({ access_token: '' })],
		['JSON null', 'null'],
		['no body at all', undefined],
	])('%s is no token', async (_name, body) => {
		await expect(answering(body).run()).rejects.toThrow('answered without an access token');
	});

	test('a token given as JSON text is read and trimmed', async () => {
		await expect(answering(JSON.stringify({ access_token: ' tok-7 ' })).run()).resolves.toBe('tok-7');
	});
});
