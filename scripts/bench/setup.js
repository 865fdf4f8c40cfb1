// @ts-check
'use strict';
/**
 * Everything the benchmark runs on: the package built and packed from the current sources in a
 * private folder (other people's `npm run build` may empty dist/ at any moment), a real n8n with it
 * installed the way Community Nodes does, signed in for REST calls, and the machine's description.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n, installPackage, N8nInstance } = require('../n8n');

const ROOT = path.resolve(__dirname, '..', '..');
const OWNER = { email: 'bench@example.com', firstName: 'Bench', lastName: 'Mark', password: 'Bench-mark-password-1' };

/** Compile nodes/ and credentials/ into a temp folder, copy icons and codex files, `npm pack` it. */
function packPackage(/** @type {string} */ workDir) {
	const stage = path.join(workDir, 'package');
	fs.mkdirSync(stage, { recursive: true });
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(stage, 'dist')], {
		cwd: ROOT,
		stdio: 'inherit',
	});
	for (const dir of ['nodes', 'credentials']) {
		fs.cpSync(path.join(ROOT, dir), path.join(stage, 'dist', dir), {
			recursive: true,
			filter: (src) => fs.statSync(src).isDirectory() || /\.(png|svg|json)$/.test(src),
		});
	}
	for (const f of ['package.json', 'README.md', 'LICENSE.md']) {
		if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(stage, f));
	}
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], { cwd: stage, encoding: 'utf8' }),
	);
	return path.join(workDir, packed.filename);
}

/**
 * n8n 2.41.1 with the package, started (`n8n start`), owner signed in.
 * @param {{workDir: string, tarball: string, log: (l: string) => void, onInstance: (n8n: any) => void, env?: Record<string, string>}} o
 */
async function startN8n(o) {
	const runtime = await ensureN8n({ version: '2.41.1', log: o.log });
	const n8n = new N8nInstance({
		runtime,
		userFolder: path.join(o.workDir, 'n8n-user'),
		logLevel: 'warn',
		env: {
			// Every execution is stored (the run data is checked and timed from there).
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_PRUNE: 'false',
			...o.env,
		},
	});
	await installPackage({ userFolder: n8n.userFolder, tarball: o.tarball });
	o.onInstance(n8n); // from here on the caller disposes it, whatever happens
	const t = Date.now();
	await n8n.start({ timeoutMs: 240_000 });
	await n8n.setupOwner(OWNER);
	o.log(`n8n ${runtime.version} started on ${n8n.url} in ${Math.round((Date.now() - t) / 1000)} s`);
	return n8n;
}

/** Wait (up to `maxMs`) until the 1-minute load average is below `below`; returns what was seen. */
async function waitForQuietMachine(/** @type {number} */ below, /** @type {number} */ maxMs, /** @type {(l: string) => void} */ log) {
	const t0 = Date.now();
	let last = 0;
	for (;;) {
		const load = os.loadavg()[0];
		const waitedS = Math.round((Date.now() - t0) / 1000);
		if (load < below) return { load1: load, waitedS, quiet: true };
		if (Date.now() - t0 >= maxMs) return { load1: load, waitedS, quiet: false };
		if (Date.now() - last >= 60_000) {
			last = Date.now();
			log(`load average ${load.toFixed(2)} ≥ ${below}: waiting (${waitedS} s of at most ${Math.round(maxMs / 1000)} s)`);
		}
		await new Promise((r) => setTimeout(r, 5000));
	}
}

function loadavg() {
	const [one, five, fifteen] = os.loadavg().map((v) => Math.round(v * 100) / 100);
	return { one, five, fifteen };
}

/** @param {{nodeBin: string}} runtime */
function machine(runtime) {
	const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown';
	let n8nNode = '';
	try {
		n8nNode = execFileSync(runtime.nodeBin, ['--version'], { encoding: 'utf8' }).trim();
	} catch {
		/* reported as unknown */
	}
	return {
		nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
		cpuModel: cpu,
		memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
		os: `${os.type()} ${os.release()}`,
		benchNode: process.version,
		n8nNode: n8nNode || 'unknown',
		n8nVersion: '2.41.1',
	};
}

module.exports = { packPackage, startN8n, waitForQuietMachine, loadavg, machine, OWNER, ROOT };
