// @ts-check
'use strict';
/**
 * One n8n user folder (its own sqlite database, encryption key and ports), driven through n8n's
 * CLI (import/execute/export, activate) and, while `start()`ed, its HTTP server: owner, sign-in and
 * the REST reads come from N8nRest (rest.js).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { buildEnv } = require('./env');
const { run, spawnTracked, killTree, freePort } = require('./proc');
const { parseExecuteOutput, newId, restReady } = require('./instanceHelpers');
const { N8nRest } = require('./rest');

/** @typedef {{nodeBin: string, n8nBin: string, version: string, dir: string}} Runtime */

class N8nInstance extends N8nRest {
	/**
	 * @param {{runtime: Runtime, userFolder?: string, encryptionKey?: string, logLevel?: string,
	 *   env?: Record<string, string>, onOutput?: (text: string) => void}} opts
	 * `userFolder` defaults to a new temp folder; `env` adds to or overrides the built env;
	 * `onOutput` sees n8n's output as it comes (e.g. `(t) => process.stderr.write(t)` to debug).
	 */
	constructor(opts) {
		super();
		this.runtime = opts.runtime;
		this.ownsFolder = !opts.userFolder;
		this.userFolder = opts.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-e2e-n8n-'));
		fs.mkdirSync(this.userFolder, { recursive: true });
		this.encryptionKey = opts.encryptionKey ?? crypto.randomBytes(24).toString('hex');
		this.logLevel = opts.logLevel ?? 'info';
		this.extraEnv = opts.env ?? {};
		this.onOutput = opts.onOutput;
		this.output = ''; // everything every n8n process of this instance printed, in order
		this.seq = 0;
		/** @type {number|undefined} N8N_PORT, known after getEnv() */ this.port = undefined;
		/** @type {Record<string, string>|undefined} */ this.env = undefined;
		/** @type {ReturnType<typeof spawnTracked>|undefined} */ this.server = undefined;
	}

	/** Build the env once (ports are picked on first use). */
	async getEnv() {
		if (this.env) return this.env;
		const [port, brokerPort] = [await freePort(), await freePort()];
		this.port = port;
		const { runtime, userFolder, encryptionKey, logLevel, extraEnv } = this;
		this.env = buildEnv({ runtime, userFolder, encryptionKey, logLevel, port, brokerPort, extraEnv });
		return this.env;
	}

	collect(/** @type {string} */ text) {
		this.output += text;
		this.onOutput?.(text);
	}

	/** All n8n output (stdout and stderr of every command and the server) collected so far. */
	logs() {
		return this.output;
	}

