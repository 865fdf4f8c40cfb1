// @ts-check
'use strict';
/**
 * The bench scripts' command line: `--name=value` options, `--name` flags, and the end of a run
 * (the results written, or the failure with the tail of n8n's output, and what it started stopped),
 * which every script shares.
 */
const fs = require('node:fs');
const path = require('node:path');

/** @param {string[]} argv the arguments after the script's name */
function cliArgs(argv) {
	const text = (/** @type {string} */ name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
	return {
		/** `--name`, alone */
		flag: (/** @type {string} */ name) => argv.includes(`--${name}`),
		/** `--name=value` as given, or undefined */
		text,
		/** `--name=N` as a number, or the fallback */
		number(/** @type {string} */ name, /** @type {number} */ fallback) {
			const value = text(name);
			return value === undefined ? fallback : Number(value);
		},
	};
}

/**
 * Writes `output` to `out` as JSON and, given its Markdown, beside it as `.md`.
 * @param {string} out @param {unknown} output @param {string} [markdown]
 */
function writeResults(out, output, markdown) {
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, JSON.stringify(output, null, 2) + '\n');
	if (markdown !== undefined) fs.writeFileSync(out.replace(/\.json$/, '') + '.md', markdown + '\n');
}

/**
 * A run that failed: exit code 1, the error, and the last lines n8n printed when it had started.
 * @param {unknown} error @param {{logs: () => string} | undefined} n8n
 */
function reportFailure(error, n8n) {
	process.exitCode = 1;
	console.error(error);
	if (n8n) console.error('--- n8n output (tail) ---\n' + n8n.logs().split('\n').slice(-30).join('\n'));
}

/**
 * After a run, whatever happened: the inspector closed, n8n and the sandbox servers stopped, the work folder removed.
 * @param {{workDir: string, n8n?: {dispose: () => Promise<unknown>}, servers: Array<{close: () => Promise<unknown>} | undefined>, inspector?: {close: () => void}}} o
 */
async function cleanUp(o) {
	o.inspector?.close();
	await o.n8n?.dispose().catch(() => {});
	for (const server of o.servers) await server?.close().catch(() => {});
	fs.rmSync(o.workDir, { recursive: true, force: true });
}

module.exports = { cliArgs, writeResults, reportFailure, cleanUp };
