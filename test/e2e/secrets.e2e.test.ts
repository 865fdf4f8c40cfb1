/**
 * Under injected faults (20 % 5xx answers to searches, an expired token), the crisis-line example
 * still returns complete data inside a real n8n, from the CLI and from its published webhook; and
 * the client secret appears nowhere n8n keeps things: not in the executions (CLI output, REST API),
 * not in the sqlite database file, not in n8n's output at debug level. Issue 7 asks for the faulted
 * real-n8n run.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import * as demo from '../../scripts/demo/examples';
import { OWNER } from '../../scripts/demo/examples';
import type { SandboxServer } from '../../sandbox';
import { startServer } from '../../sandbox';
import { expectedCrisisLines } from './expected';
import { n8nRuntime, n8nVersions, tarball } from './support';
import { fetchWebhook } from './support/webhook';

const COUNTRIES = ['US', 'NZ']; // the example's own list
const crisis = demo.EXAMPLES.crisisLineLookup;

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;
	let server: SandboxServer;
	const secret = `tl-e2e-secret-${crypto.randomBytes(12).toString('hex')}`;
	const cliOutputs: string[] = [];

	const fiveHundreds = () =>
		Object.entries(server.stats().byStatus)
			.filter(([status]) => status.startsWith('5'))
			.reduce((n, [, count]) => n + count, 0);
	const injectFaults = () => server.setFault('GET /v1/helplines', { errorRate: 0.2 });

	/**
	 * `n8n execute` at debug level, where the execution JSON comes with log prefixes (N8nInstance's
	 * execute() reads the info-level layout): strip the prefix of its first and last line.
	 */
	async function executeAtDebugLevel(id: string) {
		const env = { N8N_RUNNERS_BROKER_PORT: String(await n8nRuntime.freePort()) };
		const r = await n8n.cli(['execute', `--id=${id}`], { allowFail: true, timeoutMs: 300_000, env });
		const text = String(r.stdout)
			.replace(/^\S+ \| info\s*\| (?=\{$)/m, '')
			.replace(/^\} \{"file":"base-command\.js","function":"log"\}$/m, '}');
		const result = n8nRuntime.parseExecuteOutput(text);
		if (!result) throw new Error(`n8n execute printed no execution JSON (exit ${r.code ?? r.signal})\n${text.slice(-3000)}`);
		return { result, stdout: String(r.stdout), stderr: String(r.stderr) };
	}

	beforeAll(async () => {
		// A seed whose fault sequence is spread out (about one call in five fails, never two in a row):
		// each call then succeeds within its retries, so the run is reproducible.
		server = await startServer({ port: 0, clientSecret: secret, seed: 7 });
		const runtime = await n8nRuntime.ensureN8n({ version });
		n8n = new n8nRuntime.N8nInstance({ runtime, logLevel: 'debug' });
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
		await n8n.importCredentials([demo.localCredential(server)]);
		await n8n.importWorkflows(demo.loadExamples({ only: ['crisisLineLookup'] }));
		await n8n.activateWorkflow(crisis.id); // its webhook answers once n8n starts
	});
	afterAll(async () => {
		await n8n?.dispose();
		await server?.close();
	});

	test('n8n execute under 20 % 5xx answers returns every helpline', async () => {
		server.reset();
		injectFaults();
		const exec = await executeAtDebugLevel(crisis.id);
		cliOutputs.push(exec.stdout, exec.stderr);
		expect(demo.executionError(exec.result)).toBeUndefined();
		expect(exec.result.status).toBe('success');
		expect(demo.nodeOutput(exec.result, crisis.outputNode)).toEqual(expectedCrisisLines(server, COUNTRIES));
		expect(fiveHundreds()).toBeGreaterThan(0); // the faults did hit
		expect(server.stats().tokenRequests).toBe(1);
	});

	test('the published webhook, after the token expired and still under faults, answers complete lists; one refresh', async () => {
		server.reset();
		server.expireTokens();
		injectFaults();
		await n8n.start();
		await n8n.signIn(OWNER);
		for (const cc of ['us', 'NZ', 'GB']) {
			// Asked again while n8n has not registered the published webhook (a 404 runs nothing).
			const res = await fetchWebhook(`${n8n.url}/webhook/${crisis.webhookPath}?country=${cc}`, {
				timeoutMs: 30_000,
				requestTimeoutMs: 120_000,
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(expectedCrisisLines(server, [cc.toUpperCase()]));
		}
		const stats = server.stats();
		expect(fiveHundreds()).toBeGreaterThan(0);
		expect(stats.tokenRequests).toBe(1);
	});

	test('the secret is in no execution: not in what n8n execute printed, not in what the REST API serves', async () => {
		expect(cliOutputs.join('\n')).toContain('National Crisis Line'); // the output was there to search
		expect(cliOutputs.join('\n')).not.toContain(secret);

		const list = await n8n.executions(crisis.id);
		expect(list.text).not.toContain(secret);
		const runs: Array<{ id: string; status: string }> = list.results;
		expect(runs).toHaveLength(4); // one from the CLI, three from the webhook
		for (const run of runs) {
			expect(run.status).toBe('success');
			const one = await n8n.execution(run.id);
			expect(one.text).toMatch(/Crisis|Helpline|Line/); // execution data, with the helplines in it
			expect(one.text).not.toContain(secret);
		}
		await n8n.stop();
	});

	test('nor in the sqlite database files, nor in n8n output at debug level; it travelled only in token request bodies', async () => {
		await n8n.stop();
		const dbDir = path.join(n8n.userFolder, '.n8n');
		const dbFiles = fs.readdirSync(dbDir).filter((f) => f.startsWith('database.sqlite'));
		expect(dbFiles).toContain('database.sqlite');
		const bytes = Buffer.concat(dbFiles.map((file) => fs.readFileSync(path.join(dbDir, file))));
		expect(bytes.includes(Buffer.from(secret))).toBe(false);
		expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
		// What was searched holds the credential (encrypted) and the executions' helplines.
		expect(bytes.includes(Buffer.from(demo.CREDENTIAL.name))).toBe(true);
		expect(bytes.includes(Buffer.from('Aotearoa Crisis Support'))).toBe(true);

		const logs: string = n8n.logs();
		expect(logs).toMatch(/\| debug \|/); // really at debug level
		expect(logs).not.toContain(secret);
		expect(logs).not.toContain(encodeURIComponent(secret));

		// The local server saw the secret only where it belongs (the requests after the last reset).
		for (const r of server.requests()) {
			expect(r.url).not.toContain(secret);
			expect(JSON.stringify(r.headers)).not.toContain(secret);
			if (r.url !== '/oauth/token') expect(r.body).not.toContain(secret);
		}
		expect(
			server
				.requests()
				.filter((r) => r.body.includes(secret))
				.map((r) => r.url),
		).toEqual(['/oauth/token']);
	});
});
