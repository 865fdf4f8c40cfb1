/**
 * What the transport promises, counted on the server: coalescing, one token for many items,
 * token reuse across executions, a single refresh after expiry, pacing, and bounded retries.
 */
import { RETRY_POLICY } from '../../../nodes/ThroughLine/transport';
import { createCredentials, CREDENTIAL_ID, localCredential, runNode, shortenRetryWaits, useLocalServer } from '../../harness/runNode';

const local = useLocalServer();
let server: typeof local.server;
const search = (extra: Record<string, unknown> = {}) => ({
	resource: 'helpline',
	operation: 'search',
	country: '={{ $json.country }}',
	limit: 5,
	...extra,
});
const helplineCalls = () => server.stats().byRoute['GET /v1/helplines'] ?? 0;

let restoreRetryWaits: () => void;
beforeAll(() => {
	server = local.server;
	restoreRetryWaits = shortenRetryWaits();
});
afterAll(() => restoreRetryWaits());

describe('coalescing and tokens', () => {
	test('500 items over 10 countries make 10 searches and 1 token request', async () => {
		const codes = server.data
			.countries()
			.slice(0, 10)
			.map((c) => c.code);
		const input = Array.from({ length: 500 }, (_, i) => ({ country: codes[i % 10] }));
		const { items, error } = await runNode(createCredentials(localCredential(server)), search(), input);
		expect(error).toBeUndefined();
		expect(helplineCalls()).toBe(10);
		expect(server.stats().tokenRequests).toBe(1);
		// every item got its own country's helplines, paired to it
		for (const item of items) {
			const asked = input[(item.pairedItem as { item: number }).item].country;
			expect((item.json.country as { code: string }).code).toBe(asked);
		}
		expect(items).toHaveLength(500 * 5);
	});

	test('50 Country > Get items fetch the country list once', async () => {
		const input = Array.from({ length: 50 }, () => ({}));
		await runNode(createCredentials(localCredential(server)), { resource: 'country', operation: 'get', country: 'NZ' }, input);
		expect(server.stats().byRoute['GET /v1/countries']).toBe(1);
	});

	test('the stored token is reused by the next execution', async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, search(), [{ country: 'US' }]);
		await runNode(credentials, search(), [{ country: 'NZ' }]);
		expect(server.stats().tokenRequests).toBe(1);
		expect(credentials.get(CREDENTIAL_ID)?.accessToken).toEqual(expect.any(String));
	});

	test('a token expired between executions is refreshed exactly once for a batch', async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, search(), [{ country: 'US' }]);
		server.expireTokens();
		const codes = server.data.countries().map((c) => c.code);
		const { error, items } = await runNode(
			credentials,
			search(),
			codes.map((country) => ({ country })),
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(codes.length * 5);
		expect(server.stats().tokenRequests).toBe(2);
	});

	test('a token expiring in the middle of a batch is refreshed once, and no item is lost', async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, search(), [{ country: 'US' }]);
		server.reset();
		server.setFault('GET /v1/helplines', { latencyMs: 40 });
		const codes = server.data.countries().map((c) => c.code);
		const run = runNode(
			credentials,
			search(),
			codes.map((country) => ({ country })),
		);
		await new Promise((resolve) => setTimeout(resolve, 60));
		server.expireTokens();
		const { error, items } = await run;
		expect(error).toBeUndefined();
		expect(items).toHaveLength(codes.length * 5);
		expect(server.stats().tokenRequests).toBe(1);
	});

	test('parallel first requests with no stored token fetch one token', async () => {
		const credentials = createCredentials(localCredential(server));
		const codes = server.data.countries().map((c) => c.code);
		await runNode(
			credentials,
			search(),
			codes.map((country) => ({ country })),
		);
		expect(server.stats().tokenRequests).toBe(1);
	});
});

