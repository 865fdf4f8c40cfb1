/**
 * The ThroughLine Trigger inside a real n8n: an active workflow polls once when n8n activates it
 * (at start), emits every helpline as added on its first poll, and after the server's data changed
 * and n8n restarted, emits exactly the added, changed and removed helplines. A last HTTP Request
 * node posts each event to the local server's /__admin/sink, where the test reads them.
 * A trigger scheduled every minute (1,440 polls a day) is refused at activation. An outage of
 * ThroughLine while n8n starts leaves the workflow active, and the change made meanwhile arrives
 * once, after the outage.
 */
import { OWNER } from '../../scripts/demo/examples';
import * as demo from '../../scripts/demo/examples';
import type { Helpline, SandboxServer } from '../../sandbox';
import { startServer } from '../../sandbox';
import { n8nRuntime, n8nVersions, tarball } from './support';

const WATCHED = ['NZ', 'IE'];
const WORKFLOW_ID = 'tlTriggerE2e0001';
const GREEDY_ID = 'tlTriggerGreedy1';

const credentials = { throughLineApi: { id: demo.CREDENTIAL.id, name: demo.CREDENTIAL.name } };

/** Trigger -> HTTP Request posting each event to the sink. */
function triggerWorkflow(server: SandboxServer, pollTimes: unknown, id: string, name: string) {
	return {
		id,
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'ThroughLine Trigger',
				type: 'n8n-nodes-throughline.throughLineTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes, countries: WATCHED, onFirstPoll: 'emitAll', options: {} },
				credentials,
			},
			{
				id: `${id}-sink`,
				name: 'Send to sink',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'POST',
					url: `${server.url}/__admin/sink`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: { 'ThroughLine Trigger': { main: [[{ node: 'Send to sink', type: 'main', index: 0 }]] } },
	};
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 90_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

/**
 * Whether n8n holds the workflow published: its record, its activation error if any, and on 2.x
 * the publication status (a failing activation stays "in_progress" with no live version while n8n
 * retries it, then "failed"; only "published" triggers are started again at the next start-up).
 */
async function publication(n8n: any, id: string) {
	const workflow = await n8n.request('GET', `/rest/workflows/${id}`);
	const error = await n8n.request('GET', `/rest/active-workflows/error/${id}`);
	const activeIds = await n8n.request('GET', '/rest/active-workflows');
	const status = await n8n.request('GET', `/rest/workflows/${id}/publication-status`);
	const published = status.status === 200 ? status.json.data : undefined;
	return {
		active: workflow.json.data.active as boolean,
		activeVersionId: workflow.json.data.activeVersionId as string | null | undefined,
		polling: (activeIds.json.data as string[]).includes(id),
		activationError: error.json?.data ?? null,
		// 1.x has no publication status: there, the record and the activation error tell.
		published: published ? published.status === 'published' && published.liveVersionId === workflow.json.data.activeVersionId : true,
	};
}

type SinkEvent = { event: string; countryCode: string; helpline: Helpline; changes?: Array<{ field: string; old: unknown; new: unknown }> };

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;
	let server: SandboxServer;

	/** Start n8n (activating the workflows), sign in, and wait until `count` events reached the sink. */
	async function startAndCollect(count: number) {
		server.reset();
		await n8n.start();
		await n8n.signIn(OWNER);
		const events = await waitFor(`${count} events in the sink`, () => server.sink().length >= count && server.sink());
		await new Promise((r) => setTimeout(r, 1500)); // nothing more arrives
		expect(server.sink()).toHaveLength(count);
		return events as SinkEvent[];
	}

	/** This workflow's executions, as n8n's REST API lists them for the editor. */
	async function executions(): Promise<Array<{ id: string; mode: string; status: string }>> {
		return (await n8n.executions(WORKFLOW_ID)).results;
	}

	beforeAll(async () => {
		server = await startServer({ port: 0 });
		const runtime = await n8nRuntime.ensureN8n({ version });
		n8n = new n8nRuntime.N8nInstance({ runtime });
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
		await n8n.importCredentials([demo.localCredential(server)]);
		// Every hour, at a minute that does not come round while the test runs: only activation polls.
		const minute = (new Date().getMinutes() + 30) % 60;
		await n8n.importWorkflows([
			triggerWorkflow(server, { item: [{ mode: 'everyHour', minute }] }, WORKFLOW_ID, 'ThroughLine Trigger e2e'),
			triggerWorkflow(server, { item: [{ mode: 'everyMinute' }] }, GREEDY_ID, 'ThroughLine Trigger every minute'),
		]);
		await n8n.activateWorkflow(WORKFLOW_ID);
		await n8n.activateWorkflow(GREEDY_ID);
	});
	afterAll(async () => {
		await n8n?.dispose();
		await server?.close();
	});

	test('activation polls once and the first poll emits every watched helpline as added', async () => {
		const events = await startAndCollect(
			WATCHED.reduce((n, cc) => n + server.data.helplines().filter((h) => h.country.code === cc).length, 0),
		);
		const expected = WATCHED.flatMap((cc) =>
			server.data
				.helplines()
				.filter((h) => h.country.code === cc)
				.map((helpline) => ({ event: 'added', countryCode: cc, helpline })),
		);
		expect(events).toEqual(expected); // every field of every helpline, in ThroughLine's order

		// One search per watched country, for this workflow only: the every-minute one was refused.
		const searches = server.requests().filter((r) => r.url.startsWith('/v1/helplines?'));
		expect(searches.map((r) => new URLSearchParams(r.url.split('?')[1]).get('country_code')).sort()).toEqual([...WATCHED].sort());
		await waitFor('the every-minute trigger to be refused', () =>
			/would make 2,880 calls a day to ThroughLine, over its limit of 1,000/.test(n8n.logs()),
		);

		const runs = await executions();
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({ mode: 'trigger', status: 'success' });
		await n8n.stop();
	});

	test('after the data changed, the poll at the next activation emits the added, changed and removed helplines', async () => {
		const nz = server.data.helplines().filter((h) => h.country.code === 'NZ');
		const ie = server.data.helplines().filter((h) => h.country.code === 'IE');
		const added = server.data.addHelpline({
			country: 'NZ',
			name: 'Harbour Night Line',
			phoneNumber: '0800 555 0199',
			topics: ['Loneliness'],
		});
		const before = nz[3];
		const changed = server.data.updateHelpline(before.id, { phoneNumber: '0800 555 0123' });
		const removed = ie[2];
		server.data.removeHelpline(removed.id);

		const events = await startAndCollect(3);
		const byKind = Object.fromEntries(events.map((e) => [e.event, e]));
		expect(Object.keys(byKind).sort()).toEqual(['added', 'changed', 'removed']);
		expect(byKind.added).toEqual({ event: 'added', countryCode: 'NZ', helpline: added });
		expect(byKind.changed).toEqual({
			event: 'changed',
			countryCode: 'NZ',
			helpline: changed,
			changes: [{ field: 'phoneNumber', old: before.phoneNumber ?? null, new: '0800 555 0123' }],
		});
		// A removal carries what the trigger keeps of a helpline: its ID, name and numbers.
		const lastKnown = Object.fromEntries(
			Object.entries(removed).filter(([key]) => ['id', 'name', 'phoneNumber', 'smsNumber'].includes(key)),
		);
		expect(byKind.removed).toEqual({ event: 'removed', countryCode: 'IE', helpline: lastKnown });
		// Confirmed by one lookup by ID (answered 404) before it was reported.
		expect(
			server
				.requests()
				.filter((r) => r.url.startsWith('/v1/helplines/'))
				.map((r) => r.url),
		).toEqual([`/v1/helplines/${removed.id}`]);

		const runs = await executions();
		expect(runs).toHaveLength(2);
		expect(runs.every((r) => r.mode === 'trigger' && r.status === 'success')).toBe(true);
		await n8n.stop();
	});

	test('an outage while n8n starts leaves the workflow active, and the change made meanwhile arrives once', async () => {
		await n8n.stop(); // in case an earlier test failed before it stopped n8n
		// ThroughLine fails every helpline search while n8n starts and runs the activation poll.
		server.reset();
		server.setFault('GET /v1/helplines', { status: 500 });
		await n8n.start();
		await n8n.signIn(OWNER);
		const searches = () => server.requests().filter((r) => r.url.startsWith('/v1/helplines?')).length;
		await waitFor('the activation poll', () => searches() >= WATCHED.length);
		// n8n retries a failed activation a few times within ~15 s, then unpublishes the workflow:
		// give it that long to (not) happen.
		await new Promise((r) => setTimeout(r, 20_000));
		const afterActivation = searches();
		expect(await publication(n8n, WORKFLOW_ID)).toEqual({
			active: true,
			activeVersionId: expect.any(String),
			polling: true,
			activationError: null,
			published: true,
		});
		// Loud all the same: one item per failed list reached the workflow, and n8n logged a warning.
		const failed = server.sink() as Array<Record<string, unknown>>;
		expect(failed.map((e) => `${e.event} ${e.countryCode}`).sort()).toEqual(WATCHED.map((cc) => `failed ${cc}`).sort());
		expect(String(failed[0].message)).toMatch(/^Could not check the helplines of (NZ|IE): ThroughLine's API failed \(HTTP 500\)/);
		expect(n8n.logs()).toMatch(/The workflow stays active and tries again at the next poll/);
		await new Promise((r) => setTimeout(r, 2000));
		expect(searches()).toBe(afterActivation);

		// ThroughLine recovers; a helpline changes meanwhile; n8n restarts (its activation poll is the next poll).
		await n8n.stop();
		server.clearFaults();
		const before = server.data.helplines().filter((h) => h.country.code === 'IE')[1];
		const changed = server.data.updateHelpline(before.id, { phoneNumber: '1800 555 010' });
		const events = await startAndCollect(1);
		expect(events).toEqual([
			{
				event: 'changed',
				countryCode: 'IE',
				helpline: changed,
				changes: [{ field: 'phoneNumber', old: before.phoneNumber ?? null, new: '1800 555 010' }],
			},
		]);
		expect(await publication(n8n, WORKFLOW_ID)).toMatchObject({ active: true, polling: true, activationError: null, published: true });
		await n8n.stop();
	});
});
