// @ts-check
'use strict';
/**
 * A private npm registry on loopback (verdaccio, from the npm registry, installed into the tool
 * cache), the packed package published to it, and an `npm` shim that sends n8n's npm calls there.
 *
 * Why a shim: n8n passes `--registry=https://registry.npmjs.org` to every npm command it runs for
 * Community Nodes, and honours N8N_COMMUNITY_PACKAGES_REGISTRY only with an Enterprise licence
 * (`getNpmRegistry()` throws FeatureNotLicensedError otherwise, in 2.41.1 and in 1.123.81). The
 * shim, first on n8n's PATH, swaps that one argument for the local registry; everything else n8n
 * does (pack, strip peer and dev dependencies, install with --ignore-scripts, load) is its own.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureTool } = require('../../../scripts/tools/cache');
const { run, spawnTracked, killTree, freePort, sleep } = require('../../../scripts/n8n/proc');

const VERDACCIO = { id: 'verdaccio-6.8.0', spec: { dependencies: { verdaccio: '6.8.0' }, overrides: { 'node-fetch': '2.7.0' } } };
const PUBLIC_REGISTRY = 'https://registry.npmjs.org';

/** The npm that runs this process (the shim calls it). */
function realNpm() {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const candidate = path.join(dir, 'npm');
		if (dir && fs.existsSync(candidate) && !fs.readFileSync(candidate, 'utf8').includes('throughline-npm-shim')) return candidate;
	}
	throw new Error('npm not found on PATH');
}

/**
 * Write the shim into `dir`: `npm` that replaces `--registry=https://registry.npmjs.org` (and
 * npm's own default) by `registryUrl`, then runs the real npm.
 */
function writeNpmShim(/** @type {string} */ dir, /** @type {string} */ registryUrl) {
	fs.mkdirSync(dir, { recursive: true });
	const shim = [
		'#!/bin/sh',
		'# throughline-npm-shim: n8n asks the public registry; the tests answer from a local one.',
		`export npm_config_registry='${registryUrl}'`,
		'for arg do',
		'  shift',
		`  case "$arg" in --registry=${PUBLIC_REGISTRY}|--registry=${PUBLIC_REGISTRY}/) arg='--registry=${registryUrl}' ;; esac`,
		'  set -- "$@" "$arg"',
		'done',
		`exec '${realNpm()}' "$@"`,
		'',
	].join('\n');
	fs.writeFileSync(path.join(dir, 'npm'), shim, { mode: 0o755 });
	return dir;
}

/**
 * Start verdaccio on a free loopback port with an empty storage and no uplink: only what a test
 * publishes exists (a package that needs anything else fails to install, loudly).
 * @param {{log?: (line: string) => void}} [opts]
 */
async function startRegistry(opts = {}) {
	const toolDir = await ensureTool(VERDACCIO.id, VERDACCIO.spec, { log: opts.log });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-registry-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const config = [
		`storage: ${path.join(dir, 'storage')}`,
		'auth:',
		'  htpasswd:',
		`    file: ${path.join(dir, 'htpasswd')}`,
		'    max_users: -1',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $all',
		'    unpublish: $all',
		'log: { type: stdout, format: pretty, level: warn }',
		'',
	].join('\n');
	fs.writeFileSync(path.join(dir, 'config.yaml'), config);
	// npm publish wants some token for the registry; verdaccio lets anyone publish here.
	const npmrc = path.join(dir, '.npmrc');
	fs.writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=local-test-registry\n`);
	let output = '';
	const bin = path.join(toolDir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	const server = spawnTracked(process.execPath, [bin, '--config', path.join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
		cwd: dir,
		onData: (t) => (output += t),
	});
	let exited = false;
	server.done.finally(() => (exited = true)).catch(() => {});
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (exited) throw new Error(`verdaccio exited at start:\n${output}`);
		try {
			if ((await fetch(`${url}/-/ping`, { signal: AbortSignal.timeout(2000) })).ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			killTree(server.child);
			throw new Error(`verdaccio did not answer on ${url}:\n${output}`);
		}
		await sleep(200);
	}
	const npmEnv = { ...process.env, npm_config_userconfig: npmrc, npm_config_registry: `${url}/`, npm_config_update_notifier: 'false' };
	return {
		url,
		/** Environment for an npm that uses this registry (as a user's npm uses the public one). */
		npmEnv,
		/** Publish a tarball; resolves once it is installable. */
		async publish(/** @type {string} */ tarball) {
			await run('npm', ['publish', tarball, '--tag', 'latest', '--loglevel=error'], { cwd: dir, env: npmEnv, timeoutMs: 60_000 });
		},
		/** A folder holding the `npm` shim, to put first on n8n's PATH. */
		shimDir: () => writeNpmShim(path.join(dir, 'shim'), url),
		logs: () => output,
		async stop() {
			killTree(server.child, 'SIGTERM');
			await server.done.catch(() => {});
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/**
 * The same tarball with another version in its package.json (for update tests), packed as npm
 * packs it. Returns the new tarball's path.
 */
async function repackAs(/** @type {string} */ tarball, /** @type {string} */ version) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-repack-'));
	await run('tar', ['-xzf', tarball, '-C', dir], { timeoutMs: 30_000 });
	const manifestFile = path.join(dir, 'package', 'package.json');
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, version }, null, 2) + '\n');
	const out = await run('npm', ['pack', '--json', '--pack-destination', dir, '--ignore-scripts'], {
		cwd: path.join(dir, 'package'),
		timeoutMs: 60_000,
	});
	return path.join(dir, JSON.parse(out.stdout)[0].filename);
}

/** The next patch version: 0.1.0 → 0.1.1. */
function nextPatch(/** @type {string} */ version) {
	const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
	if (!m) throw new Error(`not a version: ${version}`);
	return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

module.exports = { startRegistry, repackAs, nextPatch, writeNpmShim, PUBLIC_REGISTRY };
