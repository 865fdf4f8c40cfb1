#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench`: the ThroughLine node side by side with n8n's HTTP Request node (generic OAuth2
 * credential, Client Credentials) in one real n8n 2.41.1 started with `n8n start`, against the
 * local ThroughLine-compatible server (scale data, 50 ms latency on every route, 30 requests a
 * second, no daily quota). Executions are triggered through published Webhook workflows.
 *
 *   node scripts/bench/run.js [--quick] [--runs=N] [--rounds=N] [--no-wait] [--out=FILE]
 *   node scripts/bench/run.js --scenario chatbot-day|outage [--conversations=N] [--duration=S] [--cache-minutes=M] [--budget=N] [--seed=N] [--out=FILE]
 *
 * --quick: small inputs and one run each (for development). --no-wait: don't wait for the
 * 1-minute load average to drop below 2.0 first (it is recorded either way).
 * Writes docs/bench/latest.json and latest.md (--quick: bench-results/quick.*) and prints the table (report.js).
 * --scenario runs a chatbot scenario instead (scenarios.js): a day of --conversations (10,000;
 * outage 3,000) compressed into --duration seconds (600; outage 180), our cache lifetime scaled
 * from --cache-minutes (60) of a day and its Daily Call Budget from --budget (1,000 a day; 0 turns it
 * off); it writes docs/bench/<scenario>.json and .md.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('../../sandbox');
const setup = require('./setup');
const { runOnce } = require('./measure');
const report = require('./report');
const { cliArgs, writeResults, reportFailure, cleanUp } = require('./args');

const args = process.argv.slice(2);
const { flag, number: option, text } = cliArgs(args);
const SCENARIO = text('scenario') ?? (flag('scenario') ? args[args.indexOf('--scenario') + 1] : undefined);
const QUICK = flag('quick');
const RUNS = option('runs', QUICK ? 1 : 5);
const ROUNDS = option('rounds', QUICK ? 1 : 2);
// docs/bench/ is committed: docs/bench/README.md's table is the latest full run (a --quick run goes elsewhere).
const OUT = text('out') ?? path.join(setup.ROOT, ...(QUICK ? ['bench-results', 'quick.json'] : ['docs', 'bench', 'latest.json']));
const LATENCY_MS = 50;
const SCALE = { helplines: 20_000, countries: 200 };
const NO_WAIT = flag('no-wait');
const log = (/** @type {string} */ l) => console.log(`[bench] ${l}`);
const round2 = (/** @type {number} */ x) => Math.round(x * 100) / 100;
const quietNow = () => ({ load1: os.loadavg()[0], waitedS: 0, quiet: os.loadavg()[0] < 2 });

/**
 * The HTTP Request side is told its pace (batches of 30 a second, see workflows.js); in the jobs
 * that compare, our node is told the same (Max Requests per Second 30). Two jobs run our node as
 * it comes, with no pace set, to show what its slow start (a share it must find, for queue mode)
 * costs a process alone; they are compared with the HTTP Request runs of the job they repeat.
 */
const TOLD_PACE = 30;

/**
 * @param {string[]} countries
 * @returns {Record<string, any>}
 */
function defineJobs(countries) {
	const ten = countries.filter((_, i) => i % 20 === 0).slice(0, 10);
	const users = Array.from({ length: QUICK ? 100 : 500 }, (_, i) => ({ user: `user-${i + 1}`, country: ten[i % ten.length] }));
	const jobs = {
		fanOut: {
			key: 'fanOut',
			title: 'Fan-out',
			items: users,
			query: { limit: 20 },
			executions: 1,
			latencyMs: LATENCY_MS,
			distinct: ten.length,
		},
		fullPull: {
			key: 'fullPull',
			title: 'Full pull',
			items: countries.slice(0, QUICK ? 10 : 50).map((country) => ({ country })),
			query: { returnAll: true },
			executions: 1,
			latencyMs: LATENCY_MS,
			distinct: QUICK ? 10 : 50,
		},
		scheduled: {
			key: 'scheduled',
			title: 'Scheduled',
			items: countries.slice(100, 103).map((country) => ({ country })),
			query: { returnAll: true },
			executions: QUICK ? 5 : 30,
			latencyMs: LATENCY_MS,
			distinct: 3,
		},
		// Node overhead: 0 ms latency, three executions on one credential; the first fetches the
		// token, the others show the node's steady state. The small variant gives the fixed part.
		overhead: {
			key: 'overhead',
			title: 'Node overhead',
			items: users,
			query: { limit: 20 },
			executions: 3,
			latencyMs: 0,
			distinct: ten.length,
		},
		overheadSmall: {
			key: 'overheadSmall',
			title: 'Node overhead, 50 items',
			items: users.slice(0, 50),
			query: { limit: 20 },
			executions: 3,
			latencyMs: 0,
			distinct: ten.length,
		},
	};
	// The same schedule against an API answering in 5 ms: n8n's executions then follow each other
	// faster, as on a quicker machine (where on 2026-12-01 every HTTP Request run failed).
	const scheduledQuick = { ...jobs.scheduled, key: 'scheduledQuick', title: 'Scheduled, answers in 5 ms', latencyMs: 5 };
	/** @type {Record<string, any>} */
	const told = Object.fromEntries(
		Object.entries({ ...jobs, scheduledQuick }).map(([key, job]) => [key, { ...job, maxRequestsPerSecond: TOLD_PACE }]),
	);
	return { ...told, fullPullUnpaced: unpaced(jobs.fullPull), scheduledUnpaced: unpaced(jobs.scheduled) };
}

/** A job again with our node as it comes (no pace set), compared with the job's HTTP Request runs. */
const unpaced = (/** @type {any} */ job) => ({ ...job, key: `${job.key}Unpaced`, httpFrom: job.key, title: `${job.title}, no pace set` });

