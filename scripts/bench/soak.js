#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `npm run bench:soak`: one n8n main, many executions of a published chatbot workflow with the
 * answer cache on (default lifetimes), mixed queries; the main process's RSS (/proc/<pid>/status
 * VmRSS, after a garbage collection) after warm-up and at the end, and the node's module-level
 * structures read through n8n's inspector (inspect.js) at the same moments.
 *
 *   node scripts/bench/soak.js [--executions=20000] [--concurrency=4] [--warm-up=1000] [--sample-every=2000] [--max-minutes=M] [--out=FILE]
 *
 * Queries: 80 % from the chatbot's 120 (40 countries × 3 topics, Zipf), 20 % from every country
 * with a numbered helpline × 3 topics × limit 1–5 (more distinct questions than the cache holds,
 * so its bounds are reached). --max-minutes stops early and reports the rate reached.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('../../sandbox');
const { createRng } = require('../../sandbox/prng');
const setup = require('./setup');
const { publishChatbot, converse } = require('./chatbot');
const { drawConversations } = require('./conversations');
const { chooseQueries, SCALE } = require('./scenarios');
const inspect = require('./inspect');
const soakReport = require('./soakReport');
const { cliArgs, writeResults, reportFailure, cleanUp } = require('./args');

const { number: option, text } = cliArgs(process.argv.slice(2));
const EXECUTIONS = option('executions', 20_000);
const CONCURRENCY = option('concurrency', 4);
const MAX_MS = option('max-minutes', Infinity) * 60_000;
const WARM_UP = option('warm-up', Math.min(1000, Math.floor(EXECUTIONS / 10)));
const OUT = text('out') ?? path.join(setup.ROOT, 'docs', 'bench', 'soak.json');
const log = (/** @type {string} */ l) => console.log(`[soak] ${l}`);

const vmRssMiB = (/** @type {number} */ pid) => {
	const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
	return Math.round((kb / 1024) * 10) / 10;
};

/** @param {any} server @param {number} count */
function mixedQueries(server, count) {
	const popular = drawConversations(chooseQueries(server), count, { seed: 20 });
	const all = chooseQueries(server, Infinity).map((/** @type {any} */ q) => ({ country: q.country, topic: q.topic }));
	const rng = createRng(21);
	return popular.map((/** @type {any} */ q) =>
		rng.next() < 0.8 ? { country: q.country, topic: q.topic, limit: 3 } : { ...rng.pick(all), limit: 1 + rng.int(5) },
	);
}

async function main() {
	const started = new Date();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-soak-'));
	/** @type {any} */ let n8n;
	/** @type {any} */ let server;
	/** @type {any} */ let inspector;
	try {
		const tarball = setup.packPackage(workDir);
		server = await startServer({ data: { scale: SCALE }, perSecondLimit: 30, dailyLimit: 0 });
		server.setFault('*', { latencyMs: 20 });
		// Successful executions are not stored: the soak measures the node in n8n, not n8n's database.
		const env = { NODE_OPTIONS: '--inspect=127.0.0.1:0', EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none' };
		await setup.startN8n({ workDir, tarball, log, env, onInstance: (instance) => (n8n = instance) });
		const url = inspect.inspectorUrl(n8n.logs());
		if (!url) throw new Error('n8n printed no inspector address');
		inspector = await inspect.connect(n8n.runtime, url);
		const pid = n8n.server.child.pid;
		const queries = mixedQueries(server, EXECUTIONS);
		const bot = await publishChatbot(n8n, 'ours', server, {
			cacheMinutes: 60,
			tag: `soak-${Date.now().toString(36)}`,
			limitFromBody: true,
		});

		/** @type {any[]} */ const samples = [];
		const sample = async (/** @type {string} */ at, /** @type {number} */ done) => {
			const s = await inspector.structures();
			samples.push({
				at,
				executions: done,
				seconds: Math.round((Date.now() - t0) / 1000),
				vmRssMiB: vmRssMiB(pid),
				load1: Math.round(os.loadavg()[0] * 100) / 100,
				...s,
			});
			log(`${at}: ${done} executions, VmRSS ${samples.at(-1).vmRssMiB} MiB, ${JSON.stringify(s)}`);
		};
		const t0 = Date.now();
		await sample('start', 0);
		let next = 0;
		let failed = 0;
		/** @type {any[]} */ const failures = [];
		let warmedAt = 0;
		const every = option('sample-every', Math.max(1, Math.floor(EXECUTIONS / 10)));
		let nextSample = WARM_UP;
		const worker = async () => {
			while (next < queries.length && Date.now() - t0 < MAX_MS) {
				const i = next++;
				const r = await converse(n8n, bot, queries[i]);
				if (r.status !== 200 || r.number === null) {
					failed++;
					if (failures.length < 20)
						failures.push({
							execution: i,
							query: queries[i],
							status: r.status,
							seconds: Math.round((Date.now() - t0) / 1000),
							problem: r.problem,
						});
				}
			}
		};
		const workers = Array.from({ length: CONCURRENCY }, worker);
		while (next < queries.length && Date.now() - t0 < MAX_MS) {
			if (next >= nextSample) {
				const at = nextSample === WARM_UP ? 'after warm-up' : `${nextSample}`;
				if (!warmedAt) warmedAt = Date.now();
				nextSample += every;
				await sample(at, next);
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		await Promise.all(workers);
		await sample('end', next);
		const stats = server.stats();
		const warm = samples.find((s) => s.at === 'after warm-up');
		const end = samples.at(-1);
		const seconds = (Date.now() - t0) / 1000;
		const output = {
			scenario: 'soak',
			started: started.toISOString(),
			machine: { ...setup.machine(n8n.runtime), loadDuringRun: samples.map((s) => s.load1) },
			settings: {
				executionsAsked: EXECUTIONS,
				concurrency: CONCURRENCY,
				warmUp: WARM_UP,
				maxMinutes: Number.isFinite(MAX_MS) ? MAX_MS / 60_000 : null,
				cacheMinutes: 60,
				latencyMs: 20,
				saveOnSuccess: 'none',
			},
			distinctMixed: new Set(queries.map((q) => JSON.stringify(q))).size,
			executions: next,
			failed,
			failures,
			seconds: Math.round(seconds),
			perSecond: Math.round((next / seconds) * 10) / 10,
			calls: stats.total - stats.tokenRequests,
			tokenRequests: stats.tokenRequests,
			rateLimited: stats.rateLimited,
			rssGrowthPercent: warm ? Math.round(((end.vmRssMiB - warm.vmRssMiB) / warm.vmRssMiB) * 1000) / 10 : null,
			heapGrowthPercent: warm ? Math.round(((end.heapUsedMiB - warm.heapUsedMiB) / warm.heapUsedMiB) * 1000) / 10 : null,
			samples,
		};
		writeResults(OUT, output, soakReport.markdown(output));
		log(
			`wrote ${path.relative(process.cwd(), OUT)}: ${next} executions in ${output.seconds} s (${output.perSecond}/s), ${failed} without a number, RSS ${warm?.vmRssMiB} → ${end.vmRssMiB} MiB (${output.rssGrowthPercent} %)`,
		);
		if (failed || (output.rssGrowthPercent ?? Infinity) > 5) process.exitCode = 1;
	} catch (error) {
		reportFailure(error, n8n);
	} finally {
		await cleanUp({ workDir, n8n, servers: [server], inspector });
	}
}

main();
