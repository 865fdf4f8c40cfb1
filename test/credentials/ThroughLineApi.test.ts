/**
 * The credential's token exchange. A recording stand-in for n8n's httpRequest shows exactly what
 * the hook sends; the secret may appear in the form body and nowhere else.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { ThroughLineApi } from '../../credentials/ThroughLineApi.credentials';
import { AUTH_ERROR_PREFIX, requestAccessToken, resolveEndpoints } from '../../credentials/throughLineAuth';

const SECRET = 's3cr3t-VALUE-9d8e7f';
const base = {
	environment: 'custom',
	clientId: ' my-client ',
	clientSecret: `\t${SECRET}\n`,
	baseUrl: 'http://127.0.0.1:9/',
	tokenUrl: 'http://127.0.0.1:9/oauth/token',
};

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

const httpError = (status: number, data: unknown) =>
	Object.assign(new Error(`Request failed with status code ${status}`), {
		response: { status, data },
		config: { data: `client_secret=${SECRET}` },
	});

describe('the token request', () => {
	test('is a form POST to the token URL with the trimmed ID and secret in the body only', async () => {
		const { calls, helpers } = recorder(() => ({ access_token: 'tok-1', token_type: 'Bearer', expires_in: 7200 }));
		const output = await new ThroughLineApi().preAuthentication.call({ helpers } as never, { ...base });
		expect(output).toEqual({ accessToken: 'tok-1' });
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

	test('Production uses ThroughLine\'s documented hosts whatever the custom fields say', () => {
		expect(resolveEndpoints({ ...base, environment: 'production' })).toEqual({
			apiBaseUrl: 'https://api.throughlinecare.com',
			tokenUrl: 'https://api.findahelpline.com/oauth/token',
		});
		expect(resolveEndpoints(base)).toEqual({ apiBaseUrl: 'http://127.0.0.1:9', tokenUrl: base.tokenUrl });
	});

	test('the data-call header carries the bearer token', () => {
		expect(new ThroughLineApi().authenticate.properties.headers).toEqual({
			Authorization: '=Bearer {{$credentials.accessToken}}',
		});
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
			`${AUTH_ERROR_PREFIX}could not reach ThroughLine's token URL (http://127.0.0.1:9/oauth/token): ECONNREFUSED. Check the network and the Token URL.`,
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
		await expect(
			requestAccessToken(helpers, { ...base, tokenUrl: 'http://127.0.0.1:9/oauth/token?debug=1' }),
		).rejects.toThrow('without a query string');
		expect(calls).toHaveLength(0);
	});
});