describe('pacing', () => {
	test('a slow token request does not let a batch into one server second twice (the window runs from answers)', async () => {
		// 40 distinct searches. The first waits for a token that takes 300 ms, so it reaches the API
		// 300 ms after it started: a window counted from starts would let the 31st request in less
		// than a second after the API counted the first.
		server.setFault('POST /oauth/token', { latencyMs: 300 });
		const input = Array.from({ length: 40 }, (_, i) => ({ country: 'US', limit: i + 1 }));
		const { error } = await runNode(createCredentials(localCredential(server)), search({ limit: '={{ $json.limit }}' }), input);
		expect(error).toBeUndefined();
		expect(helplineCalls()).toBe(40);
		expect(server.stats().rateLimited).toBe(0);
	});

	test('with a token stored the requests of a batch go out together; without one the first goes alone', async () => {
		const credentials = createCredentials(localCredential(server));
		server.setFault('GET /v1/helplines', { latencyMs: 150 });
		const codes = ['US', 'NZ', 'CA', 'GB'];
		const searches = () => server.requests().filter((r) => r.url.startsWith('/v1/helplines'));

		// Both batches must reach ThroughLine: the second is the same question, so no cache.
		const uncached = search({ options: { cacheAnswersFor: 0 } });
		await runNode(
			credentials,
			uncached,
			codes.map((country) => ({ country })),
		);
		const [first, ...rest] = searches();
		expect(rest).toHaveLength(codes.length - 1);
		for (const later of rest) expect(later.receivedAt).toBeGreaterThanOrEqual(first.answeredAt as number);

		server.reset();
		// A second of latency: the slow start may space the starts of a batch right after another
		// by 1/7.5 s, which still puts all four at the API together, as a token wait would not.
		server.setFault('GET /v1/helplines', { latencyMs: 1000 });
		await runNode(
			credentials,
			uncached,
			codes.map((country) => ({ country })),
		);
		const stored = searches();
		expect(stored).toHaveLength(codes.length);
		expect(server.stats().tokenRequests).toBe(0);
		// All four were at the API at the same time.
		const lastIn = Math.max(...stored.map((r) => r.receivedAt));
		const firstOut = Math.min(...stored.map((r) => r.answeredAt as number));
		expect(lastIn).toBeLessThan(firstOut);
	});

	test('Max Requests per Second keeps a batch under the server limit', async () => {
		server.setLimits({ perSecondLimit: 4 });
		const codes = server.data
			.countries()
			.slice(0, 10)
			.map((c) => c.code);
		const started = Date.now();
		const { error } = await runNode(
			createCredentials(localCredential(server)),
			search({ options: { maxRequestsPerSecond: 4 } }),
			codes.map((country) => ({ country })),
		);
		expect(error).toBeUndefined();
		expect(server.stats().rateLimited).toBe(0);
		expect(helplineCalls()).toBe(10);
		// 10 calls at 4 a second need at least two full windows
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
	});
});

describe('retries', () => {
	const oneCountry = async () => await runNode(createCredentials(localCredential(server)), search(), [{ country: 'US' }]);

	test('429 with Retry-After: waits and succeeds', async () => {
		server.setFault('GET /v1/helplines', { status: 429, times: 2 });
		const { error, items } = await oneCountry();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(helplineCalls()).toBe(3);
	});

	test('429 storm without Retry-After: bounded retries, then a message that explains the limits', async () => {
		server.setLimits({ retryAfter: false });
		server.setFault('GET /v1/helplines', { status: 429 });
		const { error } = await oneCountry();
		expect(helplineCalls()).toBe(RETRY_POLICY.rateLimitRetries + 1);
		expect(error?.message).toBe(
			'ThroughLine is rate limiting requests (HTTP 429) (gave up after 6 attempts): the daily quota is probably used up (item 0)',
		);
		expect(error?.description).toContain('1,000 calls a day');
	});

	test.each([
		['500/502/503 answers', { errorRate: 1, times: 2 }],
		['malformed JSON', { malformedJsonRate: 1, times: 2 }],
		['an HTML error page', { htmlErrorRate: 1, times: 2 }],
		['a dropped connection', { dropRate: 1, times: 2 }],
	])('%s are retried and the data is complete', async (_name, fault) => {
		const expected = server.data
			.helplines()
			.filter((h) => h.country.code === 'US')
			.slice(0, 5)
			.map((h) => h.id);
		server.setFault('GET /v1/helplines', fault);
		const { error, items } = await oneCountry();
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(expected);
		expect(helplineCalls()).toBe(3);
	});

	test('a lasting 5xx fails after a bounded number of attempts', async () => {
		server.setFault('GET /v1/helplines', { status: 503 });
		const { error } = await oneCountry();
		expect(helplineCalls()).toBe(RETRY_POLICY.failureRetries + 1);
		expect(error?.message).toBe("ThroughLine's API failed (HTTP 503) (gave up after 4 attempts) (item 0)");
	});

	test('a 403 is not retried and says what to check', async () => {
		server.setFault('GET /v1/helplines', { status: 403 });
		const { error } = await oneCountry();
		expect(helplineCalls()).toBe(1);
		expect(error?.message).toBe('ThroughLine refused access (HTTP 403) (item 0)');
		expect(error?.description).toContain('Sandbox');
	});

	test('a slow answer times out and the retry succeeds', async () => {
		server.setFault('GET /v1/helplines', { latencyMs: 2500, times: 1 });
		const { error, items } = await runNode(createCredentials(localCredential(server)), search({ options: { timeout: 1 } }), [
			{ country: 'US' },
		]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
	});

	test('an event that failed with a 500 is not sent twice', async () => {
		server.setFault('POST /v1/events/helpline_display', { status: 500 });
		const { error } = await runNode(createCredentials(localCredential(server)), {
			resource: 'event',
			operation: 'reportDisplay',
			helplineId: server.data.helplines()[0].id,
			sessionId: 's-1',
		});
		expect(error?.message).toBe("ThroughLine's API failed (HTTP 500) (item 0)");
		expect(server.stats().byRoute['POST /v1/events/helpline_display']).toBe(1);
	});

	test('a one-off 401 on a data call is replayed and the batch completes', async () => {
		const credentials = createCredentials(localCredential(server));
		server.setFault('GET /v1/helplines', { unauthorizedOnCall: 1 });
		const { error, items } = await runNode(credentials, search(), [{ country: 'US' }]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(server.stats().tokenRequests).toBeLessThanOrEqual(2);
	});
});
