// @ts-check
'use strict';
/**
 * One measured run of one side of one job: a fresh credential (no token stored) and workflow,
 * `executions` webhook calls in a row, timed from here; the local server's request counts; the RSS
 * of n8n's whole process tree sampled from /proc while it works; and a check of every execution's
 * output against the server's own data, item by item in ThroughLine's order.
 */
const fs = require('node:fs');
const api = require('./api');
const wf = require('./workflows');

const PAGE = 4096;

/** Every process in n8n's process group (`n8n start` runs detached: its pid is the group id). */
function groupPids(/** @type {number} */ pgid) {
	/** @type {number[]} */
	const pids = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // state ppid pgrp ...
			if (Number(fields[2]) === pgid) pids.push(Number(name));
		} catch {
			/* exited meanwhile */
		}
	}
	return pids;
}

function rssBytes(/** @type {number[]} */ pids) {
	let total = 0;
	for (const pid of pids) {
		try {
			total += Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
		} catch {
			/* exited meanwhile */
		}
	}
	return total;
}

/** Samples the tree's RSS every `everyMs` until stopped; the tree itself is re-listed each second. */
function startSampler(/** @type {number} */ pgid, everyMs = 20) {
	let pids = groupPids(pgid);
	const baseline = rssBytes(pids);
	let peak = baseline;
	let samples = 1;
	const sample = setInterval(() => {
		peak = Math.max(peak, rssBytes(pids));
		samples++;
	}, everyMs);
	const relist = setInterval(() => (pids = groupPids(pgid)), 1000);
	return {
		stop() {
			clearInterval(sample);
			clearInterval(relist);
			peak = Math.max(peak, rssBytes(pids));
			return { baselineMiB: mib(baseline), peakMiB: mib(peak), deltaMiB: mib(peak - baseline), samples, processes: pids.length };
		},
	};
}

const mib = (/** @type {number} */ b) => Math.round((b / 2 ** 20) * 10) / 10;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The ids every execution must emit, in order: each input item's country, searched as the server
 * ranks it, cut at the limit.
 * @param {import('../../sandbox').SandboxServer} server
 * @param {Array<{country: string}>} items
 * @param {{limit?: number, returnAll?: boolean}} query
 */
function expectedIds(server, items, query) {
	/** @type {Map<string, string[]>} */
	const byCountry = new Map();
	for (const h of server.data.helplines()) {
		const list = byCountry.get(h.country.code) ?? [];
		list.push(h.id);
		byCountry.set(h.country.code, list);
	}
	const max = query.returnAll ? 1000 : (query.limit ?? 20);
	return items.flatMap((item) => (byCountry.get(item.country) ?? []).slice(0, max));
}

/**
 * How long, within [from, to] (epoch ms), the API was busy answering at least one of this run's
 * data requests: the union of their [received, answered] intervals, as the server timed them.
 * A node's execution time minus this is the time it spent on its own (and in n8n's HTTP client).
 * @param {import('../../sandbox').LoggedRequest[]} log
 * @param {number} from
 * @param {number} to
 */
function apiBusyMs(log, from, to) {
	const spans = log
		.filter((r) => r.url !== '/oauth/token' && r.answeredAt !== undefined)
		.map((r) => [Math.max(from, r.receivedAt), Math.min(to, /** @type {number} */ (r.answeredAt))])
		.filter(([a, b]) => b > a)
		.sort((x, y) => x[0] - y[0]);
	let busy = 0;
	let end = -Infinity;
	for (const [a, b] of spans) {
		if (b <= end) continue;
		busy += b - Math.max(a, end);
		end = b;
	}
	return busy;
}

let runSeq = 0;

/**
 * Why the newest execution of a workflow failed: the failing node and n8n's error message (with
 * the HTTP status and the server's answer when n8n kept them).
 * @param {any} n8n @param {string} workflowId @param {number} count executions expected so far
 */
async function failureReason(n8n, workflowId, count) {
	const [latest] = await api.waitForExecutions(n8n, workflowId, count, 30_000);
	const execution = await api.readExecution(n8n, latest.id);
	const error = execution.error ?? {};
	const failedNode = Object.entries(execution.runData).find(([, runs]) => runs.some((r) => r.error));
	const nodeError = failedNode?.[1].find((r) => r.error)?.error ?? {};
	const detail = [nodeError.httpCode && `HTTP ${nodeError.httpCode}`, nodeError.description].filter(Boolean).join(': ');
	return `${failedNode?.[0] ?? error.node?.name ?? 'a node'} failed: ${nodeError.message ?? error.message ?? 'no message'}${detail ? ` (${String(detail).slice(0, 200)})` : ''}`;
}

