// @ts-check
'use strict';
/**
 * n8n's REST API, as the editor uses it, on a started and signed-in N8nInstance: create a
 * credential, create and publish a workflow (its webhook goes live at once), call the webhook,
 * find the execution it made and read its run data (through the instance's one reader of executions,
 * scripts/n8n/rest.js).
 */
const path = require('node:path');

/**
 * @param {any} n8n a started N8nInstance with a session cookie
 * @param {string} method
 * @param {string} urlPath
 * @param {any} [body]
 */
async function rest(n8n, method, urlPath, body) {
	const res = await n8n.request(method, urlPath, body);
	if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${urlPath} answered ${res.status}: ${res.text.slice(0, 500)}`);
	return res.json?.data ?? res.json;
}

/** @param {any} n8n @param {{name: string, type: string, data: Record<string, unknown>}} credential */
async function createCredential(n8n, credential) {
	const created = await rest(n8n, 'POST', '/rest/credentials', credential);
	return /** @type {string} */ (created.id);
}

/** Create a workflow and publish it: its webhook answers from then on. */
async function createActiveWorkflow(/** @type {any} */ n8n, /** @type {Record<string, any>} */ workflow) {
	const created = await rest(n8n, 'POST', '/rest/workflows', { ...workflow, active: false });
	await rest(n8n, 'POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
	return /** @type {string} */ (created.id);
}

/** Unpublish, so that many benchmark workflows don't stay registered. */
async function deactivateWorkflow(/** @type {any} */ n8n, /** @type {string} */ id) {
	await rest(n8n, 'POST', `/rest/workflows/${id}/deactivate`, {});
}

/**
 * POST the input to the production webhook; resolves when n8n answers (after the last node).
 * @param {any} n8n
 * @param {string} webhookPath
 * @param {unknown} body
 */
async function callWebhook(n8n, webhookPath, body) {
	const res = await fetch(`${n8n.url}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(600_000),
	});
	const text = await res.text();
	return { status: res.status, text };
}

/**
 * The executions of a workflow that have finished, newest first.
 * @param {any} n8n
 * @param {string} workflowId
 * @returns {Promise<Array<{id: string, status: string, startedAt: string, stoppedAt: string}>>}
 */
async function finishedExecutions(n8n, workflowId) {
	const { results } = await n8n.executions(workflowId, { limit: 100 });
	return results.filter((/** @type {any} */ e) => e.stoppedAt && e.status !== 'running' && e.status !== 'new');
}

/** Wait until the workflow has `count` finished executions (stored with their data). */
async function waitForExecutions(
	/** @type {any} */ n8n,
	/** @type {string} */ workflowId,
	/** @type {number} */ count,
	timeoutMs = 120_000,
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const done = await finishedExecutions(n8n, workflowId);
		if (done.length >= count) return done;
		if (Date.now() > deadline)
			throw new Error(`workflow ${workflowId}: ${done.length} of ${count} executions finished after ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * One stored execution with its run data, unflattened (n8n stores it in `flatted` form).
 * @param {any} n8n
 * @param {string} id
 */
async function readExecution(n8n, id) {
	const flatted = require(path.join(n8n.runtime.dir, 'node_modules', 'flatted'));
	const { json } = await n8n.execution(id);
	const e = json?.data ?? json;
	const data = typeof e.data === 'string' ? flatted.parse(e.data) : e.data;
	/** @type {Record<string, Array<{executionTime: number, startTime: number, error?: any, data?: {main?: Array<Array<{json: any}>|null>}}>>} */
	const runData = data?.resultData?.runData ?? {};
	return {
		id,
		status: /** @type {string} */ (e.status),
		startedAt: e.startedAt,
		stoppedAt: e.stoppedAt,
		runData,
		error: data?.resultData?.error,
	};
}

/** Output items of a node's first run (first output). */
function nodeOutput(/** @type {Awaited<ReturnType<typeof readExecution>>} */ execution, /** @type {string} */ node) {
	return execution.runData[node]?.[0]?.data?.main?.[0] ?? [];
}

module.exports = {
	rest,
	createCredential,
	createActiveWorkflow,
	deactivateWorkflow,
	callWebhook,
	finishedExecutions,
	waitForExecutions,
	readExecution,
	nodeOutput,
};
