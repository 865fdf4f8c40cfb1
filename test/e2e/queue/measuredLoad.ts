/**
 * One load of the queue suites (load.ts runs it): the server's counts and busiest second, which
 * worker ran each answered execution (from their logs), the failures by kind, and the figures
 * kept for test-artifacts/queue-figures.json; and what every answer must be.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { COUNTRIES, AT_A_TIME, CALLS, CLIENT_TIMEOUT_MS, type QueueCluster } from './suite';
import { RateSampler, runLoad, type LoadResult } from './load';
import { SHARE, busiestSecond, countriesFrom, shareUrl, tightestBunch } from './share';

export interface LoadFigures {
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
	/** the most requests the server logged within any 100 ms (share.ts, tightestBunch): about 3 at an even 30 a second */
	serverTightest100Ms: number;
	/** the longest the test's own process (the load's calls, the sampler) was held up during the load, ms */
	testLoopDelayMaxMs: number;
	workerSplit: Record<string, number>;
	/** calls answered whose execution then died with its worker */
	answeredThenLost: number;
	/** the three slowest calls */
	slowest: Array<{ ms: number; status?: number; error?: string }>;
}

/** A load of the single-country workflow, or with `share` of the five-country one (share.ts). */
export async function load(cluster: QueueCluster, name: string, opts: { onSettled?: (done: number) => void; share?: boolean } = {}) {
	const { server, workers } = cluster;
	await server.reset();
	const countsBefore = await cluster.executionCounts();
	const offsets = new Map(workers.workers.map((w) => [w.name, w.log.length]));
	const sampler = new RateSampler(async () => (await server.stats()).total).start();
	const loopDelay = monitorEventLoopDelay({ resolution: 10 });
	loopDelay.enable();
	let result: LoadResult;
	try {
		result = await runLoad({
			url: opts.share ? (country) => shareUrl(cluster.n8n.url, countriesFrom(country, COUNTRIES)) : cluster.webhookUrl,
			countries: COUNTRIES,
			total: opts.share ? SHARE.calls : CALLS,
			concurrency: AT_A_TIME,
			timeoutMs: CLIENT_TIMEOUT_MS,
			onSettled: opts.onSettled,
		});
	} finally {
		// First: the sampler's stop throws when a reading failed.
		loopDelay.disable();
		await sampler.stop();
	}
	const stats = await server.stats();
	const receivedAt = (await server.requests()).map((r) => r.receivedAt);
	const busiest = busiestSecond(receivedAt);
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
		serverTightest100Ms: tightestBunch(receivedAt, 100),
		testLoopDelayMaxMs: Math.round(loopDelay.max / 1e6),
		workerSplit: split,
		answeredThenLost: answeredThenLost.length,
		slowest: [...result.calls]
			.sort((a, b) => b.ms - a.ms)
			.slice(0, 3)
			.map((c) => ({ ms: c.ms, status: c.status, ...(c.error ? { error: c.error.slice(0, 120) } : {}) })),
	};
	cluster.loads[name] = f;
	cluster.arrivals[name] = receivedAt;
	console.log(`[queue] ${name}: ${JSON.stringify(f)}`);
	return { result, figures: f, ids, ranOn, countsBefore, answeredThenLost };
}

/** The answer a call must get: its country's helplines, or (share) its five countries' in order. */
const expectedFor = (cluster: QueueCluster, country: string, share = false) =>
	share ? countriesFrom(country, COUNTRIES).flatMap((cc) => cluster.expected.get(cc)!) : cluster.expected.get(country);

/** Every 200 answer is its country's helplines, complete and in ThroughLine's order, with a unique execution id. */
export function expectCorrectAnswers(cluster: QueueCluster, result: LoadResult, share = false) {
	const ok = result.calls.filter((c) => c.status === 200);
	for (const c of ok) {
		const want = expectedFor(cluster, c.country, share);
		if (JSON.stringify(c.body) !== JSON.stringify(want)) {
			expect({ call: c.index, country: c.country, body: c.body }).toEqual({ call: c.index, country: c.country, body: want });
		}
	}
	const ids = ok.map((c) => c.executionId);
	expect(ids.every((id) => typeof id === 'string' && /^\d+$/.test(id))).toBe(true);
	expect(new Set(ids).size).toBe(ids.length);
}
