/**
 * The answer cache as executions meet it, counted on the local server: answers reused across
 * executions, never across credentials or queries, handed out as copies, expired on time, shared
 * while in flight, off at 0, never used by events or the trigger.
 */
import { simplified } from '../../../e2e/expected';
import { createCredentials, localCredential, runNode } from '../../../harness/runNode';
import { PollingWorkflow } from '../../../harness/runPoll';
import type { SandboxServer } from '../../../../sandbox';
import { startServer } from '../../../../sandbox';
import { hints, minutesLater, search, useCacheSuite } from './cacheSetup';

const { local, helplineCalls, firstFive } = useCacheSuite();

describe('across executions', () => {
	test('a second execution asking the same is answered from the cache, says so, and keeps the raw fields', async () => {
		const credentials = local.credentials();
		const first = await runNode(credentials, search(), [{ country: 'US' }]);
		const second = await runNode(credentials, search(), [{ country: 'US' }]);
		expect(second.error).toBeUndefined();
		expect(helplineCalls()).toBe(1);
		expect(second.items.map((i) => i.json)).toEqual(firstFive('US'));
		expect(second.items.map((i) => i.json)).toEqual(first.items.map((i) => i.json));
		expect(hints(first)).toEqual([]);
		expect(hints(second)).toEqual([
			expect.objectContaining({
				type: 'info',
				message: expect.stringMatching(
					/^1 item was answered from this n8n's cache of ThroughLine answers, not by a new call \(0 minutes old\)/,
				),
			}),
		]);
	});

	test('with Simplify, a cached record carries answeredFrom; a live one does not', async () => {
		const credentials = local.credentials();
		const first = await runNode(credentials, search({}, { simplify: true }), [{ country: 'NZ' }]);
		minutesLater(25);
		const second = await runNode(credentials, search({}, { simplify: true }), [{ country: 'NZ' }]);
		expect(first.items.map((i) => i.json)).toEqual(firstFive('NZ').map(simplified));
		expect(second.items.map((i) => i.json)).toEqual(
			firstFive('NZ').map((h) => ({ ...simplified(h), answeredFrom: { source: 'cache', ageMinutes: 25 } })),
		);
		expect(helplineCalls()).toBe(1);
	});

	test('the country and topic lists are cached for a day, helplines for an hour', async () => {
		const credentials = local.credentials();
		const countries = { resource: 'country', operation: 'getAll' };
		await runNode(credentials, countries);
		await runNode(credentials, search(), [{ country: 'US' }]);
		minutesLater(61);
		const list = await runNode(credentials, countries);
		await runNode(credentials, search(), [{ country: 'US' }]);
		expect(list.items.map((i) => i.json)).toEqual(local.server.data.countries());
		expect(local.server.stats().byRoute['GET /v1/countries']).toBe(1);
		expect(helplineCalls()).toBe(2);
		minutesLater(61 + 1440);
		await runNode(credentials, countries);
		expect(local.server.stats().byRoute['GET /v1/countries']).toBe(2);
	});

	test('Cache Answers For is the lifetime: 30 minutes asks again after 31', async () => {
		const credentials = local.credentials();
		await runNode(credentials, search({ cacheAnswersFor: 30 }), [{ country: 'US' }]);
		minutesLater(29);
		await runNode(credentials, search({ cacheAnswersFor: 30 }), [{ country: 'US' }]);
		expect(helplineCalls()).toBe(1);
		minutesLater(31);
		const late = await runNode(credentials, search({ cacheAnswersFor: 30 }), [{ country: 'US' }]);
		expect(helplineCalls()).toBe(2);
		expect(hints(late)).toEqual([]);
	});

	test('0 turns the cache off: every execution asks ThroughLine', async () => {
		const credentials = local.credentials();
		for (let i = 0; i < 3; i++) await runNode(credentials, search({ cacheAnswersFor: 0 }), [{ country: 'US' }]);
		expect(helplineCalls()).toBe(3);
	});

	test('editing an output never edits the cache', async () => {
		const credentials = local.credentials();
		const first = await runNode(credentials, search(), [{ country: 'US' }]);
		first.items[0].json.name = 'edited';
		(first.items[0].json.topics as string[]).push('edited');
		const second = await runNode(credentials, search(), [{ country: 'US' }]);
		second.items[1].json.phoneNumber = '000';
		const third = await runNode(credentials, search(), [{ country: 'US' }]);
		expect(third.items.map((i) => i.json)).toEqual(firstFive('US'));
		expect(helplineCalls()).toBe(1);
	});
});

