#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run test:mutation [-- stryker options]`: runs Stryker (stryker.config.mjs) and then writes
 * docs/mutation/last-run.md from its JSON report (summary.md is the curated account). Extra arguments go to `stryker run`, e.g.
 * `npm run test:mutation -- --mutate nodes/ThroughLine/transport/pacing.ts`.
 * Stryker is looked up in the project's node_modules (devDependencies), or under STRYKER_HOME
 * (a folder where `npm install @stryker-mutator/core @stryker-mutator/jest-runner` was run).
 */

const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const REPORT = path.join(ROOT, 'docs', 'mutation', 'report.json');

function strykerBin() {
	const places = /** @type {string[]} */ ([ROOT, process.env.STRYKER_HOME].filter(Boolean));
	for (const place of places) {
		try {
			const pkg = require.resolve('@stryker-mutator/core/package.json', { paths: [place] });
			return path.join(path.dirname(pkg), 'bin', 'stryker.js');
		} catch {
			// try the next place
		}
	}
	console.error('Stryker is not installed: run `npm install` (it is a devDependency), or set STRYKER_HOME.');
	process.exit(2);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
	console.error(`Stryker 9 needs Node 20 or later; this is Node ${process.versions.node}.`);
	process.exit(2);
}

const args = process.argv.slice(2);
const started = Date.now();
const run = spawnSync(process.execPath, [strykerBin(), 'run', ...args], {
	cwd: ROOT,
	stdio: 'inherit',
	// Stryker's jest-runner resolves jest and ts-jest from the project; its own plugins from STRYKER_HOME.
	env: {
		...process.env,
		NODE_PATH: [process.env.STRYKER_HOME && path.join(process.env.STRYKER_HOME, 'node_modules'), process.env.NODE_PATH]
			.filter(Boolean)
			.join(path.delimiter),
	},
});
const seconds = (Date.now() - started) / 1000;
// Only a run that finished has a report of its own: an older report.json would be summarised as this run's.
if (run.status === 0 && existsSync(REPORT)) {
	const mutate = args.includes('--mutate') ? args[args.indexOf('--mutate') + 1] : 'nodes/**/*.ts, credentials/**/*.ts';
	spawnSync(process.execPath, [path.join(__dirname, 'summary.js'), '--seconds', String(seconds), '--scope', mutate], {
		cwd: ROOT,
		stdio: 'inherit',
	});
}
process.exit(run.status ?? 1);
