/** The client secret travels in the token request's form body and nowhere else, faults or not. */
import type { INodeParameters } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ThroughLineApi } from '../../../credentials/ThroughLineApi.credentials';
import {
	createCredentials,
	CREDENTIAL_ID,
	localCredential,
	makeNode,
	nodeTypes,
	runNode,
	shortenRetryWaits,
	useLocalServer,
} from '../../harness/runNode';

const local = useLocalServer({ seed: 7 });
let server: typeof local.server;

let restoreRetryWaits: () => void;
beforeAll(() => {
	server = local.server;
	restoreRetryWaits = shortenRetryWaits();
});
afterAll(() => restoreRetryWaits());

test('with faults on, every operation keeps the secret out of URLs, headers, output and errors', async () => {
	const secret = server.clientSecret;
	server.setFault('*', { errorRate: 0.2, malformedJsonRate: 0.1, rateLimitRate: 0.1 });
	server.setFault('POST /oauth/token', null);
	const credentials = createCredentials(localCredential(server));
	const id = server.data.helplines()[3].id;
	const runs = [
		{ resource: 'helpline', operation: 'search', country: '={{ $json.c }}', returnAll: true },
		{ resource: 'helpline', operation: 'get', helplineId: id },
		{ resource: 'country', operation: 'get', country: '={{ $json.c }}' },
		{ resource: 'topic', operation: 'getAll' },
		{ resource: 'event', operation: 'reportDisplay', helplineId: id, sessionId: 's' },
		{ resource: 'event', operation: 'reportClick', helplineId: id, sessionId: 's', contactMethod: 'sms' },
	];
	const shown: string[] = [];
	for (const parameters of runs) {
		server.expireTokens();
		const result = await runNode(credentials, parameters, [{ c: 'US' }, { c: 'NZ' }, { c: 'USA' }], {
			continueOnFail: true,
		});
		shown.push(JSON.stringify(result.items), JSON.stringify(result.error ?? {}), JSON.stringify(result.run.data));
	}
	const requests = server.requests();
	expect(requests.filter((r) => r.url.startsWith('/v1/')).length).toBeGreaterThan(10);
	for (const request of requests) {
		expect(request.url).not.toContain(secret);
		expect(JSON.stringify(request.headers)).not.toContain(secret);
		if (!(request.method === 'POST' && request.url === '/oauth/token')) expect(request.body).not.toContain(secret);
	}
	expect(requests.filter((r) => r.body.includes(secret)).every((r) => r.url === '/oauth/token')).toBe(true);
	for (const text of shown) expect(text).not.toContain(secret);
});

test('a wrong secret fails with a sign-in message that contains neither secret', async () => {
	const wrong = 'wrong-secret-5c4b3a2918';
	const credentials = createCredentials({ ...localCredential(server), clientSecret: wrong });
	const { error, run } = await runNode(credentials, { resource: 'topic', operation: 'getAll' }, [{}, {}, {}]);
	expect(error?.message).toBe(
		"ThroughLine sign-in failed: the client ID or secret was not accepted. Check both in ThroughLine's developer dashboard, and that the application is enabled. (item 0)",
	);
	const stored = JSON.stringify(run.data);
	expect(stored).not.toContain(wrong);
	expect(stored).not.toContain(server.clientSecret);
	// the first failed sign-in stops the other items from trying again
	expect(server.stats().tokenRequests).toBe(1);
});

test("the credential's Test button calls the API base URL of the chosen environment", () => {
	const workflow = new Workflow({ nodes: [makeNode({})], connections: {}, active: false, nodeTypes: nodeTypes() });
	const baseURL = new ThroughLineApi().test.request.baseURL as string;
	const resolve = ($credentials: object) =>
		workflow.expression.getSimpleParameterValue(makeNode({}), baseURL, 'internal', { $credentials } as never, undefined, '');
	expect(resolve({ environment: 'custom', baseUrl: ' http://127.0.0.1:3999/ ' })).toBe('http://127.0.0.1:3999');
	expect(resolve({ environment: 'production', baseUrl: 'http://ignored' })).toBe('https://api.throughlinecare.com');
});

test('no access token appears in output, errors or run data, also when ThroughLine refuses it or the address changed', async () => {
	const credentials = createCredentials(localCredential(server));
	const tokens = new Set<string>();
	const remember = () => {
		const token = credentials.get(CREDENTIAL_ID)?.accessToken;
		if (typeof token === 'string' && token) tokens.add(token);
		for (const used of Object.keys(server.stats().byToken)) tokens.add(used);
	};
	const shown: string[] = [];
	const run = async (parameters: INodeParameters) => {
		const result = await runNode(credentials, parameters, [{ c: 'US' }, { c: 'NZ' }], { continueOnFail: true });
		shown.push(JSON.stringify(result.items), JSON.stringify(result.error ?? {}), JSON.stringify(result.run.data));
		remember();
	};
	// Every run must reach ThroughLine: no answer from the cache, none stale.
	const noCache = { cacheAnswersFor: 0, serveStaleAnswersFor: 0 };
	const searchOf = { resource: 'helpline', operation: 'search', country: '={{ $json.c }}', limit: 3, options: noCache };
	await run(searchOf); // stores a token
	server.setFault('GET /v1/helplines', { status: 401 });
	await run(searchOf); // refused even after a refresh
	server.setFault('GET /v1/helplines', { errorRate: 0.5, malformedJsonRate: 0.3 });
	server.expireTokens();
	await run(searchOf);
	credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), baseUrl: `${server.url}/elsewhere` });
	await run(searchOf); // the stored token is not for this address
	expect(tokens.size).toBeGreaterThanOrEqual(2);
	for (const text of shown) for (const token of tokens) expect(text).not.toContain(token);
});
