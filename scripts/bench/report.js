// @ts-check
'use strict';
/**
 * Turns the runs into figures (medians of verified runs, ratios ours / HTTP Request, requests
 * against the minimum, targets met or missed) for bench-results/latest.json, and prints them as a
 * Markdown table (docs/bench/README.md shows the same table).
 */
const { HTTP_BATCH } = require('./workflows');

const median = (/** @type {number[]} */ xs) => {
	const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!s.length) return NaN;
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (/** @type {number} */ x, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

/** Medians of one side's verified runs. */
function summarise(/** @type {any[]} */ runs) {
	const ok = runs.filter((r) => r.verified);
	const pick = (/** @type {(r: any) => number} */ f) => median(ok.map(f));
	return {
		runs: runs.length,
		verifiedRuns: ok.length,
		wallMs: round(
			pick((r) => r.wallMs),
			0,
		),
		requests: pick((r) => r.requests),
		tokenRequests: pick((r) => r.tokenRequests),
		maxTokenRequests: ok.length ? Math.max(...ok.map((r) => r.tokenRequests)) : null,
		rateLimited: pick((r) => r.rateLimited),
		rateLimitedAllRuns: ok.reduce((n, r) => n + r.rateLimited, 0),
		peakRssMiB: round(
			pick((r) => r.memory.peakMiB),
			1,
		),
		peakOverBaselineMiB: round(
			pick((r) => r.memory.deltaMiB),
			1,
		),
		workNodeMs: round(
			pick((r) => median(r.workNodeMs)),
			1,
		),
		executionMs: round(
			pick((r) => median(r.executionMs)),
			1,
		),
		perExecutionMs: round(
			pick((r) => r.wallMs / r.callsMs.length),
			1,
		),
	};
}

/** The jobs of the comparison table, in its order ("Unpaced": our node with no pace set). */
const JOB_ORDER = ['fanOut', 'fullPull', 'fullPullUnpaced', 'scheduled', 'scheduledUnpaced', 'scheduledQuick'];

/**
 * Each side's failed runs with the first problem, as measured: a side that failed is a result.
 * @param {Record<string, any[]>} bySide
 */
function failures(bySide) {
	return Object.entries(bySide)
		.map(([side, runs]) => ({
			side,
			failed: runs.filter((r) => !r.verified).length,
			of: runs.length,
			first: runs.find((r) => !r.verified)?.problems[0],
		}))
		.filter((f) => f.failed > 0);
}

const ratio = (/** @type {number|null} */ a, /** @type {number|null} */ b) => (a !== null && b ? round(a / b, 2) : null);

/** @param {{started: string, benchSeconds: number, measuredSeconds: number, machine: any, settings: any, jobs: any, results: any}} o */
function build(o) {
	/** @type {Record<string, any>} */
	const jobs = {};
	for (const key of JOB_ORDER.filter((k) => o.results[k])) {
		const job = o.jobs[key];
		const ours = summarise(o.results[key].ours);
		// A job that repeats another with our node as it comes is compared with that job's HTTP runs.
		const http = summarise(o.results[job.httpFrom ?? key].http);
		const minimumRequests = job.distinct * job.executions + 1;
		jobs[key] = {
			title: job.title,
			inputItems: job.items.length,
			countries: job.distinct,
			executions: job.executions,
			oursPace: job.maxRequestsPerSecond ?? 'not set',
			httpFrom: job.httpFrom ?? null,
			helplinesPerExecution: o.results[key].ours.find((/** @type {any} */ r) => r.verified)?.helplinesOut ?? null,
			minimumRequests,
			ours,
			http,
			ratio: {
				wallTime: ratio(ours.wallMs, http.wallMs),
				requests: ratio(ours.requests, http.requests),
				tokenRequests: ratio(ours.tokenRequests, http.tokenRequests),
				peakRss: ratio(ours.peakRssMiB, http.peakRssMiB),
				peakOverBaseline: ratio(ours.peakOverBaselineMiB, http.peakOverBaselineMiB),
			},
			oursVsMinimum: ratio(ours.requests, minimumRequests),
			httpVsMinimum: ratio(http.requests, minimumRequests),
			runs: o.results[key],
			failures: failures(o.results[key]),
		};
	}
	/** ThroughLine node's executionTime in the executions after the first (token stored): median. */
	const steadyMs = (/** @type {any[]} */ runs) => median(runs.filter((r) => r.verified).flatMap((r) => r.workNodeMs.slice(1)));
	const steadyOwnMs = (/** @type {any[]} */ runs) =>
		median(runs.filter((r) => r.verified).flatMap((r) => (r.workNodeOwnMs ?? []).slice(1)));
	const nodeMs = steadyMs(o.results.overhead.ours);
	const ownMs = steadyOwnMs(o.results.overhead.ours);
	const smallMs = steadyMs(o.results.overheadSmall.ours);
	const items = o.jobs.overhead.items.length;
	const smallItems = o.jobs.overheadSmall.items.length;
	const outputItems = o.results.overhead.ours.find((/** @type {any} */ r) => r.verified)?.helplinesOut ?? null;
	const overhead = {
		latencyMs: 0,
		inputItems: items,
		outputItems,
		nodeExecutionTimeMs: round(nodeMs, 1),
		perInputItemMs: round(nodeMs / items, 3),
		/** executionTime minus the time the API spent answering (server-side timing): the node's own work. */
		ownMs: round(ownMs, 1),
		ownPerInputItemMs: round(ownMs / items, 3),
		perOutputItemMs: outputItems ? round(nodeMs / outputItems, 4) : null,
		smallInputItems: smallItems,
		smallNodeExecutionTimeMs: round(smallMs, 1),
		/** (t(500) − t(50)) / 450: what one more item costs, without the fixed part (requests, setup). */
		marginalPerInputItemMs: round((nodeMs - smallMs) / (items - smallItems), 3),
		runs: o.results.overhead.ours,
		smallRuns: o.results.overheadSmall.ours,
	};
	const sched = jobs.scheduled;
	const targets = [
		...['fanOut', 'fullPull', 'scheduled'].map((k) => ({
			target: `${jobs[k].title}: requests = minimum (${jobs[k].minimumRequests})`,
			value: `${jobs[k].ours.requests} (ratio ${jobs[k].oursVsMinimum?.toFixed(2)})`,
			met: jobs[k].oursVsMinimum === 1,
		})),
		{
			target: 'Fan-out: wall time ≤ 0.5 × HTTP Request',
			value: `${jobs.fanOut.ratio.wallTime} ×`,
			met: (jobs.fanOut.ratio.wallTime ?? Infinity) <= 0.5,
		},
		{
			target: 'Full pull: wall time ≤ 1.1 × HTTP Request',
			value: `${jobs.fullPull.ratio.wallTime} ×`,
			met: (jobs.fullPull.ratio.wallTime ?? Infinity) <= 1.1,
		},
		{
			target: `Scheduled: 1 token request over ${sched.executions} executions`,
			value: `${sched.ours.maxTokenRequests} (most in a round)`,
			met: sched.ours.maxTokenRequests === 1,
		},
		{
			target: 'Node overhead < 1 ms per item',
			value: `${overhead.ownPerInputItemMs} ms per input item (execution time minus the API's answer time)`,
			met: (overhead.ownPerInputItemMs ?? Infinity) < 1,
		},
	];
	const all = [...Object.values(o.results).flatMap((r) => Object.values(r).flat())];
	return {
		benchmark: 'ThroughLine node vs HTTP Request node (oAuth2Api, Client Credentials) in n8n 2.41.1',
		started: o.started,
		benchSeconds: o.benchSeconds,
		measuredSeconds: o.measuredSeconds,
		machine: o.machine,
		settings: {
			...o.settings,
			trigger: 'published Webhook workflows (POST, respond when last node finishes), n8n start',
			credentials: 'a fresh credential (no token stored) for every run of fan-out and full pull, and for every round of scheduled',
			httpRequestNode: {
				typeVersion: 4.5,
				batching: HTTP_BATCH,
				credential: 'oAuth2Api, grantType clientCredentials, authentication body',
				splitOut: 'helplines',
			},
			oursNode: {
				typeVersion: 1,
				operation: 'helpline.search',
				options:
					'Max Requests per Second 30 (as the HTTP Request side is batched), no cache; the "no pace set" jobs leave the pace out; concurrency 8',
			},
			memory:
				"RSS summed over n8n's process group (main process and task runner) from /proc every 20 ms; peak during the job, and peak minus the sample taken just before it",
			verification: "every execution succeeded and emitted exactly the server's helplines for each input item, in ThroughLine's order",
		},
		jobs,
		overhead,
		targets,
		allVerified: all.every((r) => r.verified),
		// The HTTP Request side failing is one of its results (listed with its error); ours failing is a defect.
		oursVerified: all.filter((r) => r.side === 'ours').every((r) => r.verified),
	};
}

const secs = (/** @type {number|null} */ ms) => (ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);
const num = (/** @type {number|null} */ x) => (x === null || Number.isNaN(x) ? '–' : String(x));
const x = (/** @type {number|null} */ r) => (r === null ? '–' : `${r.toFixed(2)}`);

/** The Markdown table and the targets, as printed and as shown in docs/bench/README.md. */
function table(/** @type {ReturnType<typeof build>} */ out) {
	const lines = [
		'| Job | Side | Wall time | HTTP requests (minimum) | Token requests | Peak RSS of n8n | Peak over baseline |',
		'|---|---|---|---|---|---|---|',
	];
	for (const job of Object.values(out.jobs)) {
		const what = `${job.title}: ${job.inputItems} item${job.inputItems > 1 ? 's' : ''}, ${job.countries} countries${job.executions > 1 ? `, ×${job.executions} executions` : ''} → ${job.helplinesPerExecution} helplines`;
		const sides = /** @type {Array<['ThroughLine' | 'HTTP Request', any]>} */ ([['ThroughLine', job.ours]]);
		if (!job.httpFrom) sides.push(['HTTP Request', job.http]);
		for (const [side, s] of sides) {
			const min =
				(side === 'ThroughLine' ? ` (${job.minimumRequests})` : '') + (s.rateLimited ? `, of which ${s.rateLimited} answered 429` : '');
			const label = side === 'ThroughLine' ? what : '';
			// A side with no run that passed has no figures: its result is the failure (listed below).
			if (s.verifiedRuns === 0) lines.push(`| ${label} | ${side} | **failed, ${s.runs} of ${s.runs} runs** (see below) | – | – | – | – |`);
			else
				lines.push(
					`| ${label} | ${side} | ${secs(s.wallMs)} | ${num(s.requests)}${min} | ${num(s.tokenRequests)} | ${num(s.peakRssMiB)} MiB | +${num(s.peakOverBaselineMiB)} MiB |`,
				);
		}
		const r = job.ratio;
		lines.push(
			`| | **ours / HTTP** | **${x(r.wallTime)}** | **${x(r.requests)}** | **${x(r.tokenRequests)}** | **${x(r.peakRss)}** | **${x(r.peakOverBaseline)}** |`,
		);
	}
	const failed = Object.values(out.jobs).flatMap((job) =>
		job.failures.map(
			(/** @type {any} */ f) =>
				`- ${job.title}, ${f.side === 'ours' ? 'ThroughLine' : 'HTTP Request'}: ${f.failed} of ${f.of} runs failed: ${f.first}`,
		),
	);
	if (failed.length) lines.push('', 'Failed runs (each is measured; the medians are of the runs that passed):', ...failed);
	const o = out.overhead;
	lines.push(
		'',
		`Node overhead (0 ms latency, token stored, ${o.inputItems} items in, ${o.outputItems} out): ThroughLine node's executionTime ${num(o.nodeExecutionTimeMs)} ms = ` +
			`${num(o.perInputItemMs)} ms per input item, of which the API was answering for ${num(o.nodeExecutionTimeMs === null || o.ownMs === null ? null : round(o.nodeExecutionTimeMs - o.ownMs, 1))} ms; ` +
			`the node's own time is ${num(o.ownMs)} ms = **${num(o.ownPerInputItemMs)} ms per input item**. With ${o.smallInputItems} items the execution took ${num(o.smallNodeExecutionTimeMs)} ms, ` +
			`so each further item costs ${num(o.marginalPerInputItemMs)} ms.`,
	);
	lines.push('', '| Target | Measured | Met |', '|---|---|---|');
	for (const t of out.targets) lines.push(`| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`);
	const m = out.machine;
	lines.push(
		'',
		`Medians of ${out.settings.runs} runs per side (scheduled: ${out.settings.rounds} rounds of ${out.jobs.scheduled.executions} executions), sides alternating. ` +
			`Machine: ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, n8n ${m.n8nVersion} on Node ${m.n8nNode}, bench on Node ${m.benchNode}; ` +
			`load average (1 min) ${m.loadBeforeStartUp} before start-up, ${m.loadStart.one} when measuring began${m.loadBelow2AtStart ? '' : ' (had not dropped below 2.0 within the wait)'}, ${m.loadEnd.one} at the end. ` +
			`${out.started.slice(0, 10)}, ${out.benchSeconds} s in all (${out.measuredSeconds} s measuring).`,
	);
	if (!out.oursVerified) lines.push('', "**Some of the ThroughLine node's runs failed the output check; see the JSON.**");
	return lines.join('\n');
}

module.exports = { build, table, median };