	/**
	 * Run one n8n CLI command. Rejects on timeout, and on a failed exit unless `allowFail`.
	 * n8n 1.123.81 and 2.41.1 sometimes die by SIGSEGV in process.exit() (isolated-vm teardown)
	 * after finishing their work: with `okPattern` matching stdout, that counts as success.
	 * @param {string[]} args
	 * @param {{timeoutMs?: number, allowFail?: boolean, okPattern?: RegExp, env?: Record<string, string>}} [opts]
	 */
	async cli(args, opts = {}) {
		const env = { ...(await this.getEnv()), ...opts.env };
		this.collect(`\n$ n8n ${args.join(' ')}\n`);
		const r = await run(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
			cwd: this.userFolder, // n8n loads a .env from its working directory
			env,
			timeoutMs: opts.timeoutMs ?? 180_000,
			allowFail: true,
			onData: (t) => this.collect(t),
		});
		const crashedOnExit = r.code === null && r.signal === 'SIGSEGV';
		const ok = r.code === 0 || (crashedOnExit && !!opts.okPattern?.test(r.stdout));
		if (!ok && !opts.allowFail) {
			const tail = (r.stdout + '\n' + r.stderr).trim().split('\n').slice(-30).join('\n');
			throw Object.assign(new Error(`n8n ${args.join(' ')} exited with ${r.code ?? r.signal}\n${tail}`), r);
		}
		return { ...r, crashedOnExit };
	}

	/**
	 * A private temp file in the user folder (written if `content` is given), removed after `fn`.
	 * @template T
	 * @param {string} name
	 * @param {string|undefined} content
	 * @param {(file: string) => Promise<T>} fn
	 * @returns {Promise<T>}
	 */
	async withTempFile(name, content, fn) {
		const dir = path.join(this.userFolder, '.tmp');
		fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
		const file = path.join(dir, `${++this.seq}-${name}`);
		if (content !== undefined) fs.writeFileSync(file, content, { mode: 0o600 });
		try {
			return await fn(file);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/**
	 * Import decrypted credentials ({id?, name, type, data}); ids are filled in when missing.
	 * @param {Array<Record<string, any>>} credentials
	 * @returns {Promise<string[]>} the ids
	 */
	async importCredentials(credentials) {
		const list = credentials.map((c) => ({ id: newId(), ...c }));
		await this.withTempFile('credentials.json', JSON.stringify(list), (f) =>
			this.cli(['import:credentials', `--input=${f}`], { okPattern: /Successfully imported/ }),
		);
		return list.map((c) => c.id);
	}

	/**
	 * Import workflows (n8n's export format; id, active, settings filled in when missing).
	 * @param {Array<Record<string, any>>} workflows
	 * @returns {Promise<string[]>} the ids
	 */
	async importWorkflows(workflows) {
		const list = workflows.map((w) => ({ id: newId(), active: false, settings: {}, connections: {}, ...w }));
		await this.withTempFile('workflows.json', JSON.stringify(list), (f) =>
			this.cli(['import:workflow', `--input=${f}`], { okPattern: /Successfully imported/ }),
		);
		return list.map((w) => w.id);
	}

	/**
	 * `n8n execute --id`. Never rejects on a failed workflow (exit code 1): check `status`.
	 * Rejects when no execution JSON was printed (unknown id, n8n failed to boot) or on timeout.
	 * @param {string} workflowId
	 * @param {{timeoutMs?: number}} [opts]
	 * @returns {Promise<{result: any, status: string|undefined, exitCode: number|null, signal: string|null,
	 *   crashedOnExit: boolean, stdout: string, stderr: string, durationMs: number}>}
	 */
	async execute(workflowId, opts = {}) {
		// A fresh broker port so that execute works while `start()` runs; n8n prints the result
		// through its logger, so below level info it would print nothing.
		const env = { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		if (/^(warn|error|silent)$/.test(this.logLevel)) Object.assign(env, { N8N_LOG_LEVEL: 'info' });
		const r = await this.cli(['execute', `--id=${workflowId}`], { timeoutMs: opts.timeoutMs, allowFail: true, env });
		const result = parseExecuteOutput(r.stdout);
		if (result === undefined) {
			const tail = (r.stdout + '\n' + r.stderr).trim().split('\n').slice(-30).join('\n');
			throw Object.assign(new Error(`n8n execute --id=${workflowId} printed no execution JSON (exit ${r.code})\n${tail}`), r);
		}
		// n8n prints and stores the result before exiting; a SIGSEGV after that (see cli()) does not
		// change the result, but the exit code is lost: check `status`, not `exitCode`.
		return {
			result,
			status: result.status,
			exitCode: r.code,
			signal: r.signal,
			crashedOnExit: r.crashedOnExit,
			stdout: r.stdout,
			stderr: r.stderr,
			durationMs: r.durationMs,
		};
	}

	/** `n8n export:nodes`: the node type descriptions n8n loaded (each has `name`, e.g. `n8n-nodes-x.y`). */
	async exportNodes() {
		return this.withTempFile('nodes.json', undefined, async (f) => {
			await this.cli(['export:nodes', `--output=${f}`], { okPattern: /Successfully exported/ });
			return /** @type {Array<{name: string, version: number|number[], displayName: string}>} */ (JSON.parse(fs.readFileSync(f, 'utf8')));
		});
	}

	/** `n8n export:credentials --all --decrypted`. */
	async exportCredentials() {
		return this.withTempFile('credentials-out.json', undefined, async (f) => {
			await this.cli(['export:credentials', '--all', '--decrypted', `--output=${f}`], { okPattern: /Successfully exported/ });
			return /** @type {Array<Record<string, any>>} */ (JSON.parse(fs.readFileSync(f, 'utf8')));
		});
	}

	/**
	 * `n8n start`; resolves once GET /healthz answers 200 and the REST API answers JSON: between
	 * the two, n8n serves any route a plain 200 "n8n is starting up" page (no JSON, no cookie).
	 * @param {{timeoutMs?: number}} [opts]
	 * @returns {Promise<{url: string}>}
	 */
	async start(opts = {}) {
		for (let attempt = 1; ; attempt++) {
			const from = this.output.length;
			try {
				return await this.startOnce(opts);
			} catch (error) {
				// A port picked free earlier can be taken by the time n8n binds it (any outgoing
				// connection may get it as its local port): n8n then exits at once. Ask again.
				if (attempt >= 3 || this.server || !/is already in use/.test(this.output.slice(from))) throw error;
			}
		}
	}

	/** @param {{timeoutMs?: number}} opts */
	async startOnce(opts) {
		if (this.server) return { url: /** @type {string} */ (this.url) };
		const env = await this.getEnv();
		// Picked now, not when the env was built: the imports and publishing before a start can
		// take half a minute, long enough for the port to be given to someone else.
		env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
		const url = `http://127.0.0.1:${this.port}`;
		this.collect('\n$ n8n start\n');
		const server = spawnTracked(this.runtime.nodeBin, [this.runtime.n8nBin, 'start'], {
			cwd: this.userFolder,
			env,
			onData: (t) => this.collect(t),
		});
		this.server = server;
		let exited = false;
		server.done.finally(() => (exited = true)).catch(() => {});
		const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
		for (;;) {
			if (exited) {
				this.server = undefined;
				throw new Error(`n8n start exited before /healthz answered\n${this.output.split('\n').slice(-30).join('\n')}`);
			}
			if (await restReady(url)) break;
			if (Date.now() > deadline) {
				await this.stop();
				throw new Error(`n8n start: its REST API did not answer within ${opts.timeoutMs ?? 180_000} ms`);
			}
			await new Promise((r) => setTimeout(r, 250));
		}
		this.url = url;
		return { url };
	}

	/** Stop the server: SIGTERM to its process group, SIGKILL after `graceMs`. */
	async stop(graceMs = 10_000) {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		this.url = undefined;
		this.cookie = undefined;
		killTree(server.child, 'SIGTERM');
		const timer = setTimeout(() => killTree(server.child, 'SIGKILL'), graceMs);
		await server.done.catch(() => {});
		clearTimeout(timer);
	}

	/**
	 * Activate a workflow while n8n is not running (a running n8n picks it up at its next start):
	 * `publish:workflow --id` on 2.x, `update:workflow --id --active=true` on 1.x.
	 * @param {string} id
	 */
	async activateWorkflow(id) {
		const args = String(this.runtime.version).startsWith('1.')
			? ['update:workflow', `--id=${id}`, '--active=true']
			: ['publish:workflow', `--id=${id}`];
		await this.cli(args, { okPattern: /(Publishing|Activating) workflow/ });
	}

	/** Stop the server; delete the user folder if this instance made it (or if `removeFolder`). */
	async dispose(removeFolder = this.ownsFolder) {
		await this.stop();
		if (removeFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

module.exports = { N8nInstance, parseExecuteOutput, freePort, newId };