/**
 * @param {{n8n: any, server: import('../../sandbox').SandboxServer}} ctx
 * @param {'ours'|'http'} side
 * @param {{key: string, items: Array<{country: string}>, query: {limit?: number, returnAll?: boolean}, executions: number, latencyMs: number, maxRequestsPerSecond?: number}} job
 */
async function runOnce(ctx, side, job) {
	const { n8n, server } = ctx;
	const tag = `bench-${job.key}-${side}-${++runSeq}-${Date.now().toString(36)}`;
	const credentialId = await api.createCredential(n8n, wf.credential(side, server, tag));
	const workflowId = await api.createActiveWorkflow(
		n8n,
		wf.workflow(side, {
			name: tag,
			path: tag,
			credentialId,
			credentialName: tag,
			serverUrl: server.url,
			query: job.query,
			maxRequestsPerSecond: job.maxRequestsPerSecond,
		}),
	);
	// Let the server's and the node's 1-second windows empty, then count from zero.
	await sleep(1200);
	server.reset();
	server.setFault('*', { latencyMs: job.latencyMs });

	const sampler = startSampler(n8n.server.child.pid);
	const callsMs = [];
	const t0 = performance.now();
	for (let i = 0; i < job.executions; i++) {
		const t = performance.now();
		const res = await api.callWebhook(n8n, tag, { items: job.items });
		callsMs.push(performance.now() - t);
		if (res.status !== 200) {
			sampler.stop();
			// n8n answers only "Error in workflow": the reason is in the stored execution.
			const reason = await failureReason(n8n, workflowId, i + 1).catch((e) => `(could not read the execution: ${e.message})`);
			throw new Error(
				`${tag}: execution ${i + 1} of ${job.executions}: webhook answered ${res.status}: ${res.text.slice(0, 120)}; ${reason}`,
			);
		}
	}
	const wallMs = performance.now() - t0;
	const finished = await api.waitForExecutions(n8n, workflowId, job.executions);
	const memory = sampler.stop();
	const stats = server.stats();
	const log = server.requests();
	server.clearFaults();

	// Check every execution: success, and exactly the expected helplines in the expected order.
	const expected = expectedIds(server, job.items, job.query);
	const workMs = [];
	const ownMs = [];
	const durationsMs = [];
	/** @type {string[]} */
	const problems = [];
	for (const summary of [...finished].reverse()) {
		// oldest first: the order of the calls
		const execution = await api.readExecution(n8n, summary.id);
		if (execution.status !== 'success') problems.push(`execution ${summary.id}: ${execution.status} ${execution.error?.message ?? ''}`);
		const ids = api.nodeOutput(execution, wf.RESULT_NODE[side]).map((i) => i.json?.id);
		if (ids.length !== expected.length) problems.push(`execution ${summary.id}: ${ids.length} helplines, expected ${expected.length}`);
		else if (ids.some((id, i) => id !== expected[i]))
			problems.push(`execution ${summary.id}: helplines differ from the server's (ids or order)`);
		const work = execution.runData[wf.WORK_NODE[side]]?.[0];
		workMs.push(work?.executionTime ?? NaN);
		ownMs.push(work ? work.executionTime - apiBusyMs(log, work.startTime, work.startTime + work.executionTime) : NaN);
		durationsMs.push(new Date(execution.stoppedAt).getTime() - new Date(execution.startedAt).getTime());
	}
	await api.deactivateWorkflow(n8n, workflowId);

	return {
		side,
		wallMs: Math.round(wallMs),
		callsMs: callsMs.map(Math.round),
		requests: stats.total,
		tokenRequests: stats.tokenRequests,
		dataRequests: stats.total - stats.tokenRequests,
		rateLimited: stats.rateLimited,
		byStatus: stats.byStatus,
		memory,
		workNodeMs: workMs,
		workNodeOwnMs: ownMs.map((ms) => Math.round(ms * 10) / 10),
		executionMs: durationsMs,
		itemsIn: job.items.length,
		helplinesOut: expected.length,
		verified: problems.length === 0,
		problems: problems.slice(0, 5),
	};
}

module.exports = { runOnce, expectedIds, startSampler, groupPids, apiBusyMs };
