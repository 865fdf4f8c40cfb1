#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * `node scripts/bench/nodeTimeInProcess.js [--runs=N]`: a cached Search (Helpline > Search,
 * Simplify on, cache on) run through n8n-core's WorkflowExecute (test/harness/runNode.ts) N times,
 * split into its parts by wrapping n8n-core's and the node's functions with a clock, beside a
 * control node run in the same loop that reads the same parameters and the credential and does
 * nothing else. Variants: version 1 with expressions (the chatbot bench), version 1.1 (the topic,
 * and a country name, resolved through the cached lists), and version 1 with literal values
 * (no expression). Prints figures; asserts nothing. Milliseconds per execution.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..', '..');
// n8n-core reads its user folder on import (as test/setupEnv.ts arranges for jest).
if (!process.env.N8N_USER_FOLDER) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-node-time-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}
process.env.N8N_LOG_LEVEL ??= 'silent';
// The harness is TypeScript: compile each file on require, as ts-jest does for the tests. '.ts'
// goes first, as in jest: `./ThroughLine.node` must find ThroughLine.node.ts, not the .node.json codex.
const otherExtensions = { ...require.extensions };
for (const ext of Object.keys(otherExtensions)) delete require.extensions[ext];
require.extensions['.ts'] = (/** @type {NodeJS.Module} */ module, /** @type {string} */ filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
		fileName: filename,
	});
	/** @type {any} */ (module)._compile(outputText, filename);
};
Object.assign(require.extensions, otherExtensions);

const runs = require('./args').cliArgs(process.argv.slice(2)).number('runs', 200);
const harness = require(path.join(ROOT, 'test/harness/runNode.ts'));
const { ExecuteContext } = require('n8n-core');
const { startServer } = require(path.join(ROOT, 'sandbox'));
const { ThroughLine } = require(path.join(ROOT, 'nodes/ThroughLine/ThroughLine.node.ts'));
const { ThroughLineClient } = require(path.join(ROOT, 'nodes/ThroughLine/transport/client.ts'));
const { sharedAnswers } = require(path.join(ROOT, 'nodes/ThroughLine/transport/answerCache.ts'));
const searchTarget = require(path.join(ROOT, 'nodes/ThroughLine/actions/helpline/searchTarget.ts'));
const simplify = require(path.join(ROOT, 'nodes/ThroughLine/helpers/simplify.ts'));

/** Time spent in each wrapped function, per label, while `active` names the node being run. */
/** @type {Record<string, Record<string, number>>} */
const spent = {};
let active = '';
/** @param {any} owner @param {string} name @param {string} label */
function clock(owner, name, label) {
	const original = owner[name];
	owner[name] = function (/** @type {any[]} */ ...args) {
		const t = performance.now();
		const add = () => {
			const bucket = (spent[active] ??= {});
			bucket[label] = (bucket[label] ?? 0) + performance.now() - t;
		};
		const result = original.apply(this, args);
		if (result && typeof result.then === 'function') return result.finally(add);
		add();
		return result;
	};
}
const nodeContext = Object.getPrototypeOf(Object.getPrototypeOf(ExecuteContext.prototype));
clock(nodeContext, '_getNodeParameter', 'getNodeParameter (n8n)');
clock(ExecuteContext.prototype, 'getCredentials', 'getCredentials (n8n)');
clock(ThroughLineClient, 'create', 'client setup (incl. getCredentials)');
clock(searchTarget, 'readSearchTarget', 'country + topic (incl. 2 getNodeParameter)');
clock(sharedAnswers, 'lookup', 'cache lookups + JSON.parse copy');
clock(simplify, 'simplifyHelpline', 'Simplify');

/** A node that reads what the search reads (same parameters, the credential) and does no more. */
const control = {
	description: { ...new ThroughLine().description, name: 'control' },
	/** @this {any} */
	async execute() {
		await this.getCredentials('throughLineApi');
		const items = this.getInputData();
		const names = ['resource', 'operation', 'options'];
		for (const n of names) this.getNodeParameter(n, 0, {});
		const per = ['country', 'topic', 'priorityOnly', 'simplify', 'returnAll', 'limit', 'filters', 'additionalQuery', 'simplify'];
		return [
			items.map((/** @type {any} */ _item, /** @type {number} */ i) => ({
				json: Object.fromEntries(per.map((n) => [n, this.getNodeParameter(n, i, '')])),
				pairedItem: { item: i },
			})),
		];
	},
};
clock(ThroughLine.prototype, 'execute', 'execute() total');
clock(control, 'execute', 'execute() total');

