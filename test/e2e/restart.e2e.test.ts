/**
 * Last known good across an n8n restart, in a real n8n per version: a published webhook workflow
 * (Webhook → ThroughLine Search, priority only, simplified → Respond to Webhook) answers once with
 * ThroughLine up; n8n stops; ThroughLine then answers 503 to every search and n8n starts again with
 * an empty process cache. The person still gets the priority numbers, marked stale, because the
 * node kept them in the workflow's static data, which n8n saves after a production execution.
 */
import * as demo from '../../scripts/demo/examples';
import { OWNER, activateWorkflow, signIn } from '../../scripts/demo/n8n';
import type { SandboxServer } from '../../sandbox';
import { startServer } from '../../sandbox';
import { SUICIDAL, simplified } from './expected';
import { n8nRuntime, n8nVersions, tarball } from './support';

const WEBHOOK_PATH = 'throughline-restart';
const WORKFLOW_ID = 'tlRestartLkg0001';

const workflow = {
	id: WORKFLOW_ID,
	name: 'ThroughLine last known good across a restart',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'c1d2e3f4-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: 'c1d2e3f4-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'GET', path: WEBHOOK_PATH, responseMode: 'responseNode', options: {} },
		},
		{
			id: 'c1d2e3f4-0000-4000-8000-000000000002',
			name: 'Priority helplines',
			type: 'n8n-nodes-throughline.throughLine',
			typeVersion: 1,
			position: [220, 0],
			// The Options as a user leaves them: an hour of cache, seven days of stale answers.
			parameters: {
				resource: 'helpline',
				operation: 'search',
				country: '={{ $json.query.country }}',
				topic: SUICIDAL,
				priorityOnly: true,
				simplify: true,
				options: {},
			},
			credentials: { throughLineApi: { id: demo.CREDENTIAL.id, name: demo.CREDENTIAL.name } },
		},
		{
			id: 'c1d2e3f4-0000-4000-8000-000000000003',
			name: 'Respond',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [440, 0],
			parameters: { respondWith: 'allIncomingItems', options: {} },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Priority helplines', type: 'main', index: 0 }]] },
		'Priority helplines': { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
	},
};

/** JSON, or the text itself (n8n 1.x answers a failed webhook execution with an empty body). */
function parsed(text: string): any {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(n8nVersions())('n8n %s: priority last known good across a restart', (version) => {
	let server: SandboxServer;
	let n8n: any;

	/** The webhook's answer; while n8n has not registered it yet (404), ask again. */
	async function call(country: string, timeoutMs = 60_000): Promise<{ status: number; body: any }> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await fetch(`${n8n.url}/webhook/${WEBHOOK_PATH}?country=${country}`);
			const text = await res.text();
			if (res.status !== 404 || Date.now() > deadline) return { status: res.status, body: parsed(text) };
			await sleep(250);
		}
	}

	/** Respond to Webhook answers before the execution ends; static data is saved at its end. */
	async function untilFinished(count: number, status = 'success', timeoutMs = 30_000) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID, status: [status] }));
		for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
			const list = await n8n.request('GET', `/rest/executions?filter=${filter}`);
			if (list.status === 200 && (list.json.data.count ?? list.json.data.results?.length) >= count) return;
		}
		throw new Error(`fewer than ${count} executions with status ${status} after ${timeoutMs} ms`);
	}

	beforeAll(async () => {
		server = await startServer({ port: 0 });
		const runtime = await n8nRuntime.ensureN8n({ version });
		n8n = new n8nRuntime.N8nInstance({ runtime });
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
		await n8n.importCredentials([demo.localCredential(server)]);
		await n8n.importWorkflows([workflow]);
		await activateWorkflow(n8n, WORKFLOW_ID);
	});

	afterAll(async () => {
		await n8n?.dispose(true);
		await server?.close();
	});

	test('ThroughLine down after the restart: the same priority numbers, marked stale', async () => {
		const pair = server.data.priority('NZ').map(simplified);
		expect(pair).toHaveLength(2);

		await n8n.start();
		await signIn(n8n, OWNER);
		const live = await call('NZ');
		expect(live).toEqual({ status: 200, body: pair });
		await untilFinished(1);
		await n8n.stop();

		server.reset();
		server.setFault('GET /v1/helplines', { status: 503 });
		await n8n.start();
		const afterRestart = await call('NZ');
		// ThroughLine was asked (a new process has no cache) and failed on every try.
		expect(server.stats().byRoute['GET /v1/helplines']).toBeGreaterThanOrEqual(1);
		expect(server.stats().byStatus['503']).toBe(server.stats().byRoute['GET /v1/helplines']);
		expect(afterRestart.status).toBe(200);
		for (const record of afterRestart.body) expect(record.answeredFrom).toEqual({ source: 'stale', ageMinutes: expect.any(Number) });
		expect(afterRestart.body.map(({ answeredFrom: _marker, ...rest }: Record<string, unknown>) => rest)).toEqual(pair);

		// Another country was never answered: its execution fails, no numbers made up (2.41.1
		// answers the webhook 500, 1.123.81 200 with an empty body).
		const never = await call('US');
		expect(Array.isArray(never.body) ? never.body : []).toEqual([]);
		await signIn(n8n, OWNER);
		await untilFinished(1, 'error');
	});
});
