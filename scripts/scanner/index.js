// @ts-check
'use strict';
/**
 * n8n's own verification scanner (@n8n/scan-community-package), installed into the cache beside
 * the n8n runtime rather than into our dependencies: it pulls a newer n8n-workflow with a native
 * module that does not build on Node 20, and it needs none of its install scripts to lint.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { cacheRoot } = require('../n8n');

const VERSION = '0.32.0';

function scannerDir() {
	return path.join(path.dirname(cacheRoot()), 'scanner', VERSION);
}

/** Installs the scanner once; later calls return at once. */
function ensureScanner(log = (/** @type {string} */ line) => process.stdout.write(`${line}\n`)) {
	const dir = scannerDir();
	const marker = path.join(dir, '.complete');
	if (fs.existsSync(marker)) return dir;
	log(`installing @n8n/scan-community-package ${VERSION} into ${dir} …`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'throughline-scanner', private: true }));
	execFileSync(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--save-exact', `@n8n/scan-community-package@${VERSION}`],
		{ cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, npm_config_yes: 'true' } },
	);
	fs.writeFileSync(marker, new Date().toISOString());
	return dir;
}

/**
 * Lints a package folder as n8n's scanner does: `mode: 'package'` for an unpacked tarball (every
 * .js/.ts/.json file), `mode: 'source'` for a source checkout (package.json, nodes/, credentials/).
 * @returns {{ passed: boolean, message?: string, details?: string }}
 */
function scan(/** @type {string} */ packageDir, /** @type {'package' | 'source'} */ mode = 'package') {
	const dir = ensureScanner();
	const output = execFileSync(process.execPath, [path.join(__dirname, 'scan.mjs'), packageDir, mode], {
		cwd: dir,
		encoding: 'utf8',
		// Under jest NODE_ENV is "test", which switches n8n's lint plugin to its own test fixtures' file names.
		env: { ...process.env, NODE_ENV: 'production', THROUGHLINE_SCANNER_DIR: dir },
	});
	return JSON.parse(output.slice(output.indexOf('{')));
}

module.exports = { ensureScanner, scan, VERSION };
