/**
 * Signing in, counted on the server: a token is used only for the client ID and addresses it was
 * issued for, a sign-in that cannot help is not repeated per item, and a blip of the token
 * endpoint is retried like a read.
 */
import { createCredentials, CREDENTIAL_ID, localCredential, runNode, shortenRetryWaits, useLocalServer } from '../../../harness/runNode';
import { bareServer } from './bareServer';

const local = useLocalServer();
let server: typeof local.server;
let restoreRetryWaits: () => void;
beforeAll(() => {
	server = local.server;
	restoreRetryWaits = shortenRetryWaits();
});
afterAll(() => restoreRetryWaits());

const topics = { resource: 'topic', operation: 'getAll' };
const searches = (count: number) => ({
	parameters: { resource: 'helpline', operation: 'search', country: 'US', limit: '={{ $json.limit }}' },
	input: Array.from({ length: count }, (_, i) => ({ limit: i + 1 })),
});
const dataRequests = () => server.requests().filter((r) => r.url.startsWith('/v1/'));

describe('a sign-in that cannot help is made once per execution', () => {
	test('token stored, every search answers 401: 20 distinct searches make 1 token request and at most 8 + 2 searches', async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, topics); // stores a token, as n8n does
		server.reset();
		server.setFault('GET /v1/helplines', { status: 401 });
		const { parameters, input } = searches(20);
		const { error } = await runNode(credentials, parameters, input, { continueOnFail: true });
		expect(error).toBeUndefined();
		// README: "when ThroughLine answers 401 the token is requested again, once"
		expect(server.stats().tokenRequests).toBe(1);
		// Bound: the 8 requests already in flight (the client's concurrency) each got their 401;
		// one of them replayed it (the stored token, then the fresh one): 8 + 2. The other 12 never went out.
		expect(server.stats().byRoute['GET /v1/helplines']).toBeLessThanOrEqual(8 + 2);
	});

	test('every item still fails clearly, naming the item', async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, topics);
		server.setFault('GET /v1/helplines', { status: 401 });
		const { parameters, input } = searches(5);
		const { items } = await runNode(credentials, parameters, input, { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual(
			input.map((_, i) => `ThroughLine did not accept the access token, even after requesting a new one (item ${i})`),
		);
	});
});

describe('a stored token is used only with the client ID and addresses it was issued for', () => {
	test('after the API Base URL is edited, the old token is not sent to the new address', async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, topics);
		const stored = credentials.get(CREDENTIAL_ID)!.accessToken as string;
		const other = await bareServer((_req, res) => {
			res.writeHead(401, { 'content-type': 'application/json' });
			res.end('{"error":"invalid_token"}');
		});
		try {
			// The user edits the credential; n8n keeps the hidden token (and its fingerprint).
			credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), baseUrl: other.url });
			await runNode(credentials, topics);
			expect(other.seen.length).toBeGreaterThan(0);
			expect(other.seen[0].authorization).toBeUndefined();
			expect(other.seen.map((r) => r.authorization)).not.toContain(`Bearer ${stored}`);
		} finally {
			await other.close();
		}
	});

	test("after the client ID is edited, the old application's token is not used: a new sign-in is", async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, topics);
		const old = credentials.get(CREDENTIAL_ID)!.accessToken as string;
		server.reset();
		// Another application (one this server does not know, so its sign-in fails).
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), clientId: 'another-application' });
		const { error } = await runNode(credentials, topics);
		expect(error?.message).toContain('ThroughLine sign-in failed: the client ID or secret was not accepted');
		expect(server.stats().tokenRequests).toBe(1);
		expect(server.stats().byToken[old]).toBeUndefined();
	});

	test('a token saved without a fingerprint (an older version of this package) is refreshed once, then reused', async () => {
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, topics);
		const { tokenFingerprint: _dropped, ...plain } = credentials.get(CREDENTIAL_ID)!;
		credentials.set(CREDENTIAL_ID, plain);
		server.reset();
		const { parameters, input } = searches(10);
		const first = await runNode(credentials, parameters, input);
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(
			input.reduce((sum, { limit }) => sum + Math.min(limit, server.data.helplines().filter((h) => h.country.code === 'US').length), 0),
		);
		expect(server.stats().tokenRequests).toBe(1);
		expect(dataRequests()[0].headers.authorization).toBeUndefined();
		server.reset();
		await runNode(credentials, parameters, input);
		expect(server.stats().tokenRequests).toBe(0);
	});

	test('a plain-http API Base URL that is not this machine fails every item before anything is sent', async () => {
		const credentials = createCredentials({ ...localCredential(server), baseUrl: 'http://api.throughlinecare.com' });
		const { items } = await runNode(credentials, topics, [{}, {}], { continueOnFail: true });
		expect(items.map((item) => item.json.error)).toEqual(
			[0, 1].map(
				(i) =>
					`The ThroughLine credential cannot be used: the API Base URL must start with https:// (plain http:// is accepted only for a test server on this machine (localhost, 127.x.x.x or [::1])), so that the access token is encrypted on its way. Correct the API Base URL in the ThroughLine credential. (item ${i})`,
			),
		);
		expect(server.requests()).toHaveLength(0);
	});
});

describe('a blip of the token endpoint is retried, like a read', () => {
	test.each([
		['two 503s (with Retry-After: 1)', { status: 503, times: 2 }, 3],
		['a 500', { status: 500, times: 1 }, 2],
		['a 429 (with Retry-After: 1)', { status: 429, times: 1 }, 2],
		['a dropped connection', { dropRate: 1, times: 1 }, 2],
	])('%s: every item completes', async (_name, fault, tokenRequests) => {
		server.setFault('POST /oauth/token', fault);
		const { parameters, input } = searches(5);
		const { error, items } = await runNode(createCredentials(localCredential(server)), parameters, input);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThanOrEqual(5);
		expect(server.stats().tokenRequests).toBe(tokenRequests);
	});

	test("a 503's Retry-After is waited for before the token is asked again", async () => {
		server.setFault('POST /oauth/token', { status: 503, times: 1 });
		await runNode(createCredentials(localCredential(server)), topics);
		const [refused, next] = server.requests().filter((r) => r.url === '/oauth/token');
		expect(next.receivedAt - (refused.answeredAt as number)).toBeGreaterThanOrEqual(900);
	});

	test('a wrong secret is asked once, for all items', async () => {
		const credentials = createCredentials({ ...localCredential(server), clientSecret: 'wrong-secret-1234' });
		const { items } = await runNode(credentials, topics, [{}, {}, {}], { continueOnFail: true });
		expect(items).toHaveLength(3);
		expect(server.stats().tokenRequests).toBe(1);
	});
});
