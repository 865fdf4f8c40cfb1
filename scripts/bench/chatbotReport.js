// @ts-check
'use strict';
/**
 * The chatbot scenarios' figures (calls against the cache's bound and the daily quota, round trips
 * of cached and live answers, the node's own time for a cached one, and in the outage who still got
 * a number) for docs/bench/<scenario>.json, and as Markdown for docs/bench/<scenario>.md.
 */
const { callBounds, expectedCalls, lifetimeForQuota, percentile, zipfWeights, DAY_MINUTES } = require('./conversations');

const r1 = (/** @type {number} */ x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
const pct = (/** @type {number} */ n, /** @type {number} */ d) => (d ? Math.round((1000 * n) / d) / 10 : null);
const spread = (/** @type {number[]} */ ms) => ({
	count: ms.length,
	p50: r1(percentile(ms, 50)),
	p95: r1(percentile(ms, 95)),
	max: r1(Math.max(...ms)),
});

/** How many minutes of a 24-hour day one minute of the run stands for. */
const dayScale = (/** @type {any} */ settings) => (DAY_MINUTES * 60) / settings.durationS;

/** A conversation answered with the helpline ThroughLine ranks first for its query, with a number. */
const correct = (/** @type {any} */ r, /** @type {any} */ q) => r.status === 200 && r.id === q.expectedId && r.number !== null;

/** @param {any} o */
function build(o) {
	const { settings, conversations } = o;
	const n = conversations.length;
	const distinct = new Set(conversations.map((/** @type {any} */ q) => `${q.country}|${q.topic}`)).size;
	const lifetimeMs = settings.cacheMinutes * 60_000;
	// The day is as long as the run really took to send (a loaded machine stretches it).
	const dayMs = Math.max(settings.durationS * 1000, o.driven.lastSentMs);
	const bounds = callBounds(distinct, dayMs, lifetimeMs);
	/** @type {Record<string, any>} */
	const sides = {};
	for (const side of ['ours', 'http']) {
		const results = o.driven.results[side];
		const s = o.stats[side];
		const calls = s.total - s.tokenRequests;
		const bySource = (/** @type {string} */ src) => results.filter((/** @type {any} */ r) => r.source === src);
		sides[side] = {
			conversations: n,
			answeredCorrectly: results.filter((/** @type {any} */ r, /** @type {number} */ i) => correct(r, conversations[i])).length,
			failed: results.filter((/** @type {any} */ r) => r.status !== 200).length,
			calls,
			tokenRequests: s.tokenRequests,
			rateLimited: s.rateLimited,
			byStatus: s.byStatus,
			callsPer1000Conversations: r1((1000 * calls) / n),
			sources: {
				...Object.fromEntries(['live', 'cache', 'stale', 'error'].map((src) => [src, bySource(src).length])),
				heldForBudget: results.filter((/** @type {any} */ r) => r.held).length,
			},
			// How old the answers kept for the daily budget were, in minutes of the compressed day
			// (the node says whole minutes of the run, so each step is dayScale minutes of the day).
			heldAgeDayMinutes: spread(
				results.filter((/** @type {any} */ r) => r.held).map((/** @type {any} */ r) => r.ageMinutes * dayScale(settings)),
			),
			roundTripMs: {
				all: spread(results.map((/** @type {any} */ r) => r.ms)),
				cached: spread(bySource('cache').map((/** @type {any} */ r) => r.ms)),
				live: spread(bySource('live').map((/** @type {any} */ r) => r.ms)),
			},
		};
	}
	const cachedNode = spread(o.nodeTimes.cached);
	const out = {
		scenario: o.scenario,
		started: o.started,
		wallS: Math.round(o.driven.wallMs / 1000),
		maxArrivalLagMs: Math.round(o.driven.maxLagMs),
		machine: { ...o.machine, loadDuringRun: summariseLoad(o.machine.loadDuringRun) },
		settings: {
			...settings,
			queries: o.queries.length,
			distinctQueriesAsked: distinct,
			topics: [...new Set(o.queries.map((/** @type {any} */ q) => q.topic))],
		},
		bounds: {
			...bounds,
			lifetimeS: r1(lifetimeMs / 1000),
			dayS: r1(dayMs / 1000),
			lifetimeMinutesForQuota: lifetimeForQuota(distinct),
			// The Poisson model (conversations.expectedCalls) for this run, and for a full day of 10,000.
			modelForThisRun: expectedCalls(zipfWeights(o.queries.length), n, dayMs / lifetimeMs),
			modelFor10000: Object.fromEntries(
				[60, 180].map((min) => [
					`${min} min`,
					{
						expected: expectedCalls(zipfWeights(o.queries.length), 10_000, DAY_MINUTES / min),
						bound: callBounds(o.queries.length, DAY_MINUTES, min).issueBound,
					},
				]),
			),
		},
		sides,
		nodeTimeMs: {
			cached: cachedNode,
			live: spread(o.nodeTimes.live),
			stale: spread(o.nodeTimes.stale),
			webhookNode: spread(o.nodeTimes.webhook ?? []),
			sampled:
				"after the day: the most popular query, 40 conversations one at a time; executionTime of the ThroughLine node in n8n's run data, split by its hint",
		},
		/** The same 40 conversations' round trips: one at a time, without the day's queueing. */
		probeRoundTripMs: {
			cached: spread((o.probes ?? []).filter((/** @type {any} */ r) => r.source === 'cache').map((/** @type {any} */ r) => r.ms)),
			live: spread((o.probes ?? []).filter((/** @type {any} */ r) => r.source === 'live').map((/** @type {any} */ r) => r.ms)),
		},
		outage: settings.outage ? outageFigures(o) : null,
		/** @type {Array<{target: string, value: string, met: boolean}>} */
		targets: [],
		allTargetsMet: false,
	};
	const ours = sides.ours;
	out.targets.push(
		{
			target: `ThroughLine calls ≤ distinct queries × (day ÷ lifetime) = ${distinct} × ${r1(dayMs / lifetimeMs)} = ${bounds.issueBound}`,
			value: String(ours.calls),
			met: ours.calls <= bounds.issueBound,
		},
		{
			target: 'ThroughLine calls (and token requests) within 1,000 a day',
			value: `${ours.calls} + ${ours.tokenRequests} token${settings.realBudget > 0 ? ` (Daily Call Budget ${settings.realBudget}; ${ours.sources.heldForBudget} answers kept for it)` : ' (Daily Call Budget off)'}`,
			met: ours.calls + ours.tokenRequests <= 1000,
		},
		{ target: 'HTTP Request: one call per conversation (measured)', value: `${sides.http.calls} calls for ${n} conversations`, met: true },
		{
			target: "A cached answer's node time ≤ 2 ms (median of the sample)",
			value: `p50 ${cachedNode.p50} ms, p95 ${cachedNode.p95} ms (${cachedNode.count} executions)`,
			met: (cachedNode.p50 ?? Infinity) <= 2,
		},
	);
	if (out.outage) {
		const oo = out.outage.ours;
		out.targets.push({
			target: 'Outage: every conversation whose query was answered before gets a real number',
			value: `${oo.shareWithNumber} % (${oo.withNumber} of ${oo.eligible}; ${oo.stale} marked stale); of those that met the outage ${oo.shareWhenMetOutage} %; HTTP Request ${out.outage.http.shareWithNumber} % and ${out.outage.http.shareWhenMetOutage} %`,
			met: oo.withNumber === oo.eligible,
		});
	}
	if (o.scenario === 'outage') out.targets = out.targets.filter((t) => !t.target.startsWith('ThroughLine calls'));
	out.allTargetsMet = out.targets.every((t) => t.met);
	return out;
}

function summariseLoad(/** @type {number[]} */ samples) {
	const round = (/** @type {number} */ x) => Math.round(x * 100) / 100;
	return {
		samples: samples.length,
		min: round(Math.min(...samples)),
		mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
		max: round(Math.max(...samples)),
	};
}

/** Who got a number during the outage, among conversations whose query that side answered before it. */
function outageFigures(/** @type {any} */ o) {
	const { from, to } = o.settings.outage;
	/** @type {Record<string, any>} */
	const figures = { conversationsDuring: to - from };
	for (const side of ['ours', 'http']) {
		const results = o.driven.results[side];
		const answeredBefore = new Set();
		for (let i = 0; i < from; i++)
			if (correct(results[i], o.conversations[i])) answeredBefore.add(`${o.conversations[i].country}|${o.conversations[i].topic}`);
		const during = /** @type {Array<{ r: any, q: any }>} */ (
			results.slice(from, to).map((/** @type {any} */ r, /** @type {number} */ k) => ({ r, q: o.conversations[from + k] }))
		);
		const eligible = during.filter(({ q }) => answeredBefore.has(`${q.country}|${q.topic}`));
		const ok = eligible.filter(({ r, q }) => correct(r, q));
		const after = results.slice(to);
		// Sent in the middle third is not the same as asked during the outage when n8n queues (a
		// conversation sent before the switch may reach ThroughLine after it): those that met the
		// outage are the ones answered stale or not at all.
		const met = eligible.filter(({ r }) => r.source === 'stale' || r.status !== 200);
		figures[side] = {
			eligible: eligible.length,
			withNumber: ok.length,
			shareWithNumber: pct(ok.length, eligible.length),
			stale: ok.filter(({ r }) => r.source === 'stale').length,
			fromFreshCache: ok.filter(({ r }) => r.source === 'cache').length,
			notEligible: during.length - eligible.length,
			notEligibleWithNumber: during.filter(({ r, q }) => !answeredBefore.has(`${q.country}|${q.topic}`) && correct(r, q)).length,
			metOutage: met.length,
			metOutageWithNumber: met.filter(({ r, q }) => correct(r, q)).length,
			shareWhenMetOutage: pct(met.filter(({ r, q }) => correct(r, q)).length, met.length),
			roundTripDuringMs: spread(eligible.map(({ r }) => r.ms)),
			afterOutageCorrect: pct(
				after.filter((/** @type {any} */ r, /** @type {number} */ k) => correct(r, o.conversations[to + k])).length,
				after.length,
			),
		};
	}
	return figures;
}

// A load that stays below the core count left the cores to n8n; above it, other work shared them.
const loadNote = (/** @type {any} */ m) =>
	m.loadDuringRun.max < m.nproc
		? 'The load stayed below the number of cores: no other work ran beside the benchmark.'
		: 'Shared with other work: absolute times are slower than on a quiet machine; both sides ran in the same moments.';
const v = (/** @type {any} */ x) => (x === null || x === undefined ? '–' : String(x));

/** @param {ReturnType<typeof build>} out */
function markdown(out) {
	const s = out.settings;
	const m = out.machine;
	const lines = [`# Benchmark: ${out.scenario}`, ''];
	lines.push(
		`${s.conversations} webhook conversations over ${s.durationS} s (${s.queries} queries: 40 countries × ${s.topics.join(', ')}; Zipf popularity, seed ${s.seed}; ${s.distinctQueriesAsked} distinct asked), ` +
			`each sent to both published workflows at the same moment. Our node: Helpline > Search, limit ${s.limit}, Simplify, *Cache Answers For* ${s.cacheMinutes.toFixed(4)} min ` +
			`(= ${s.realCacheMinutes} min of a 24-hour day compressed into ${s.durationS} s; lifetime ${out.bounds.lifetimeS} s), ` +
			(s.realBudget > 0
				? `*Daily Call Budget* ${s.budgetPerDay} (= ${s.realBudget} a day at the same pace: ${s.realBudget} calls in the run). `
				: '*Daily Call Budget* 0 (off). ') +
			`HTTP Request: the same search with n8n's OAuth2 credential. ` +
			`Each side against its own sandbox server (same data, ${s.latencyMs} ms latency, 30 requests a second).` +
			(s.outage
				? ` Both servers answer 503 to every request from conversation ${s.outage.from} to ${s.outage.to} (the middle third).`
				: ''),
		'',
		'| | ThroughLine node (cache on) | HTTP Request |',
		'|---|---|---|',
	);
	const [a, b] = [out.sides.ours, out.sides.http];
	const row = (/** @type {string} */ label, /** @type {(x: any) => any} */ f) => lines.push(`| ${label} | ${v(f(a))} | ${v(f(b))} |`);
	row("Answered with ThroughLine's first helpline and a number", (x) => `${x.answeredCorrectly} of ${x.conversations}`);
	row('ThroughLine calls (+ token requests)', (x) => `${x.calls} (+${x.tokenRequests})`);
	row('Calls per 1,000 conversations', (x) => x.callsPer1000Conversations);
	row('Answers live / from cache / stale / failed', (x) => `${x.sources.live} / ${x.sources.cache} / ${x.sources.stale} / ${x.failed}`);
	row('… from cache, kept past their lifetime for the daily budget', (x) => x.sources.heldForBudget);
	row('… their age in minutes of the day: p50 / p95 / max', (x) =>
		x.heldAgeDayMinutes.count ? `${x.heldAgeDayMinutes.p50} / ${x.heldAgeDayMinutes.p95} / ${x.heldAgeDayMinutes.max}` : '–',
	);
	row('Round trip, live answers: p50 / p95', (x) => `${v(x.roundTripMs.live.p50)} / ${v(x.roundTripMs.live.p95)} ms`);
	row('Round trip, cached answers: p50 / p95', (x) =>
		x.roundTripMs.cached.count ? `${x.roundTripMs.cached.p50} / ${x.roundTripMs.cached.p95} ms` : '–',
	);
	row('429 answers', (x) => x.rateLimited);
	const nt = out.nodeTimeMs;
	lines.push(
		'',
		`Node's own time (executionTime of the ThroughLine node in n8n's run data, 40 conversations of the most popular query one at a time after the day): cached answer p50 ${v(nt.cached.p50)} ms, p95 ${v(nt.cached.p95)} ms, max ${v(nt.cached.max)} ms (${nt.cached.count}); live answer p50 ${v(nt.live.p50)} ms (${nt.live.count}); in the same executions n8n's Webhook node took p50 ${v(nt.webhookNode.p50)} ms. ` +
			`Their round trips (one at a time, no queueing): cached p50 ${v(out.probeRoundTripMs.cached.p50)} ms, p95 ${v(out.probeRoundTripMs.cached.p95)} ms; live p50 ${v(out.probeRoundTripMs.live.p50)} ms (${out.probeRoundTripMs.live.count}).`,
	);
	const bd = out.bounds;
	lines.push(
		'',
		`Cache bound: ${s.distinctQueriesAsked} distinct queries × (${bd.dayS} s ÷ ${bd.lifetimeS} s) = ${bd.issueBound} calls (counting the call that opens each window: ${bd.strictBound}). Within 1,000 a day for ${s.distinctQueriesAsked} queries needs a lifetime of at least ${bd.lifetimeMinutesForQuota} minutes.`,
	);
	const m60 = bd.modelFor10000['60 min'];
	const m180 = bd.modelFor10000['180 min'];
	lines.push(
		'',
		`Model without the budget (each query's conversations arriving at random: a query asked n times makes about W·n/(n+W) calls, W = day ÷ lifetime): ${bd.modelForThisRun} calls expected for this run. ` +
			`A full day of 10,000 conversations over all ${s.queries} queries: ${m60.expected} calls expected at 60 minutes (bound ${m60.bound}), ${m180.expected} at 180 minutes (bound ${m180.bound}).`,
	);
	if (out.outage) {
		const [oa, ob] = [out.outage.ours, out.outage.http];
		lines.push(
			'',
			`**Outage** (${out.outage.conversationsDuring} conversations during it):`,
			'',
			'| | ThroughLine node | HTTP Request |',
			'|---|---|---|',
		);
		const orow = (/** @type {string} */ label, /** @type {(x: any) => any} */ f) => lines.push(`| ${label} | ${v(f(oa))} | ${v(f(ob))} |`);
		orow('Query answered before the outage: got a real number', (x) => `**${v(x.shareWithNumber)} %** (${x.withNumber} of ${x.eligible})`);
		orow('… of which marked stale / still fresh in the cache', (x) => `${x.stale} / ${x.fromFreshCache}`);
		orow(
			'… those that met the outage (stale or failed): got a real number',
			(x) => `**${v(x.shareWhenMetOutage)} %** (${x.metOutageWithNumber} of ${x.metOutage})`,
		);
		orow('Round trip during the outage: p50 / p95', (x) => `${v(x.roundTripDuringMs.p50)} / ${v(x.roundTripDuringMs.p95)} ms`);
		orow('Query never answered before: got a number', (x) => `${x.notEligibleWithNumber} of ${x.notEligible}`);
		orow('After the outage: answered correctly', (x) => `${v(x.afterOutageCorrect)} %`);
	}
	lines.push('', '| Target | Measured | Met |', '|---|---|---|');
	for (const t of out.targets) lines.push(`| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`);
	lines.push(
		'',
		`Machine: ${m.nproc} × ${m.cpuModel}, ${m.memoryGiB} GiB, n8n ${m.n8nVersion} on Node ${m.n8nNode}, bench on Node ${m.benchNode}. Load average (1 min): ${m.loadBeforeStartUp} before start-up, ` +
			`${m.loadDuringRun.min}–${m.loadDuringRun.max} (mean ${m.loadDuringRun.mean}) during the run. ${loadNote(m)} ` +
			`${out.started.slice(0, 16).replace('T', ' ')} UTC, run ${out.wallS} s (largest arrival lag ${out.maxArrivalLagMs} ms).`,
	);
	return lines.join('\n');
}

module.exports = { build, markdown, outageFigures };
