/**
 * What the router does with items: which output a failed item leaves by (n8n-core's
 * WorkflowExecute decides, as in n8n), and the order in which event items are sent.
 * Expectations come from the local server's data and its request log.
 */
import type { INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem } from '../../../nodes/ThroughLine/actions/router';

import { runNode, useLocalServer } from '../../harness/runNode';

const local = useLocalServer();
const credentials = () => local.credentials();
const search = { resource: 'helpline', operation: 'search', country: '={{ $json.country }}', limit: 2 };
const input = [{ country: 'NZ' }, { country: 'USA' }, { country: 'ZZ' }];

let server: typeof local.server;
beforeAll(() => {
	server = local.server;
});

const pairedItem = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
const nzFirstTwo = () =>
	server.data
		.helplines()
		.filter((h) => h.country.code === 'NZ')
		.slice(0, 2)
		.map((h) => h.id);

describe('On Error: Continue (using error output)', () => {
	test('failed items leave by the error output, with the reason and what to do; the helplines by the success output', async () => {
		const { outputs, error } = await runNode(credentials(), search, input, { onError: 'continueErrorOutput' });
		expect(error).toBeUndefined();
		const [success, failure] = outputs;
		expect(success.map((i) => i.json.id)).toEqual(nzFirstTwo());
		expect(success.every((i) => i.json.error === undefined && pairedItem(i) === 0)).toBe(true);

		expect(failure.map(pairedItem)).toEqual([1, 2]);
		expect(failure[0].json.error).toBe('Country code "USA" is not a two-letter ISO 3166-1 code (item 1)');
		expect(failure[0].json.message).toContain('two-letter code'); // what to do, visible to the user
		expect(failure[1].json.error).toMatch(/^ThroughLine refused the request \(HTTP 400\): .*ZZ.* \(item 2\)$/);
		expect(failure[1].json.message).toEqual(expect.any(String));
		expect(failure[1].json.message).not.toMatch(/not a ThroughLine failure/);
	});

	test('without it, a failure of ThroughLine stops the run as n8n’s API error, with the HTTP code', async () => {
		const { error } = await runNode(credentials(), search, [{ country: 'ZZ' }]);
		expect(error?.message).toMatch(/^ThroughLine refused the request \(HTTP 400\): .*ZZ.* \(item 0\)$/);
		expect((error as { httpCode?: string }).httpCode).toBe('400');
		expect((error as { description?: string }).description).not.toMatch(/not a ThroughLine failure/);
	});
});

