/**
 * Last known good across an n8n restart, in a real n8n per version: a published webhook workflow
 * (Webhook → ThroughLine Search, priority only, simplified → Respond to Webhook) answers once with
 * ThroughLine up; n8n stops; ThroughLine then answers 503 to every search and n8n starts again with
 * an empty process cache. The person still gets the priority numbers, marked stale, because the
 * node kept them in the workflow's static data, which n8n saves after a production execution.
 */
import * as demo from '../../scripts/demo/examples';
import type { SandboxServer } from '../../sandbox';
import { startServer } from '../../sandbox';
import { SUICIDAL, simplified } from './expected';
import { n8nRuntime, n8nVersions, tarball } from './support';
import { fetchWebhook } from './support/webhook';
import { webhookSearchWorkflow } from './support/workflows';

const WEBHOOK_PATH = 'throughline-restart';
const WORKFLOW_ID = 'tlRestartLkg0001';

const workflow = webhookSearchWorkflow({
	id: WORKFLOW_ID,
	name: 'ThroughLine last known good across a restart',
	path: WEBHOOK_PATH,
	idPrefix: 'c1d2e3f4',
	searchName: 'Priority helplines',
	// The Options as a user leaves them: an hour of cache, seven days of stale answers.
	search: { country: '={{ $json.query.country }}', topic: SUICIDAL, priorityOnly: true, simplify: true, options: {} },
});

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

	/** The webhook's answer (asked again while n8n has not registered it yet). */
	async function call(country: string): Promise<{ status: number; body: any }> {
		const res = await fetchWebhook(`${n8n.url}/webhook/${WEBHOOK_PATH}?country=${country}`);
		return { status: res.status, body: parsed(await res.text()) };
	}

	/** Respond to Webhook answers before the execution ends; static data is saved at its end. */
	async function untilFinished(count: number, status = 'success', timeoutMs = 30_000) {
		for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
			if ((await n8n.executions(WORKFLOW_ID, { status: [status] })).count >= count) return;
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
		await n8n.activateWorkflow(WORKFLOW_ID);
	});

	afterAll(async () => {
		await n8n?.dispose(true);
		await server?.close();
	});

	test('ThroughLine down after the restart: the same priority numbers, marked stale', async () => {
		const pair = server.data.priority('NZ').map(simplified);
		expect(pair).toHaveLength(2);

		await n8n.start();
		await n8n.signIn(demo.OWNER);
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
		await n8n.signIn(demo.OWNER);
		await untilFinished(1, 'error');
	});
});
