/**
 * Last known good: when ThroughLine fails (5xx, network, timeout, 429 beyond its retries), an
 * answer known from the last *Serve Stale Answers For* stands in, marked stale with its age; never
 * after a failed sign-in or a 403. Counted on the local server.
 */
import type { INodeParameters } from 'n8n-workflow';

import { simplified } from '../../../e2e/expected';
import { runNode, TOOL_NODE_TYPE } from '../../../harness/runNode';
import type { Fault } from '../../../../sandbox';
import { hints, minutesLater, search, useCacheSuite } from './cacheSetup';

const { local, helplineCalls, firstFive } = useCacheSuite();

/** One good answer, then 90 minutes later (past the hour of Cache Answers For) ThroughLine fails. */
async function failLater(fault: Fault, parameters = search(), settings = {}) {
	const credentials = local.credentials();
	const good = await runNode(credentials, parameters, [{ country: 'US' }, { country: 'NZ' }], settings);
	expect(good.error).toBeUndefined();
	minutesLater(90);
	local.server.reset();
	local.server.setFault('GET /v1/helplines', fault);
	return await runNode(credentials, parameters, [{ country: 'US' }, { country: 'NZ' }], settings);
}

describe('served stale', () => {
	test.each<[string, Fault, RegExp, INodeParameters]>([
		['a lasting 503', { status: 503 }, /ThroughLine's API failed \(HTTP 503\) \(gave up after 4 attempts\)/, {}],
		['a dropped connection', { dropRate: 1 }, /The request to ThroughLine failed|Could not reach ThroughLine/, {}],
		['a timeout', { latencyMs: 2500 }, /ThroughLine did not answer in time/, { timeout: 1 }],
	])(
		'%s: the last answer known, with a warning that says why and how old',
		async (_name, fault, reason, options) => {
			const run = await failLater(fault, search(options));
			expect(run.error).toBeUndefined();
			expect(run.items.map((i) => i.json)).toEqual([...firstFive('US'), ...firstFive('NZ')]);
			expect(helplineCalls()).toBeGreaterThanOrEqual(2);
			const [hint] = hints(run);
			expect(hint.type).toBe('warning');
			expect(hint.message).toMatch(/^ThroughLine could not be reached \(/);
			expect(hint.message).toMatch(reason);
			expect(hint.message).toContain('2 items were answered with the last answer known, 90 minutes old');
		},
		30_000,
	);

	test('429 beyond its retries: stale, and the raw fields stay untouched', async () => {
		local.server.setLimits({ retryAfter: false });
		const run = await failLater({ status: 429 });
		expect(run.error).toBeUndefined();
		expect(run.items.map((i) => i.json)).toEqual([...firstFive('US'), ...firstFive('NZ')]);
		expect(hints(run)[0].message).toMatch(/^ThroughLine could not be reached \(ThroughLine is rate limiting requests \(HTTP 429\)/);
	});

	test('with Simplify each record says it is stale and how old', async () => {
		const run = await failLater({ status: 503 }, search({}, { simplify: true }));
		expect(run.items.map((i) => i.json)).toEqual(
			[...firstFive('US'), ...firstFive('NZ')].map((h) => ({ ...simplified(h), answeredFrom: { source: 'stale', ageMinutes: 90 } })),
		);
	});

	test('a model is told a stale answer is stale', async () => {
		const run = await failLater({ status: 503 }, search({}, { country: 'US' }), { node: { type: TOOL_NODE_TYPE, typeVersion: 1.1 } });
		expect(run.error).toBeUndefined();
		expect(run.items.length).toBeGreaterThan(0);
		for (const item of run.items) expect(item.json.answeredFrom).toEqual({ source: 'stale', ageMinutes: 90 });
	});
});

describe('not served stale', () => {
	test('after a 401 that a fresh token does not cure', async () => {
		const run = await failLater({ status: 401 });
		expect(run.items).toEqual([]);
		expect(run.error?.message).toMatch(/did not accept the access token/);
	});

	test('after a failed sign-in', async () => {
		const credentials = local.credentials();
		await runNode(credentials, search(), [{ country: 'US' }]);
		minutesLater(90);
		local.server.expireTokens();
		local.server.setFault('POST /oauth/token', { status: 401 });
		const run = await runNode(credentials, search(), [{ country: 'US' }]);
		expect(run.items).toEqual([]);
		expect(run.error?.message).toMatch(/sign/i);
	});

	test('after a 403: a revoked application gets no data', async () => {
		const run = await failLater({ status: 403 });
		expect(run.items).toEqual([]);
		expect(run.error?.message).toMatch(/refused access \(HTTP 403\)/);
	});

	test('with Serve Stale Answers For at 0', async () => {
		const run = await failLater({ status: 503 }, search({ serveStaleAnswersFor: 0 }));
		expect(run.error?.message).toMatch(/HTTP 503/);
	});

	test('when the last answer known is older than Serve Stale Answers For', async () => {
		const run = await failLater({ status: 503 }, search({ serveStaleAnswersFor: 60 }));
		expect(run.error?.message).toMatch(/HTTP 503/);
	});

	test('for a query never answered before', async () => {
		const credentials = local.credentials();
		await runNode(credentials, search(), [{ country: 'US' }]);
		local.server.setFault('GET /v1/helplines', { status: 503 });
		const run = await runNode(credentials, search(), [{ country: 'NZ' }]);
		expect(run.error?.message).toMatch(/HTTP 503/);
	});
});
