// @ts-check
'use strict';
/**
 * Child processes with a timeout, killed with their whole process group (n8n spawns task
 * runners, npm spawns compilers) on timeout, on failure and when this process exits: no orphans.
 */
const { spawn } = require('node:child_process');
const net = require('node:net');

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();
let hooked = false;

/** Kill a detached child's whole process group (n8n spawns task runners, npm spawns make). */
function killTree(/** @type {import('node:child_process').ChildProcess} */ child, /** @type {NodeJS.Signals} */ sig = 'SIGKILL') {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, sig); // the group outlives its leader while members remain
	} catch {
		if (child.exitCode === null && child.signalCode === null) child.kill(sig);
	}
}

function hookExit() {
	if (hooked) return;
	hooked = true;
	process.on('exit', () => {
		for (const c of live) killTree(c);
	});
	for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
		process.once(sig, () => {
			for (const c of live) killTree(c);
			if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
		});
	}
}

/**
 * Spawn a command in its own process group. Output goes to `onData` (if given) and is collected.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, onData?: (text: string, stream: 'stdout'|'stderr') => void}} [opts]
 */
function spawnTracked(cmd, args, opts = {}) {
	hookExit();
	const child = spawn(cmd, args, {
		cwd: opts.cwd,
		env: opts.env ?? process.env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	live.add(child);
	let stdout = '';
	let stderr = '';
	let timedOut = false;
	for (const name of /** @type {const} */ (['stdout', 'stderr'])) {
		child[name]?.on('data', (b) => {
			const t = b.toString();
			if (name === 'stdout') stdout += t;
			else stderr += t;
			opts.onData?.(t, name);
		});
	}
	const timer = opts.timeoutMs
		? setTimeout(() => {
				timedOut = true;
				killTree(child);
			}, opts.timeoutMs)
		: undefined;
	/** @type {Promise<{code: number|null, signal: string|null, stdout: string, stderr: string, timedOut: boolean}>} */
	const done = new Promise((resolve, reject) => {
		child.on('error', (err) => {
			clearTimeout(timer);
			live.delete(child);
			reject(err);
		});
		// A grandchild holding our pipes open would delay 'close': end the group soon after 'exit'.
		child.on('exit', () => setTimeout(() => killTree(child), 2000).unref());
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			live.delete(child);
			killTree(child); // grandchildren that outlived the leader
			resolve({ code, signal, stdout, stderr, timedOut });
		});
	});
	return { child, done };
}

/**
 * Run to completion; rejects on timeout, and on a non-zero exit unless `allowFail`.
 * @param {string} cmd
 * @param {string[]} args
 * @param {Parameters<typeof spawnTracked>[2] & {allowFail?: boolean}} [opts]
 */
async function run(cmd, args, opts = {}) {
	const t0 = Date.now();
	const r = await spawnTracked(cmd, args, opts).done;
	const res = { ...r, durationMs: Date.now() - t0 };
	if (r.timedOut || (!opts.allowFail && r.code !== 0)) {
		const why = r.timedOut ? `timed out after ${opts.timeoutMs} ms` : `exited with ${r.code ?? r.signal}`;
		const tail = (r.stdout + '\n' + r.stderr).trim().split('\n').slice(-40).join('\n');
		throw Object.assign(new Error(`${cmd} ${args.join(' ')} ${why}\n${tail}`), res);
	}
	return res;
}

function sleep(/** @type {number} */ ms) {
	return new Promise((r) => setTimeout(r, ms));
}

function pidAlive(/** @type {number} */ pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return /** @type {NodeJS.ErrnoException} */ (e).code === 'EPERM';
	}
}

/** A free TCP port on the loopback interface. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
		});
	});
}

module.exports = { spawnTracked, run, killTree, sleep, pidAlive, freePort };