/** One execution of `type` as WorkflowExecute runs it (the test harness's executeNode); the node's executionTime from the run data. */
async function runType(
	/** @type {any} */ credentials,
	/** @type {any} */ type,
	/** @type {string} */ typeName,
	/** @type {any} */ params,
	/** @type {number} */ typeVersion,
	/** @type {any[]} */ input,
) {
	const node = harness.makeNode(params, { type: typeName, typeVersion });
	const run = await harness.executeNode(credentials, node, input, { types: { [typeName]: type } });
	const task = run.data.resultData.runData[node.name][0];
	if (task.error) throw new Error(`${typeName}: ${task.error.message}`);
	return { executionTime: task.executionTime, hints: task.hints ?? [] };
}

const rl = (/** @type {string} */ value) => ({ __rl: true, mode: 'codeOrName', value });
const VARIANTS = [
	{ label: 'v1, expressions (chatbot bench)', typeVersion: 1, country: '={{ $json.body.country }}', topic: '={{ $json.body.topic }}' },
	{
		label: 'v1.1, code + topic (topic list)',
		typeVersion: 1.1,
		country: rl('={{ $json.body.country }}'),
		topic: rl('={{ $json.body.topic }}'),
	},
	{
		label: 'v1.1, name + topic (both lists)',
		typeVersion: 1.1,
		country: rl('={{ $json.body.name }}'),
		topic: rl('={{ $json.body.topic }}'),
	},
	{ label: 'v1, literal values', typeVersion: 1, country: 'AU', topic: 'Suicidal thoughts' },
];

const quantile = (/** @type {number[]} */ xs, /** @type {number} */ q) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const f = (/** @type {number} */ x) => (x < 0.01 ? x.toFixed(3) : x.toFixed(2));

async function main() {
	const server = await startServer({ port: 0, data: { scale: { helplines: 20_000, countries: 200 } } });
	const credentials = harness.createCredentials(harness.localCredential(server));
	const input = [{ body: { country: 'AU', name: 'Australia', topic: 'Suicidal thoughts' } }];
	const load = [os.loadavg()[0]];
	try {
		for (const v of VARIANTS) {
			const params = {
				resource: 'helpline',
				operation: 'search',
				country: v.country,
				topic: v.topic,
				limit: 3,
				simplify: true,
				options: { cacheAnswersFor: 60 },
			};
			await runType(credentials, new ThroughLine(), harness.NODE_TYPE, params, v.typeVersion, input); // fills the cache
			for (const k of Object.keys(spent)) delete spent[k];
			/** @type {Record<string, number[]>} */
			const execTimes = { ours: [], control: [] };
			for (let i = 0; i < runs; i++) {
				active = 'ours';
				const ours = await runType(credentials, new ThroughLine(), harness.NODE_TYPE, params, v.typeVersion, input);
				if (!ours.hints.some((/** @type {any} */ h) => String(h.message).includes("n8n's cache")))
					throw new Error(`${v.label}: run ${i} not answered from the cache`);
				execTimes.ours.push(ours.executionTime);
				active = 'control';
				execTimes.control.push((await runType(credentials, control, 'control', params, v.typeVersion, input)).executionTime);
			}
			load.push(os.loadavg()[0]);
			const ours = spent.ours ?? {};
			const ctl = spent.control ?? {};
			console.log(`\n### ${v.label}: ${runs} cached runs, ms per execution (mean)\n`);
			console.log('| Part | ThroughLine | control |\n|---|---:|---:|');
			for (const label of Object.keys({ ...ours, ...ctl }))
				console.log(`| ${label} | ${f((ours[label] ?? 0) / runs)} | ${label in ctl ? f(ctl[label] / runs) : '–'} |`);
			const ratio = (ours['execute() total'] ?? 0) / (ctl['execute() total'] || 1);
			console.log(
				`| executionTime p50 / p95 (n8n, whole ms) | ${quantile(execTimes.ours, 0.5)} / ${quantile(execTimes.ours, 0.95)} | ${quantile(execTimes.control, 0.5)} / ${quantile(execTimes.control, 0.95)} |`,
			);
			console.log(`\nexecute() ThroughLine ÷ control: ${ratio.toFixed(2)}`);
		}
		const cached = sharedAnswers.keys().map((/** @type {string} */ k) => k.split(' ').pop());
		console.log(
			`\ncache: ${cached.join(', ')}; ${sharedAnswers.bytes} bytes. Load average (1 min) during the runs: ${load.map((x) => x.toFixed(2)).join(', ')}; ${os.cpus().length} cores, Node ${process.version}`,
		);
	} finally {
		await server.close();
		harness.shutdownN8nCore();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
