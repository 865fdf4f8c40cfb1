// @ts-check
'use strict';
/**
 * The example workflows in examples/ and the ThroughLine credential they reference, as the demo
 * (scripts/start.js) and the end-to-end tests import them into a real n8n; and a readable summary
 * of the crisis-line lookup's output.
 */
const fs = require('node:fs');
const path = require('node:path');

const EXAMPLES_DIR = path.resolve(__dirname, '..', '..', 'examples');

/** The credential every example references (by id, so importing it links them). */
/** The demo's fixed owner account (a local, loopback-only n8n), also the e2e suites'. */
const OWNER = Object.freeze({ email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'ThroughLine-demo-1' });

const CREDENTIAL = Object.freeze({ id: 'throughline-demo', name: 'ThroughLine account', type: 'throughLineApi' });

/** The examples: file, workflow id (fixed, so editor URLs stay the same) and notable node names. */
const EXAMPLES = Object.freeze({
	crisisLineLookup: Object.freeze({
		file: 'crisis-line-lookup.json',
		id: 'tlCrisisLookup01',
		/** Its last node: the merged, de-duplicated helplines. */
		outputNode: 'Crisis lines',
		/** Manual runs look up these countries (the "Countries" node). */
		countriesNode: 'Countries',
		webhookPath: 'crisis-lines',
	}),
	scheduledPull: Object.freeze({
		file: 'scheduled-pull.json',
		id: 'tlScheduledPull1',
		settingsNode: 'Settings',
		helplinesFile: 'throughline-helplines.csv',
		countsFile: 'throughline-counts.csv',
	}),
	aiAgentTool: Object.freeze({
		file: 'ai-agent-tool.json',
		id: 'tlAiAgentTool001',
		toolNode: 'Find helplines',
	}),
});

/** @typedef {keyof typeof EXAMPLES} ExampleName */

/**
 * One example workflow, parsed fresh from examples/.
 * @param {ExampleName} name
 * @returns {Record<string, any>}
 */
function readExample(name) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, EXAMPLES[name].file), 'utf8'));
}

/**
 * Find a node of a workflow by name (throws when it is missing, so a renamed node fails loudly).
 * @param {Record<string, any>} workflow
 * @param {string} name
 */
function nodeNamed(workflow, name) {
	const node = (workflow.nodes ?? []).find((/** @type {any} */ n) => n.name === name);
	if (!node) throw new Error(`workflow "${workflow.name}" has no node named "${name}"`);
	return node;
}

/**
 * Set a value of a Set node (v3.x "assignments") by field name.
 * @param {Record<string, any>} workflow
 * @param {string} nodeName
 * @param {string} field
 * @param {unknown} value
 */
function setAssignment(workflow, nodeName, field, value) {
	const list = nodeNamed(workflow, nodeName).parameters?.assignments?.assignments ?? [];
	const entry = list.find((/** @type {any} */ a) => a.name === field);
	if (!entry) throw new Error(`node "${nodeName}" sets no field "${field}"`);
	entry.value = value;
}

/**
 * All examples, ready to import. `filesFolder` replaces the folder the scheduled pull writes to
 * (n8n 2.x writes only under N8N_RESTRICT_FILE_ACCESS_TO, default ~/.n8n-files);
 * `countries` replaces the crisis-line lookup's country list.
 * @param {{filesFolder?: string, crisisCountries?: string[], only?: ExampleName[]}} [opts]
 * @returns {Array<Record<string, any>>}
 */
function loadExamples(opts = {}) {
	const names = opts.only ?? /** @type {ExampleName[]} */ (Object.keys(EXAMPLES));
	return names.map((name) => {
		const workflow = readExample(name);
		if (name === 'scheduledPull' && opts.filesFolder) {
			setAssignment(workflow, EXAMPLES.scheduledPull.settingsNode, 'folder', opts.filesFolder);
		}
		if (name === 'crisisLineLookup' && opts.crisisCountries) {
			setAssignment(workflow, EXAMPLES.crisisLineLookup.countriesNode, 'countryCodes', JSON.stringify(opts.crisisCountries));
		}
		return workflow;
	});
}

