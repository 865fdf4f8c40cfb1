#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `node scripts/bench/nodeTime.js [--executions=N] [--control-first] [--engine=legacy|vm] [--no-wait] [--out=FILE]`:
 * where a cached answer's node time goes, in real n8n 2.41.1 (`n8n start`). One published
 * workflow, one execution at a time: a Webhook feeding, side by side, the ThroughLine node
 * (Helpline > Search, Simplify on, cache on, the chatbot bench's parameters; version 1 and version
 * 1.1, which resolves the topic through the cached topic list) and two controls that do no
 * ThroughLine work: Edit Fields with the same expressions, and No Operation. The first execution
 * fills the cache; the others are answered from it (checked by the node's hint).
 * Two phases of N executions: plain (each node's executionTime from n8n's run data, p50/p95 and
 * the ratio to Edit Fields in the same executions), then with clocks put into n8n's process
 * through its inspector (nodeTimeClocks.js): credential read, parameter reads, hooks, the node's
 * own parts. --control-first runs Edit Fields before the ThroughLine nodes; --engine sets
 * N8N_EXPRESSION_ENGINE. Prints figures and writes them to --out; asserts nothing.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { startServer } = require('../../sandbox');
const setup = require('./setup');
const api = require('./api');
const wf = require('./workflows');
const inspect = require('./inspect');
const clocks = require('./nodeTimeClocks');
const { cliArgs, writeResults, reportFailure, cleanUp } = require('./args');

const { flag, number, text } = cliArgs(process.argv.slice(2));
const EXECUTIONS = number('executions', 200);
const NO_WAIT = flag('no-wait');
// Edit Fields runs first (above the others): whichever node evaluates the execution's first expressions pays for them.
const CONTROL_FIRST = flag('control-first');
// n8n 2.41.1 evaluates expressions in an isolate by default (vm); legacy evaluates them in-process.
const ENGINE = text('engine');
const OUT = text('out') ?? path.join(setup.ROOT, 'bench-results', 'node-time.json');
const QUERY = { country: 'AU', topic: 'Suicidal thoughts' };
const log = (/** @type {string} */ l) => console.log(`[node-time] ${l}`);

const nodeId = wf.nodeIds('d');

/** The chatbot bench's search (scripts/bench/chatbot.js), in a given version. */
const throughLine = (
	/** @type {string} */ name,
	/** @type {number} */ typeVersion,
	/** @type {any} */ credential,
	/** @type {number} */ y,
) =>
	wf.throughLineSearchNode({
		id: nodeId(),
		name,
		typeVersion,
		position: [240, y],
		credential,
		parameters: {
			country: typeVersion >= 1.1 ? { __rl: true, mode: 'codeOrName', value: '={{ $json.body.country }}' } : '={{ $json.body.country }}',
			topic: typeVersion >= 1.1 ? { __rl: true, mode: 'codeOrName', value: '={{ $json.body.topic }}' } : '={{ $json.body.topic }}',
			limit: 3,
			simplify: true,
			options: { cacheAnswersFor: 60 },
		},
	});

/** @param {string} webhookPath @param {{id: string, name: string}} cred */
function workflow(webhookPath, cred) {
	const nodes = [
		wf.webhookNode(nodeId(), webhookPath, 'noData'),
		throughLine('ThroughLine', 1, cred, 0),
		throughLine('ThroughLine 1.1', 1.1, cred, 200),
		{
			id: nodeId(),
			name: 'Edit Fields',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [240, CONTROL_FIRST ? -200 : 400],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'a1', name: 'country', value: '={{ $json.body.country }}', type: 'string' },
						{ id: 'a2', name: 'topic', value: '={{ $json.body.topic }}', type: 'string' },
						{ id: 'a3', name: 'limit', value: 3, type: 'number' },
					],
				},
				options: {},
			},
		},
		{ id: nodeId(), name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 600], parameters: {} },
	];
	const targets = CONTROL_FIRST
		? ['Edit Fields', 'ThroughLine', 'ThroughLine 1.1', 'No Operation']
		: ['ThroughLine', 'ThroughLine 1.1', 'Edit Fields', 'No Operation'];
	return {
		name: webhookPath,
		nodes,
		connections: { Webhook: { main: [targets.map((node) => ({ node, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
	};
}

const quantile = (/** @type {number[]} */ xs, /** @type {number} */ q) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

/**
 * `count` executions one at a time ("When Last Node Finishes" answers once the whole execution is
 * done), then each node's executionTime from their run data; ThroughLine runs not answered from
 * the cache (the first, which fills it) are counted apart.
 * @param {any} n8n @param {string} webhookPath @param {string} workflowId @param {number} count
 */
async function runPhase(n8n, webhookPath, workflowId, count) {
	const loadStart = setup.loadavg();
	for (let i = 0; i < count; i++) {
		const res = await api.callWebhook(n8n, webhookPath, QUERY);
		if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.text.slice(0, 300)}`);
	}
	const loadEnd = setup.loadavg();
	// Only this workflow runs in this n8n, and its execution IDs count up: the newest and the ones before it.
	const newest = Number((await n8n.executions(workflowId, { limit: 1 })).results[0].id);
	/** @type {Record<string, number[]>} */
	const times = {};
	let notCached = 0;
	for (let id = newest - count + 1; id <= newest; id++) {
		const { runData } = await api.readExecution(n8n, String(id));
		for (const [node, runs] of Object.entries(runData)) {
			const run = /** @type {any} */ (runs[0]);
			if (node.startsWith('ThroughLine') && !(run.hints ?? []).some((/** @type {any} */ h) => String(h.message).includes("n8n's cache"))) {
				notCached++;
				continue;
			}
			(times[node] ??= []).push(run.executionTime);
		}
	}
	const control = quantile(times['Edit Fields'] ?? [], 0.5);
	const rows = Object.entries(times).map(([node, xs]) => ({
		node,
		n: xs.length,
		p50: quantile(xs, 0.5),
		p95: quantile(xs, 0.95),
		mean: Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100,
		vsEditFieldsP50: control > 0 ? Math.round((quantile(xs, 0.5) / control) * 100) / 100 : null,
	}));
	return { loadStart, loadEnd, notCached, rows };
}

function printRows(/** @type {Awaited<ReturnType<typeof runPhase>>} */ phase) {
	console.log('| Node | n | executionTime p50 ms | p95 ms | mean ms | p50 ÷ Edit Fields p50 |\n|---|---:|---:|---:|---:|---:|');
	for (const r of phase.rows) console.log(`| ${r.node} | ${r.n} | ${r.p50} | ${r.p95} | ${r.mean} | ${r.vsEditFieldsP50 ?? '–'} |`);
	console.log(
		`load average (1, 5, 15 min) ${Object.values(phase.loadStart).join(', ')} → ${Object.values(phase.loadEnd).join(', ')}; ${phase.notCached} ThroughLine runs not from the cache left out`,
	);
}

async function main() {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-node-time-'));
	/** @type {any} */ let n8n;
	/** @type {any} */ let server;
	/** @type {any} */ let inspector;
	try {
		const waited = NO_WAIT ? { load1: os.loadavg()[0], waitedS: 0, quiet: false } : await setup.waitForQuietMachine(2, 300_000, log);
		log('building and packing the package from the current sources');
		const tarball = setup.packPackage(workDir);
		server = await startServer({ data: { scale: { helplines: 20_000, countries: 200 } }, perSecondLimit: 30, dailyLimit: 0 });
		/** @type {Record<string, string>} */
		const env = { NODE_OPTIONS: '--inspect=127.0.0.1:0', ...(ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {}) };
		log(`expression engine: ${ENGINE ?? "n8n's default"}; ${CONTROL_FIRST ? 'Edit Fields' : 'ThroughLine'} runs first`);
		await setup.startN8n({ workDir, tarball, log, env, onInstance: (instance) => (n8n = instance) });
		const url = inspect.inspectorUrl(n8n.logs());
		if (!url) throw new Error('n8n printed no inspector address');
		inspector = await inspect.connect(n8n.runtime, url);
		const name = `node-time-${Date.now().toString(36)}`;
		const credentialId = await api.createCredential(n8n, wf.credential('ours', server, name));
		const workflowId = await api.createActiveWorkflow(n8n, workflow(name, { id: credentialId, name }));
		await new Promise((r) => setTimeout(r, 2000)); // n8n registers a published webhook a moment later
		await runPhase(n8n, name, workflowId, 1); // fills the cache and loads the node's modules
		log(`${EXECUTIONS} cached executions, plain`);
		const plain = await runPhase(n8n, name, workflowId, EXECUTIONS);
		printRows(plain);
		log(`${EXECUTIONS} cached executions with clocks in n8n (inspector)`);
		await inspector.evaluate(clocks.INSTALL);
		const clocked = await runPhase(n8n, name, workflowId, EXECUTIONS);
		const sums = JSON.parse(await inspector.evaluate(clocks.READ_AND_RESET));
		printRows(clocked);
		const parts = Object.keys(sums.ms)
			.sort()
			.map((part) => ({
				part,
				msPerExecution: Math.round((sums.ms[part] / EXECUTIONS) * 1000) / 1000,
				callsPerExecution: sums.calls[part] / EXECUTIONS,
			}));
		console.log('\n| Part (clocked in n8n) | ms per execution (mean) | calls per execution |\n|---|---:|---:|');
		for (const p of parts) console.log(`| ${p.part} | ${p.msPerExecution} | ${p.callsPerExecution} |`);
		// Counts only: the sandbox's stats also key calls by token, which has no place in a report.
		const { total, byRoute, tokenRequests } = server.stats();
		const output = {
			started: new Date().toISOString(),
			machine: { ...setup.machine(n8n.runtime), waitedForQuiet: waited },
			executions: EXECUTIONS,
			expressionEngine: ENGINE ?? 'default (2.41.1: vm)',
			firstNode: CONTROL_FIRST ? 'Edit Fields' : 'ThroughLine',
			query: QUERY,
			throughLineCalls: { total, byRoute, tokenRequests },
			plain,
			clocked,
			parts,
		};
		writeResults(OUT, output);
		log(`ThroughLine calls ${total} (the first execution's); wrote ${path.relative(process.cwd(), OUT)}`);
	} catch (error) {
		reportFailure(error, n8n);
	} finally {
		await cleanUp({ workDir, n8n, servers: [server], inspector });
	}
}

main();
