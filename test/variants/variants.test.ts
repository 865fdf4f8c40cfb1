/**
 * The node against every plausible ThroughLine: each variant of the local server changes one
 * behaviour the public API facts leave open (sandbox/behaviour.js), and the node must stay
 * correct in all of them: complete data or a loud failure, never a silent gap. Expectations come
 * from the server's data and the API facts (shared/throughline-api.md), never from the node.
 * `npm run test:variants`.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createCredentials, localCredential, runNode, shortenRetryWaits, shutdownN8nCore } from '../harness/runNode';
import type { NodeRun } from '../harness/runNode';
import { PollingWorkflow } from '../harness/runPoll';
import type { Behaviour, SandboxServer } from '../../sandbox';
import { DEFAULT_BEHAVIOUR, startServer, VARIANTS } from '../../sandbox';

let restoreWaits: () => void;
beforeAll(() => (restoreWaits = shortenRetryWaits()));
afterAll(() => {
	restoreWaits();
	shutdownN8nCore();
});

const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id);
const hints = (run: NodeRun) => run.run.data.resultData.runData.ThroughLine?.[0]?.hints ?? [];

/** "Complete or loud": every helpline in ThroughLine's order, or an error, or a warning n8n shows. */
function completeOrLoud(run: NodeRun, truth: string[]) {
	if (run.error || hints(run).length > 0) return 'loud';
	return JSON.stringify(ids(run.items)) === JSON.stringify(truth) ? 'complete' : `silently ${run.items.length} of ${truth.length}`;
}