/**
 * Runs a job `count` times per side, alternating which side goes first; a run whose output fails
 * the check is kept in the results (marked) and repeated, at most twice per side.
 * @param {{n8n: any, server: any}} ctx
 * @param {any} job
 * @param {number} count
 * @param {Array<'ours'|'http'>} sides
 */
async function runJob(ctx, job, count, sides) {
	/** @type {Record<string, any[]>} */
	const runs = Object.fromEntries(sides.map((s) => [s, []]));
	const retries = Object.fromEntries(sides.map((s) => [s, 0]));
	for (let i = 0; i < count; i++) {
		const order = i % 2 === 0 ? sides : [...sides].reverse();
		for (const side of order) {
			for (;;) {
				let run;
				try {
					run = await runOnce(ctx, side, job);
				} catch (error) {
					run = { side, verified: false, problems: [String(error instanceof Error ? error.message : error).slice(0, 300)] };
				}
				runs[side].push(run);
				const brief =
					run.wallMs === undefined
						? ''
						: `${run.wallMs} ms, ${run.requests} requests (${run.tokenRequests} token, ${run.rateLimited} × 429), peak RSS ${run.memory?.peakMiB} MiB`;
				log(`${job.title} ${i + 1}/${count} ${side}: ${brief} ${run.verified ? 'verified' : `NOT VERIFIED: ${run.problems.join('; ')}`}`);
				if (run.verified || retries[side] >= 2) break;
				retries[side]++;
			}
		}
	}
	return runs;
}

async function main() {
	const started = new Date();
	const t0 = Date.now();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-bench-'));
	/** @type {any} */ let n8n;
	/** @type {any} */ let server;
	try {
		// The machine is shared: wait for a quiet minute before anything, and again after our own
		// build, n8n's start and the warm-up (their load fades from the 1-minute average).
		const gate = NO_WAIT ? quietNow() : await setup.waitForQuietMachine(2.0, 15 * 60_000, log);
		log('building and packing the package from the current sources');
		const tarball = setup.packPackage(workDir);
		server = await startServer({ data: { scale: SCALE }, perSecondLimit: 30, dailyLimit: 0 });
		await setup.startN8n({ workDir, tarball, log, onInstance: (instance) => (n8n = instance) });
		const ctx = { n8n, server };
		const jobs = defineJobs(server.data.countries().map((/** @type {any} */ c) => c.code));

		log('warm-up (not measured): each side once, small');
		await runJob(ctx, { ...jobs.fanOut, items: jobs.fanOut.items.slice(0, 40) }, 1, ['ours', 'http']);

		const settle = NO_WAIT ? quietNow() : await setup.waitForQuietMachine(2.0, 3 * 60_000, log);
		const loadStart = setup.loadavg();
		log(`load average at start ${JSON.stringify(loadStart)}`);
		const measuredFrom = Date.now();
		const results = {
			fanOut: await runJob(ctx, jobs.fanOut, RUNS, ['ours', 'http']),
			fullPull: await runJob(ctx, jobs.fullPull, RUNS, ['ours', 'http']),
			scheduled: await runJob(ctx, jobs.scheduled, ROUNDS, ['ours', 'http']),
			fullPullUnpaced: await runJob(ctx, jobs.fullPullUnpaced, RUNS, ['ours']),
			scheduledUnpaced: await runJob(ctx, jobs.scheduledUnpaced, ROUNDS, ['ours']),
			scheduledQuick: await runJob(ctx, jobs.scheduledQuick, ROUNDS, ['ours', 'http']),
			overhead: await runJob(ctx, jobs.overhead, RUNS, ['ours']),
			overheadSmall: await runJob(ctx, jobs.overheadSmall, RUNS, ['ours']),
		};
		const loadEnd = setup.loadavg();
		const output = report.build({
			started: started.toISOString(),
			benchSeconds: Math.round((Date.now() - t0) / 1000),
			measuredSeconds: Math.round((Date.now() - measuredFrom) / 1000),
			machine: {
				...setup.machine(n8n.runtime),
				loadStart,
				loadEnd,
				waitedForLoadS: gate.waitedS + settle.waitedS,
				loadBeforeStartUp: round2(gate.load1),
				loadBelow2AtStart: settle.quiet,
			},
			settings: {
				quick: QUICK,
				runs: RUNS,
				rounds: ROUNDS,
				latencyMs: LATENCY_MS,
				perSecondLimit: 30,
				dailyLimit: 'disabled',
				scale: SCALE,
			},
			jobs,
			results,
		});
		writeResults(OUT, output, report.table(output));
		console.log('\n' + report.table(output));
		log(`wrote ${path.relative(process.cwd(), OUT)}; ${output.benchSeconds} s in all`);
		if (!output.oursVerified) process.exitCode = 1;
	} catch (error) {
		reportFailure(error, n8n);
	} finally {
		await cleanUp({ workDir, n8n, servers: [server] });
	}
}

if (SCENARIO === undefined) main();
else if (SCENARIO === 'chatbot-day' || SCENARIO === 'outage') {
	const outage = SCENARIO === 'outage';
	require('./scenarios').runScenario(SCENARIO, {
		conversations: option('conversations', outage ? 3000 : 10_000),
		durationS: option('duration', outage ? 180 : 600),
		realCacheMinutes: option('cache-minutes', 60),
		realBudget: option('budget', 1000),
		seed: option('seed', 17),
		out: text('out') ?? path.join(setup.ROOT, 'docs', 'bench', `${SCENARIO}.json`),
		log,
	});
} else {
	console.error(`unknown scenario ${SCENARIO}: use chatbot-day or outage (the soak has its own script: npm run bench:soak)`);
	process.exitCode = 2;
}
