// @ts-check
'use strict';
/**
 * The chatbot scenarios of `npm run bench -- --scenario <name>`:
 * - chatbot-day: a day of conversations compressed into one run, the cache lifetime scaled with it;
 * - outage: the same, with ThroughLine answering 503 to everything in the middle third.
 * One n8n, two sandbox servers with the same data (one per side, so each side's calls are counted
 * apart), every conversation sent to both sides at the same moment.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('../../sandbox');
const setup = require('./setup');
const api = require('./api');
const { publishChatbot, drive, converse, LIMIT } = require('./chatbot');
const { drawConversations, scaledMinutes, scaledBudget } = require('./conversations');
const chatbotReport = require('./chatbotReport');
const { writeResults, reportFailure, cleanUp } = require('./args');

const SCALE = { helplines: 20_000, countries: 200 };
const LATENCY_MS = 50;
const PROBES = 40;

/**
 * 40 countries × the 3 topics with the most helplines, each query chosen so that ThroughLine's
 * first answer has a phone number: `expectedId` is that helpline, the check of every answer.
 * `countries` Infinity: every country that qualifies.
 * @param {any} server
 */
function chooseQueries(server, countries = 40, topics = 3) {
	const counts = new Map();
	for (const h of server.data.helplines()) for (const t of h.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
	const topTopics = [...counts]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, topics)
		.map(([t]) => t);
	const first = (/** @type {string} */ country, /** @type {string} */ topic) =>
		server.data._internal.search({ country, topic, limit: LIMIT })[0];
	const codes = server.data
		.countries()
		.map((/** @type {any} */ c) => c.code)
		.filter((/** @type {string} */ code) => topTopics.every((t) => first(code, t)?.phoneNumber))
		.slice(0, countries);
	if (Number.isFinite(countries) && codes.length < countries)
		throw new Error(`only ${codes.length} countries have a numbered helpline on each of ${topTopics.join(', ')}`);
	return codes.flatMap((/** @type {string} */ country) =>
		topTopics.map((topic) => ({ country, topic, expectedId: first(country, topic).id })),
	);
}

/** The 1-minute load average every 10 s while `run` works: what the figures were measured under. */
async function withLoadSamples(/** @type {() => Promise<any>} */ run) {
	const samples = [os.loadavg()[0]];
	const timer = setInterval(() => samples.push(os.loadavg()[0]), 10_000);
	try {
		return { result: await run(), load: samples };
	} finally {
		clearInterval(timer);
	}
}

/**
 * The ThroughLine node's executionTime in the newest executions of our workflow, split by whether
 * the node's hint says the item came from the cache (n8n keeps hints in the run data).
 * @param {any} n8n @param {string} workflowId
 */
async function nodeTimes(n8n, workflowId, limit = 100) {
	const page = await n8n.executions(workflowId, { limit });
	/** @type {{cached: number[], live: number[], stale: number[], webhook: number[]}} */
	const times = { cached: [], live: [], stale: [], webhook: [] };
	for (const summary of page.results) {
		const runData = /** @type {any} */ (await api.readExecution(n8n, summary.id)).runData;
		const run = runData.ThroughLine?.[0];
		if (!run) continue;
		// Beside it, a node of the same executions that does next to nothing (the Webhook).
		times.webhook.push(runData.Webhook?.[0]?.executionTime);
		const hints = /** @type {string[]} */ ((run.hints ?? []).map((/** @type {any} */ h) => String(h.message)));
		const kind = hints.some((h) => h.includes('last answer known'))
			? 'stale'
			: hints.some((h) => h.includes("n8n's cache"))
				? 'cached'
				: 'live';
		times[kind].push(run.executionTime);
	}
	return times;
}

/**
 * @param {'chatbot-day'|'outage'} scenario
 * @param {{conversations: number, durationS: number, realCacheMinutes: number, realBudget: number, seed: number, out: string, log: (l: string) => void}} o
 */