describe('keys', () => {
	test('the exact query: another limit, topic or country is asked of ThroughLine', async () => {
		const credentials = local.credentials();
		await runNode(credentials, search(), [{ country: 'US' }]);
		const other = await runNode(credentials, search({}, { limit: 6 }), [{ country: 'US' }]);
		await runNode(credentials, search(), [{ country: 'NZ' }]);
		await runNode(credentials, search({}, { topic: 'Anxiety' }), [{ country: 'US' }]);
		expect(helplineCalls()).toBe(4);
		expect(other.items).toHaveLength(6);
		expect(hints(other)).toEqual([]);
	});

	test('another client ID on the same address is never answered from the cache: it signs in and fails', async () => {
		await runNode(local.credentials(), search(), [{ country: 'US' }]);
		const stranger = createCredentials({ ...localCredential(local.server), clientId: 'someone-else', clientSecret: 'wrong' });
		const { error, items } = await runNode(stranger, search(), [{ country: 'US' }]);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/sign/i);
		expect(local.server.stats().tokenRequests).toBe(2);
	});

	test('the same client ID at another API address asks that address', async () => {
		let other: SandboxServer | undefined;
		try {
			other = await startServer({ port: 0 });
			await runNode(local.credentials(), search(), [{ country: 'US' }]);
			const run = await runNode(createCredentials(localCredential(other)), search(), [{ country: 'US' }]);
			expect(run.error).toBeUndefined();
			expect(helplineCalls(other)).toBe(1);
			expect(hints(run)).toEqual([]);
		} finally {
			await other?.close();
		}
	});
});

describe('in flight', () => {
	test('concurrent executions asking the same share one request, each with its own copy', async () => {
		const credentials = local.credentials();
		await runNode(credentials, { resource: 'topic', operation: 'getAll' }); // stores a token
		local.server.setFault('GET /v1/helplines', { latencyMs: 300 });
		const runs = await Promise.all([1, 2, 3].map(async () => await runNode(credentials, search(), [{ country: 'US' }])));
		expect(helplineCalls()).toBe(1);
		for (const run of runs) expect(run.items.map((i) => i.json)).toEqual(firstFive('US'));
		runs[0].items[0].json.name = 'edited';
		expect(runs[1].items[0].json.name).toBe(firstFive('US')[0].name);
	});

	test('a shared failure is not cached: the next execution asks again', async () => {
		const credentials = local.credentials();
		await runNode(credentials, { resource: 'topic', operation: 'getAll' });
		local.server.setFault('GET /v1/helplines', { status: 503, latencyMs: 100 });
		const failed = await Promise.all([1, 2].map(async () => await runNode(credentials, search(), [{ country: 'US' }])));
		for (const run of failed) expect(run.error?.message).toMatch(/HTTP 503/);
		// One request and its 3 retries, shared by both executions.
		expect(helplineCalls()).toBe(4);
		local.server.clearFaults();
		const next = await runNode(credentials, search(), [{ country: 'US' }]);
		expect(next.error).toBeUndefined();
		expect(helplineCalls()).toBe(5);
	});
});

describe('never cached', () => {
	test('events are sent every time', async () => {
		const credentials = local.credentials();
		const display = { resource: 'event', operation: 'reportDisplay', helplineId: local.server.data.helplines()[0].id, sessionId: 's-1' };
		await runNode(credentials, display);
		await runNode(credentials, display);
		expect(local.server.stats().byRoute['POST /v1/events/helpline_display']).toBe(2);
	});

	test("the trigger's polls ask ThroughLine every time, also for a query the node has cached", async () => {
		const credentials = local.credentials();
		const poller = new PollingWorkflow(credentials, { pollTimes: { item: [{ mode: 'everyHour', minute: 0 }] }, countries: ['NZ'] });
		await poller.poll();
		const asked = local.server.requests().filter((r) => r.url.startsWith('/v1/helplines'));
		expect(asked).toHaveLength(1);
		// The same question through the node: now it is in the cache.
		const query = new URL(asked[0].url, local.server.url).searchParams;
		await runNode(credentials, search({}, { returnAll: true }), [{ country: 'NZ' }]);
		const byNode = local.server.requests().filter((r) => r.url.startsWith('/v1/helplines'))[1];
		expect(new URL(byNode.url, local.server.url).searchParams.toString()).toBe(query.toString());
		await poller.poll();
		await poller.poll();
		expect(helplineCalls()).toBe(4);
	});
});
