/**
 * The poll n8n runs when it activates the workflow (at start-up or on publishing), and what the
 * trigger stores. In n8n 2.x a throw in that poll ends the workflow for good, so a passing outage
 * must not throw there, while a setting ThroughLine refuses still must.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject } from 'n8n-workflow';

import { createCredentials, localCredential, shortenRetryWaits, shutdownN8nCore } from '../../../harness/runNode';
import { PollingWorkflow } from '../../../harness/runPoll';
import type { Helpline, SandboxServer } from '../../../../sandbox';
import { startServer } from '../../../../sandbox';

const HOURLY = { item: [{ mode: 'everyHour', minute: 0 }] };
const HELPLINES = 'GET /v1/helplines';

let server: SandboxServer;
let restore: () => void;
beforeAll(async () => {
	restore = shortenRetryWaits();
	server = await startServer({ port: 0 });
});
afterAll(async () => {
	restore();
	await server.close();
	shutdownN8nCore();
});
beforeEach(() => server.reset());
afterEach(() => jest.restoreAllMocks());

const trigger = (parameters: IDataObject, staticData?: IDataObject) =>
	new PollingWorkflow(
		createCredentials(localCredential(server)),
		{ pollTimes: HOURLY, ...parameters },
		{ staticData, activationMode: 'init' },
	);
const summary = (items: Array<{ json: IDataObject }> | null) =>
	(items ?? []).map(({ json }) => `${json.event} ${json.countryCode} ${(json.helpline as IDataObject | undefined)?.name ?? '-'}`);
const ofCountry = (code: string) => server.data.helplines().filter((h) => h.country.code === code);

describe('an outage during the activation poll', () => {
	test('leaves the workflow active, says so (items and a warning in the log), and the next good poll catches up', async () => {
		const first = trigger({ countries: ['NZ', 'US'] });
		await first.poll();
		// n8n restarts during an outage: the activation poll of the new process fails.
		const restarted = trigger({ countries: ['NZ', 'US'] }, JSON.parse(JSON.stringify(first.saved)));
		const warn = jest.spyOn(Container.get(Logger), 'warn');
		server.setFault(HELPLINES, { status: 500 });
		const { items, error } = await restarted.poll();
		expect(error).toBeUndefined();
		expect(restarted.active).toBe(true);
		expect(summary(items)).toEqual(['failed NZ -', 'failed US -']);
		expect(items![0].json.message).toMatch(/^Could not check the helplines of NZ: ThroughLine's API failed \(HTTP 500\)/);
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn.mock.calls[0][0]).toMatch(
			/^ThroughLine Trigger: Could not check the helplines of (NZ|US): .*\(and 1 more watched list failed\)\. The workflow stays active and tries again at the next poll\.$/,
		);
		expect(restarted.saved).toEqual(first.saved);

		const renamed = ofCountry('US')[1];
		server.data.updateHelpline(renamed.id, { name: 'Renamed Meanwhile' });
		server.clearFaults();
		expect(summary((await restarted.poll()).items)).toEqual(['changed US Renamed Meanwhile']);
		expect(await restarted.poll()).toEqual({ items: null });
	});

	test.each([
		['a rate limit', { status: 429 }, {}],
		['a network failure', { dropRate: 1 }, {}],
		['a broken answer', { malformedJsonRate: 1 }, {}],
		// Answers after 1.5 s, against a Timeout of 1 s: every attempt times out.
		['a timeout', { latencyMs: 1500 }, { timeout: 1 }],
	])('%s is treated the same way', async (_name, fault, options) => {
		const poller = trigger({ countries: ['NZ'], options });
		server.setFault(HELPLINES, fault);
		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(poller.active).toBe(true);
		expect(summary(items)).toEqual(['failed NZ -']);
		// No baseline was recorded: the next poll is still the first.
		expect(poller.nodeStaticData()).toEqual({});
		server.clearFaults();
		expect(await poller.poll()).toEqual({ items: null });
		expect(Object.keys(poller.nodeStaticData().snapshotsV2 as IDataObject)).toEqual(['NZ']);
	});

	test('the same failure at a later, scheduled poll is an error (n8n records a failed execution)', async () => {
		const poller = trigger({ countries: ['NZ'] });
		await poller.poll();
		server.setFault(HELPLINES, { status: 500 });
		const { items, error } = await poller.poll();
		expect(items).toBeNull();
		expect(error?.message).toMatch(/^Could not check the helplines of NZ: ThroughLine's API failed \(HTTP 500\)/);
		expect(poller.active).toBe(true);
	});
});

describe('a setting ThroughLine refuses still refuses activation, with a clear sentence', () => {
	test('an unknown country, even next to a good one', async () => {
		const poller = trigger({ countries: ['US', 'ZZ'] });
		const { items, error } = await poller.poll();
		expect(items).toBeNull();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(
			'Could not check the helplines of ZZ: ThroughLine refused the request (HTTP 400): unknown country_code: ZZ',
		);
		expect(poller.active).toBe(false);
		expect(poller.saved).toEqual({});
	});

	test('a sign-in that fails', async () => {
		const poller = new PollingWorkflow(createCredentials({ ...localCredential(server), clientSecret: 'wrong', accessToken: '' }), {
			pollTimes: HOURLY,
			countries: ['NZ'],
		});
		const { error } = await poller.poll();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^Could not check the helplines of NZ: /);
		expect(poller.active).toBe(false);
	});

	test('Poll Times over the daily quota', async () => {
		const poller = trigger({ countries: ['NZ'], pollTimes: { item: [{ mode: 'everyMinute' }] } });
		expect((await poller.poll()).error?.message).toContain('over its limit of 1,000');
		expect(poller.active).toBe(false);
		expect(server.stats().total).toBe(0);
	});
});

describe('what is stored', () => {
	// Review #18: whole records made 1.1 MB of static data for the whole directory.
	test('every country of the directory (1,300 helplines, 130 countries) fits in 200 KB', async () => {
		const all = await startServer({ port: 0, data: { scale: { helplines: 1300, countries: 130 } }, dailyLimit: 0, perSecondLimit: 0 });
		try {
			const poller = new PollingWorkflow(createCredentials(localCredential(all)), {
				pollTimes: { item: [{ mode: 'everyDay', hour: 2, minute: 0 }] },
				countries: all.data.countries().map((c) => c.code),
				onFirstPoll: 'emitAll',
			});
			const { items, error } = await poller.poll();
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1300);
			const bytes = Buffer.byteLength(JSON.stringify(poller.saved));
			const raw = Buffer.byteLength(JSON.stringify(all.data.helplines()));
			console.log(`static data for 1,300 helplines in 130 countries: ${bytes} bytes (the records themselves: ${raw} bytes)`);
			expect(bytes).toBeLessThanOrEqual(200 * 1024);
		} finally {
			await all.close();
		}
	});

	test('a stored format-1 snapshot (whole records) is converted: nothing re-emitted, nothing lost', async () => {
		const v1 = (codes: string[]) =>
			Object.fromEntries(
				codes.map((code) => [code, Object.fromEntries(ofCountry(code).map((r: Helpline) => [r.id, { h: '0123456789abcdef', r }]))]),
			);
		const poller = trigger(
			{ countries: ['NZ', 'US'] },
			{ 'node:ThroughLine Trigger': { snapshotsV1: JSON.parse(JSON.stringify(v1(['NZ', 'US']))) } },
		);
		const edited = ofCountry('NZ')[2];
		server.data.updateHelpline(edited.id, { phoneNumber: '0800 765 432' });
		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(summary(items)).toEqual([`changed NZ ${edited.name}`]);
		expect(items![0].json.changes).toEqual([{ field: 'phoneNumber', old: edited.phoneNumber ?? null, new: '0800 765 432' }]);
		const saved = poller.saved['node:ThroughLine Trigger'] as IDataObject;
		expect(Object.keys(saved)).toEqual(['snapshotsV2']);
		expect(Object.keys(saved.snapshotsV2 as IDataObject)).toEqual(['NZ', 'US']);
		expect(await poller.poll()).toEqual({ items: null });
	});
});