async function runScenario(scenario, o) {
	const started = new Date();
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `throughline-${scenario}-`));
	/** @type {any} */ let n8n;
	/** @type {any[]} */ const servers = [];
	try {
		const loadBeforeStartUp = os.loadavg()[0];
		o.log('building and packing the package from the current sources');
		const tarball = setup.packPackage(workDir);
		for (let i = 0; i < 2; i++) servers.push(await startServer({ data: { scale: SCALE }, perSecondLimit: 30, dailyLimit: 0 }));
		await setup.startN8n({ workDir, tarball, log: o.log, onInstance: (instance) => (n8n = instance) });

		const queries = chooseQueries(servers[0]);
		const conversations = drawConversations(queries, o.conversations, { seed: o.seed });
		const cacheMinutes = scaledMinutes(o.durationS, o.realCacheMinutes);
		// The budget's pace is compressed with the day, as the lifetime is (0: the budget off).
		const budgetPerDay = o.realBudget > 0 ? scaledBudget(o.durationS, o.realBudget) : 0;
		const tag = `${scenario}-${Date.now().toString(36)}`;
		const bots = [
			await publishChatbot(n8n, 'ours', servers[0], { cacheMinutes, budgetPerDay, tag }),
			await publishChatbot(n8n, 'http', servers[1], { cacheMinutes, tag }),
		];
		for (const s of servers) {
			s.reset();
			s.setFault('*', { latencyMs: LATENCY_MS });
		}
		const outage = scenario === 'outage' ? { from: Math.floor(o.conversations / 3), to: Math.floor((2 * o.conversations) / 3) } : null;
		const outageAt = (/** @type {number} */ i) => {
			if (!outage) return;
			const fault = i === outage.from ? { status: 503, latencyMs: LATENCY_MS } : i === outage.to ? { latencyMs: LATENCY_MS } : null;
			if (fault) for (const s of servers) s.setFault('*', fault);
		};
		o.log(
			`${o.conversations} conversations over ${o.durationS} s, ${queries.length} queries, cache ${cacheMinutes.toFixed(4)} min (${o.realCacheMinutes} min of a day), daily call budget ${budgetPerDay} (${o.realBudget} a day)${outage ? `, 503 from conversation ${outage.from} to ${outage.to}` : ''}`,
		);
		const loadStart = setup.loadavg();
		const { result: driven, load } = await withLoadSamples(() =>
			drive({ n8n, bots, queries: conversations, durationMs: o.durationS * 1000, at: outageAt, log: o.log }),
		);
		const loadEnd = setup.loadavg();
		const stats = servers.map((s) => s.stats());
		// The node's own time for a cached answer, apart from the day's queueing: the most popular
		// query, one conversation at a time (the first may be live; the hints tell them apart).
		const top = conversations[0];
		const probes = [];
		for (let k = 0; k < PROBES; k++) probes.push(await converse(n8n, bots[0], top));
		const times = await nodeTimes(n8n, bots[0].workflowId, PROBES);
		const output = chatbotReport.build({
			scenario,
			started: started.toISOString(),
			machine: {
				...setup.machine(n8n.runtime),
				loadBeforeStartUp: Math.round(loadBeforeStartUp * 100) / 100,
				loadStart,
				loadEnd,
				loadDuringRun: load,
			},
			settings: {
				conversations: o.conversations,
				durationS: o.durationS,
				realCacheMinutes: o.realCacheMinutes,
				cacheMinutes,
				realBudget: o.realBudget,
				budgetPerDay,
				seed: o.seed,
				latencyMs: LATENCY_MS,
				perSecondLimit: 30,
				scale: SCALE,
				limit: LIMIT,
				outage,
			},
			queries,
			conversations,
			driven,
			stats: { ours: stats[0], http: stats[1] },
			nodeTimes: times,
			probes,
		});
		const md = chatbotReport.markdown(output);
		writeResults(o.out, output, md);
		console.log('\n' + md);
		o.log(`wrote ${path.relative(process.cwd(), o.out)}`);
		if (!output.allTargetsMet) process.exitCode = 1;
	} catch (error) {
		reportFailure(error, n8n);
	} finally {
		await cleanUp({ workDir, n8n, servers });
	}
}

module.exports = { runScenario, chooseQueries, SCALE };
