// @ts-check
'use strict';
/**
 * One temp folder per jest run, removed by the global teardown whether the tests passed or not.
 * The global setup points TMPDIR at it before any worker starts, so every temp folder a test, a
 * script, n8n or chromium makes with os.tmpdir() lands inside it, including the ones a failing
 * test never reached its own cleanup for. A run killed before its teardown leaves its folder,
 * with its pid inside: the next run removes folders whose process is gone.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { pidAlive } = require('../../scripts/n8n/proc');

const PREFIX = 'throughline-run-';
const OWNED = 'THROUGHLINE_RUN_TMPDIR';

/** Remove the run folders of runs that were killed before their teardown. */
function removeAbandoned(/** @type {string} */ parent) {
	for (const name of fs.readdirSync(parent)) {
		if (!name.startsWith(PREFIX)) continue;
		const folder = path.join(parent, name);
		let pid;
		try {
			pid = Number(fs.readFileSync(path.join(folder, 'pid'), 'utf8'));
		} catch {
			continue; // just made by a run that has not written its pid yet, or not ours
		}
		if (pid > 0 && !pidAlive(pid)) fs.rmSync(folder, { recursive: true, force: true });
	}
}

/** Global setup: make this run's temp folder and point TMPDIR (and so os.tmpdir()) at it. */
function enterRunTemp() {
	if (process.env[OWNED]) return process.env[OWNED];
	const parent = os.tmpdir();
	removeAbandoned(parent);
	const folder = fs.mkdtempSync(path.join(parent, PREFIX));
	// As /tmp is: the queue suite's PostgreSQL runs as the postgres user and must reach its folder
	// in here (mkdtemp's 0700 refused it: "could not change directory … Permission denied").
	fs.chmodSync(folder, 0o1777);
	fs.writeFileSync(path.join(folder, 'pid'), String(process.pid));
	process.env[OWNED] = folder;
	process.env.THROUGHLINE_RUN_PARENT_TMPDIR = process.env.TMPDIR ?? '';
	process.env.TMPDIR = folder;
	return folder;
}

/** Global teardown: remove the run's temp folder and give TMPDIR back. */
function leaveRunTemp() {
	const folder = process.env[OWNED];
	if (!folder) return;
	fs.rmSync(folder, { recursive: true, force: true });
	const previous = process.env.THROUGHLINE_RUN_PARENT_TMPDIR;
	if (previous) process.env.TMPDIR = previous;
	else delete process.env.TMPDIR;
	delete process.env[OWNED];
	delete process.env.THROUGHLINE_RUN_PARENT_TMPDIR;
}

module.exports = { enterRunTemp, leaveRunTemp, removeAbandoned, PREFIX };