/**
 * The credential for a ThroughLine-compatible server (environment Custom).
 * @param {{url: string, clientId: string, clientSecret: string}} server
 */
function localCredential(server) {
	return { ...CREDENTIAL, data: localCredentialData(server) };
}

/**
 * What the credential holds for a ThroughLine-compatible server (the benchmark's credentials too).
 * @param {{url: string, clientId: string, clientSecret: string}} server
 */
function localCredentialData(server) {
	return {
		environment: 'custom',
		clientId: server.clientId,
		clientSecret: server.clientSecret,
		baseUrl: server.url,
		tokenUrl: `${server.url}/oauth/token`,
	};
}

/**
 * The credential for ThroughLine's hosted API (environment Production).
 * @param {{clientId: string, clientSecret: string}} keys
 */
function productionCredential(keys) {
	return { ...CREDENTIAL, data: { environment: 'production', clientId: keys.clientId, clientSecret: keys.clientSecret } };
}

/**
 * Items (json) a node output in an execution result as `n8n execute` prints it ([] when it did not run).
 * @param {any} execution
 * @param {string} nodeName
 * @returns {Array<Record<string, any>>}
 */
function nodeOutput(execution, nodeName) {
	const runs = execution?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((/** @type {any} */ run) => (run?.data?.main?.[0] ?? []).map((/** @type {any} */ item) => item.json));
}

/** The error message of a failed execution, if any. */
function executionError(/** @type {any} */ execution) {
	const error = execution?.data?.resultData?.error;
	if (!error) return undefined;
	const node = error.node?.name ? ` (node "${error.node.name}")` : '';
	return `${error.message ?? 'unknown error'}${node}${error.description ? `: ${error.description}` : ''}`;
}

/**
 * A readable summary of the crisis-line lookup's output: per country, how many priority and other
 * helplines came back and the first few with name and phone (or another way to reach them).
 * @param {Array<Record<string, any>>} items Simplified helplines, each with `priority`
 * @param {{perCountry?: number}} [opts]
 */
function summarizeCrisisLines(items, opts = {}) {
	const perCountry = opts.perCountry ?? 3;
	/** @type {Map<string, Array<Record<string, any>>>} */
	const byCountry = new Map();
	for (const item of items) {
		const code = String(item.countryCode ?? '?');
		if (!byCountry.has(code)) byCountry.set(code, []);
		byCountry.get(code)?.push(item);
	}
	const lines = [];
	for (const [code, list] of byCountry) {
		const first = list[0];
		const priority = list.filter((h) => h.priority === true).length;
		const emergency = first.emergencyNumber ? `, emergency ${first.emergencyNumber}` : '';
		lines.push(`${first.country ?? code} (${code}${emergency}): ${list.length} helplines, ${priority} priority`);
		for (const h of list.slice(0, perCountry)) {
			const reach = h.phone
				? `phone ${h.phone}`
				: h.sms
					? `SMS ${h.sms}`
					: h.webChat
						? `chat ${h.webChat}`
						: (h.website ?? 'no contact listed');
			lines.push(`  ${h.priority ? '*' : '-'} ${h.name}: ${reach}`);
		}
		if (list.length > perCountry) lines.push(`  … and ${list.length - perCountry} more`);
	}
	if (!lines.length) lines.push('No helplines came back.');
	return lines.join('\n');
}

module.exports = {
	OWNER,
	EXAMPLES_DIR,
	EXAMPLES,
	CREDENTIAL,
	readExample,
	loadExamples,
	nodeNamed,
	setAssignment,
	localCredential,
	localCredentialData,
	productionCredential,
	nodeOutput,
	executionError,
	summarizeCrisisLines,
};