describe('On Error: Continue', () => {
	test('failed items stay in the one output, in item order, as error items: the reason and what to do', async () => {
		const { outputs, error } = await runNode(credentials(), search, input, { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(outputs).toHaveLength(1);
		const [items] = outputs;
		expect(items.map(pairedItem)).toEqual([0, 0, 1, 2]);
		expect(items.slice(0, 2).map((i) => i.json.id)).toEqual(nzFirstTwo());
		expect(items[2].json).toEqual({
			error: 'Country code "USA" is not a two-letter ISO 3166-1 code (item 1)',
			message: expect.stringContaining('two-letter code'),
		});
		expect(Object.keys(items[3].json).sort()).toEqual(['error', 'message']);
	});
});

describe('events are sent once, one at a time, in order', () => {
	const display = { resource: 'event', operation: 'reportDisplay', helplineId: '={{ $json.id }}', sessionId: 's-1' };
	const eventsInput = () => {
		const good = server.data
			.helplines()
			.slice(0, 3)
			.map((h) => h.id);
		return [{ id: good[0] }, { id: 'no-such-helpline' }, { id: good[1] }, { id: good[2] }];
	};
	const eventRequests = () => server.requests().filter((r) => r.url.startsWith('/v1/events/'));

	test('without Continue, the first failure stops the run: the items before it were sent, none after it', async () => {
		const items = eventsInput();
		const { error } = await runNode(credentials(), display, items);
		expect(error?.message).toContain('(item 1)');
		expect(server.events().map((e) => e.helpline_id)).toEqual([items[0].id]);
		expect(eventRequests()).toHaveLength(2); // item 0, then the failing item 1; nothing after
	});

	test('with Continue, a failure becomes an error item and the next item is still sent, in order', async () => {
		const items = eventsInput();
		// Slow answers: requests sent together would overlap at the server.
		server.setFault('POST /v1/events/helpline_display', { latencyMs: 150 });
		const { items: output, error } = await runNode(credentials(), display, items, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(server.events().map((e) => e.helpline_id)).toEqual([items[0].id, items[2].id, items[3].id]);
		expect(output.map(pairedItem)).toEqual([0, 1, 2, 3]);
		expect(output[1].json.error).toContain('(item 1)');
		// One at a time: each event request arrived after the previous one was answered.
		const log = eventRequests();
		expect(log).toHaveLength(4);
		for (let i = 1; i < log.length; i++) expect(log[i].receivedAt).toBeGreaterThanOrEqual(log[i - 1].answeredAt!);
	});

	test('with Continue (using error output), the failed event leaves by the error output', async () => {
		const items = eventsInput();
		const { outputs } = await runNode(credentials(), display, items, { onError: 'continueErrorOutput' });
		expect(outputs[0].map((i) => i.json.helpline_id)).toEqual([items[0].id, items[2].id, items[3].id]);
		expect(outputs[1].map(pairedItem)).toEqual([1]);
	});

	test('reads still run concurrently', async () => {
		const stored = credentials();
		await runNode(stored, { resource: 'topic', operation: 'getAll' }); // a stored token: no first-call gate
		server.reset();
		// A second of latency: one after another, the second search would arrive a second after the
		// first; concurrent, it arrives within the pacing's spacing (a slow start spaces starts by
		// 1/7.5 s), which a loaded machine stretches but not to a second.
		server.setFault('GET /v1/helplines', { latencyMs: 1000 });
		const { error } = await runNode(stored, search, [{ country: 'US' }, { country: 'NZ' }, { country: 'GB' }]);
		expect(error).toBeUndefined();
		const log = server.requests().filter((r) => r.url.startsWith('/v1/helplines?'));
		expect(log).toHaveLength(3);
		// The second search reached the server before the first was answered.
		expect(log[1].receivedAt).toBeLessThan(log[0].answeredAt!);
	});
});

describe('a resource and operation the node does not have', () => {
	test('fails with one clear error before any request, also for names every object inherits', async () => {
		// An unknown resource never gets here: n8n finds no Operation parameter shown for it.
		for (const [resource, operation] of [
			['helpline', 'delete'],
			['helpline', 'constructor'],
			['country', 'toString'],
		]) {
			server.reset();
			const { error } = await runNode(credentials(), { resource, operation });
			expect(error?.message).toBe(`The operation "${operation}" is not supported for "${resource}"`);
			expect(server.requests()).toEqual([]);
		}
	});
});

describe('a failure that is not ThroughLine’s', () => {
	// n8n evaluates the expression per item: the second has no country and names a node that is not there.
	const fallback = { ...search, country: "={{ $json.country || $('Missing node').item.json.country }}", options: { cacheAnswersFor: 0 } };
	const mixed = [{ country: 'NZ' }, {}];

	test('an expression that does not evaluate fails its item in n8n’s words, not as a network failure', async () => {
		server.reset();
		const { outputs, error } = await runNode(credentials(), fallback, mixed, { onError: 'continueErrorOutput' });
		expect(error).toBeUndefined();
		const [success, failure] = outputs;
		expect(success.map((i) => i.json.id)).toEqual(nzFirstTwo());
		expect(failure.map(pairedItem)).toEqual([1]);
		expect(failure[0].json.error).toBe("Referenced node doesn't exist (item 1)");
		expect(failure[0].json.error).not.toMatch(/ThroughLine|network|request/i);
		expect(failure[0].json.message).toBe("This is not a ThroughLine failure: check this node's parameters and the expressions in them.");
		// Only the first item's search reached the server.
		expect(server.requests().filter((r) => r.url.startsWith('/v1/helplines?'))).toHaveLength(1);
	});

	test('without Continue, the run stops with that error, naming the item', async () => {
		const { error } = await runNode(credentials(), fallback, mixed);
		expect(error?.message).toBe("Referenced node doesn't exist (item 1)");
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});
});

describe('Options > Timeout is in seconds', () => {
	test('an answer that takes 1.5 s arrives within a Timeout of 3 s, on the first try', async () => {
		server.setFault('GET /v1/helplines', { latencyMs: 1500 });
		try {
			const { items, error } = await runNode(credentials(), { ...search, options: { timeout: 3, cacheAnswersFor: 0 } }, [
				{ country: 'NZ' },
			]);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(nzFirstTwo());
			// One search: no attempt was cut off and retried.
			expect(server.requests().filter((r) => r.url.startsWith('/v1/helplines?'))).toHaveLength(1);
		} finally {
			server.clearFaults();
		}
	});
});

test('an error item without a hint holds only the reason: no empty "message" for n8n to show', () => {
	const node = {
		name: 'ThroughLine',
		type: 'n8n-nodes-throughline.throughLine',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	} as unknown as INode;
	const item = errorItem(new NodeOperationError(node, 'Something failed (item 3)'), 3);
	expect(item).toStrictEqual({ json: { error: 'Something failed (item 3)' }, pairedItem: { item: 3 } });
});
