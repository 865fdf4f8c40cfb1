// @ts-check
'use strict';
/**
 * Tools the tests need but the package must not depend on (a local npm registry, a workflow
 * linter), installed from the npm registry into the cache beside the n8n runtime, once per
 * version: idempotent, and safe when several processes ask at once (a lock folder serialises).
 */
const fs = require('node:fs');
const path = require('node:path');

const { cacheRoot } = require('../n8n/install');
const { run } = require('../n8n/proc');
const { acquireLock, releaseLock } = require('../n8n/lock');

/** @typedef {{dependencies: Record<string, string>, overrides?: Record<string, string>}} ToolSpec */

/** Folder of one tool set, e.g. `~/.cache/n8n-nodes-throughline/tools/verdaccio-6.8.0`. */
function toolDir(/** @type {string} */ id) {
	return path.join(path.dirname(cacheRoot()), 'tools', id);
}

function isComplete(/** @type {string} */ dir, /** @type {ToolSpec} */ spec) {
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(dir, '.complete.json'), 'utf8'));
		return JSON.stringify(marker.spec) === JSON.stringify(spec);
	} catch {
		return false;
	}
}

/**
 * Install `spec` (exact versions) into the tool folder `id` unless it is already there.
 * Install scripts are skipped: none of these tools needs one.
 * @param {string} id
 * @param {ToolSpec} spec
 * @param {{log?: (line: string) => void, timeoutMs?: number, env?: NodeJS.ProcessEnv}} [opts]
 * `env` is npm's environment (e.g. Node 24 first on PATH for a tool that needs it).
 * @returns {Promise<string>} the folder (its node_modules holds the tool)
 */
async function ensureTool(id, spec, opts = {}) {
	const dir = toolDir(id);
	if (isComplete(dir, spec)) return dir;
	const log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
	const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	const lock = `${dir}.lock`;
	if (!(await acquireLock(lock, { isDone: () => isComplete(dir, spec), deadline, what: id, pollMs: 500 }))) return dir;
	try {
		if (isComplete(dir, spec)) return dir;
		log(
			`installing ${Object.entries(spec.dependencies)
				.map(([n, v]) => `${n}@${v}`)
				.join(', ')} into ${dir} …`,
		);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const pkg = { name: `throughline-tool-${id}`, private: true, description: 'Cache made by scripts/tools; safe to delete.', ...spec };
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
		// Its own .npmrc, so the repo's does not apply (the user's registry settings still do).
		fs.writeFileSync(path.join(dir, '.npmrc'), 'yes=true\nfund=false\naudit=false\nupdate-notifier=false\n');
		await run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env: { ...(opts.env ?? process.env), npm_config_yes: 'true', npm_config_update_notifier: 'false' },
			timeoutMs: Math.max(1000, deadline - Date.now()),
		});
		fs.writeFileSync(path.join(dir, '.complete.json'), JSON.stringify({ spec, at: new Date().toISOString() }, null, 2) + '\n');
		return dir;
	} finally {
		releaseLock(lock);
	}
}

module.exports = { ensureTool, toolDir };