describe.each(Object.keys(VARIANTS))('ThroughLine variant "%s"', (variant) => {
	// The whole behaviour, so a THROUGHLINE_SANDBOX_VARIANT in the environment cannot blur the variant.
	const behaviour: Behaviour = { ...DEFAULT_BEHAVIOUR, ...VARIANTS[variant] };
	let demo: SandboxServer;
	let big: SandboxServer;
	/** The one country of `big`: more helplines than one call of this variant can return. */
	let code: string;
	const truth = (server: SandboxServer, country: string) =>
		server.data
			.helplines()
			.filter((h) => h.country.code === country)
			.map((h) => h.id);

	beforeAll(async () => {
		demo = await startServer({ port: 0, dailyLimit: 0, perSecondLimit: 0, behaviour });
		const helplines = Math.max(150, Math.ceil(behaviour.maxLimit * 1.5));
		big = await startServer({ port: 0, dailyLimit: 0, perSecondLimit: 0, behaviour, data: { scale: { helplines, countries: 1 } } });
		code = big.data.countries()[0].code;
	});
	afterAll(async () => {
		await demo?.close();
		await big?.close();
	});
	beforeEach(() => {
		demo.reset();
		big.reset();
	});

	describe('Search', () => {
		test('Return All on a country larger than one call gives every helpline, or fails / warns loudly', async () => {
			const all = truth(big, code);
			expect(all.length).toBeGreaterThan(behaviour.maxLimit);
			const run = await runNode(createCredentials(localCredential(big)), {
				resource: 'helpline',
				operation: 'search',
				country: code,
				returnAll: true,
			});
			expect(completeOrLoud(run, all)).not.toMatch(/^silently/);
		});

		test("a Limit above the API's maximum gives that many helplines, or fails / warns loudly", async () => {
			const limit = behaviour.maxLimit + 10;
			const run = await runNode(createCredentials(localCredential(big)), {
				resource: 'helpline',
				operation: 'search',
				country: code,
				limit,
			});
			expect(completeOrLoud(run, truth(big, code).slice(0, limit))).not.toMatch(/^silently/);
		});

		test('a filtered search considers every helpline, or fails / warns loudly', async () => {
			const withSms = big.data
				.helplines()
				.filter((h) => h.country.code === code && h.smsNumber !== undefined)
				.map((h) => h.id);
			const run = await runNode(createCredentials(localCredential(big)), {
				resource: 'helpline',
				operation: 'search',
				country: code,
				returnAll: true,
				filters: { contactMethods: ['sms'] },
			});
			expect(completeOrLoud(run, withSms)).not.toMatch(/^silently/);
		});

		test.each([
			['a well-formed country code ThroughLine does not know', { country: 'ZZ' }],
			['a topic ThroughLine does not know', { country: 'US', topic: 'Not a topic at all' }],
		])('%s fails loudly, naming the item, never zero items and no error', async (_what, query) => {
			const parameters = { resource: 'helpline', operation: 'search', limit: 5, ...query };
			const stop = await runNode(createCredentials(localCredential(demo)), parameters);
			expect(stop.error?.message).toMatch(/item 0/);
			const keepGoing = await runNode(createCredentials(localCredential(demo)), parameters, [{}], { continueOnFail: true });
			expect(keepGoing.items).toHaveLength(1);
			expect(String(keepGoing.items[0].json.error ?? '')).toMatch(/item 0/);
		});

		test.each([
			['no Additional Query Parameters', {}],
			[
				'Additional Query Parameters that would split the pair',
				{
					additionalQuery: {
						parameter: [
							{ name: 'specialty', value: 'Youth' },
							{ name: 'contact_method', value: 'sms' },
						],
					},
				},
			],
		])('Priority Only returns the whole priority pair, with %s', async (_what, extra) => {
			const pair = demo.data.priority('US').map((h) => h.id);
			expect(pair).toHaveLength(2);
			const run = await runNode(createCredentials(localCredential(demo)), {
				resource: 'helpline',
				operation: 'search',
				country: 'US',
				topic: 'Suicidal thoughts',
				priorityOnly: true,
				...extra,
			});
			expect(run.error).toBeUndefined();
			expect(ids(run.items)).toEqual(pair);
		});
	});

	describe('Events', () => {
		const helplines = () =>
			demo.data
				.helplines()
				.slice(0, 3)
				.map((h) => ({ id: h.id }));

		test.each([
			['Report Display', { operation: 'reportDisplay' }],
			['Report Click', { operation: 'reportClick', contactMethod: 'phone' }],
		])('%s: every item counts as a success and is recorded exactly once', async (_what, operation) => {
			const input = helplines();
			const run = await runNode(
				createCredentials(localCredential(demo)),
				{
					resource: 'event',
					helplineId: '={{ $json.id }}',
					sessionId: 'session-variant',
					...operation,
				},
				input,
			);
			expect(run.error).toBeUndefined();
			expect(run.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
			expect(run.items.some((item) => item.json.error !== undefined)).toBe(false);
			expect(demo.events().map((e) => e.helpline_id)).toEqual(input.map((h) => h.id));
		});

		test('a contact method the node does not list reaches ThroughLine, which decides', async () => {
			const run = await runNode(createCredentials(localCredential(demo)), {
				resource: 'event',
				operation: 'reportClick',
				helplineId: demo.data.helplines()[0].id,
				sessionId: 'session-variant',
				contactMethod: '={{ "chat" }}',
			});
			if (behaviour.clickContactMethods === 'any') {
				expect(run.error).toBeUndefined();
				expect(demo.events().map((e) => e.contact_method)).toEqual(['chat']);
			} else {
				// ThroughLine refuses it: loud, and nothing recorded.
				expect(run.error?.message).toMatch(/item 0/);
				expect(demo.events()).toHaveLength(0);
			}
		});
	});

	describe('Trigger', () => {
		test('never reports as removed a helpline still in the directory, when the ranking moves', async () => {
			const poller = new PollingWorkflow(createCredentials(localCredential(big)), {
				pollTimes: { item: [{ mode: 'everyHour' }] },
				countries: [code],
			});
			await poller.poll(); // the baseline (an error here is loud, and the next poll is checked all the same)
			const ranked = truth(big, code);
			// ThroughLine ranks partly by availability: a helpline far down moves to the top.
			big.data.updateHelpline(ranked[Math.floor(behaviour.maxLimit * 1.2)], { rank: -1 });
			const after = await poller.poll();
			const removed = (after.items ?? [])
				.filter((item) => item.json.event === 'removed')
				.map((item) => (item.json.helpline as IDataObject).id as string);
			expect(removed.filter((id) => big.data.getHelpline(id) !== undefined)).toEqual([]);
		});

		test('watching a well-formed country code ThroughLine does not know fails loudly, never an empty baseline', async () => {
			const poller = new PollingWorkflow(createCredentials(localCredential(demo)), {
				pollTimes: { item: [{ mode: 'everyHour' }] },
				countries: ['ZZ'],
			});
			const first = await poller.poll();
			expect(first.error?.message).toMatch(/ZZ/);
			expect(poller.nodeStaticData()).toEqual({});
		});

		test('a helpline really removed from a small country is reported as removed once, or the poll fails loudly', async () => {
			const poller = new PollingWorkflow(createCredentials(localCredential(demo)), {
				pollTimes: { item: [{ mode: 'everyHour' }] },
				countries: ['NZ'],
			});
			const baseline = await poller.poll();
			const gone = demo.data.helplines().filter((h) => h.country.code === 'NZ')[3];
			demo.data.removeHelpline(gone.id);
			try {
				const first = await poller.poll();
				const second = await poller.poll();
				if (baseline.error || first.error) {
					// Loud: the poll failed and said so (and emitted nothing half-done).
					expect(first.items).toBeNull();
					expect((baseline.error ?? first.error)?.message).toBeTruthy();
				} else {
					const events = [...(first.items ?? []), ...(second.items ?? [])].map(
						(item) => `${item.json.event} ${(item.json.helpline as IDataObject).id}`,
					);
					expect(events).toEqual([`removed ${gone.id}`]);
				}
			} finally {
				demo.data.addHelpline({ ...gone, country: gone.country.code } as never);
			}
		});
	});
});
