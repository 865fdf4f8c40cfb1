// @ts-check
'use strict';
/**
 * Reading the node's module-level structures from outside n8n, without adding anything to the node:
 * n8n runs with NODE_OPTIONS=--inspect=127.0.0.1:0, and the soak asks its inspector (Chrome DevTools
 * protocol over a WebSocket: n8n's own `ws` package) to evaluate an expression that finds the
 * package's compiled transport modules in require.cache and reads their sizes.
 */
const path = require('node:path');

/** The first "Debugger listening on ws://…" in n8n's output: the main process (the task runner starts later). */
function inspectorUrl(/** @type {string} */ logs) {
	return /Debugger listening on (ws:\/\/\S+)/.exec(logs)?.[1];
}

/** What one sample reads. Private fields are plain properties at run time. */
const STRUCTURES = `(() => {
	const keys = Object.keys(require.cache).filter((k) => k.includes('n8n-nodes-throughline') && k.includes('transport'));
	const mod = (name) => { const k = keys.find((x) => x.endsWith('transport/' + name + '.js')); return k ? require.cache[k].exports : undefined; };
	const cache = mod('answerCache')?.sharedAnswers;
	const quota = mod('quota')?.processCalls;
	const ids = quota ? [...quota.identities.values()] : [];
	const mem = process.memoryUsage();
	return JSON.stringify({
		loaded: keys.length,
		answerCacheEntries: cache?.size ?? null,
		answerCacheBytes: cache?.bytes ?? null,
		readsInFlight: mod('sharedReads')?.readsInFlight?.() ?? null,
		quotaIdentities: quota ? quota.identities.size : null,
		quotaBuckets: ids.reduce((n, b) => n + b.size, 0),
		budgetIdentities: mod('callBudget')?.processBudget?.size ?? null,
		heapUsedMiB: Math.round(mem.heapUsed / 1048576 * 10) / 10,
		rssMiB: Math.round(mem.rss / 1048576 * 10) / 10,
	});
})()`;

/** @param {{dir: string}} runtime n8n's install (its node_modules has ws) @param {string} url */
async function connect(runtime, url) {
	const WebSocket = require(path.join(runtime.dir, 'node_modules', 'ws'));
	const socket = new WebSocket(url);
	await new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	});
	let id = 0;
	/** @type {Map<number, (m: any) => void>} */
	const waiting = new Map();
	socket.on('message', (/** @type {Buffer} */ data) => {
		const message = JSON.parse(String(data));
		waiting.get(message.id)?.(message);
		waiting.delete(message.id);
	});
	/** @param {string} method @param {Record<string, unknown>} [params] */
	const call = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const n = ++id;
			const timer = setTimeout(() => reject(new Error(`inspector: ${method} timed out`)), 30_000);
			waiting.set(n, (m) => {
				clearTimeout(timer);
				if (m.error) reject(new Error(`inspector: ${m.error.message}`));
				else resolve(m.result);
			});
			socket.send(JSON.stringify({ id: n, method, params }));
		});
	return {
		/** Collect garbage first, so that RSS and heap are compared without garbage that is merely uncollected. */
		async structures() {
			await call('HeapProfiler.collectGarbage');
			const result = /** @type {any} */ (
				await call('Runtime.evaluate', { expression: STRUCTURES, includeCommandLineAPI: true, returnByValue: true })
			);
			if (result.exceptionDetails)
				throw new Error(`inspector: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
			return JSON.parse(result.result.value);
		},
		/** The value of an expression evaluated in n8n's main process (as JSON text when it is one). */
		async evaluate(/** @type {string} */ expression) {
			const result = /** @type {any} */ (
				await call('Runtime.evaluate', { expression, includeCommandLineAPI: true, returnByValue: true, awaitPromise: true })
			);
			if (result.exceptionDetails)
				throw new Error(`inspector: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
			return result.result.value;
		},
		close: () => socket.close(),
	};
}

module.exports = { inspectorUrl, connect, STRUCTURES };
