// @ts-check
'use strict';
/**
 * A lock folder holding the owner's pid, shared by the cache installers (n8n, tools): one process
 * installs while the others wait, and a lock left by a dead process is taken over.
 */
const fs = require('node:fs');
const path = require('node:path');
const { sleep, pidAlive } = require('./proc');

/**
 * Waits until `lock` is ours, or until `isDone()` says another process finished the work.
 * @param {string} lock folder to create
 * @param {{ isDone: () => boolean, deadline: number, what: string, pollMs?: number, log?: (line: string) => void }} opts
 * @returns {Promise<boolean>} true when we hold the lock (release it with releaseLock), false when the work is done
 */
async function acquireLock(lock, { isDone, deadline, what, pollMs = 1000, log }) {
	let lastLog = Date.now();
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			return true;
		} catch (e) {
			if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'EEXIST') throw e;
		}
		let owner = 0;
		try {
			owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		} catch {
			/* being created, or just removed */
		}
		const ageMs = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
		if (owner ? !pidAlive(owner) : ageMs > 60_000) {
			log?.(`removing stale lock ${lock}`);
			fs.rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (isDone()) return false;
		if (Date.now() > deadline) throw new Error(`timed out waiting for process ${owner} installing ${what} (${lock})`);
		if (log && Date.now() - lastLog >= 15_000) {
			lastLog = Date.now();
			log(`waiting for process ${owner} installing ${what} …`);
		}
		await sleep(pollMs);
	}
}

const releaseLock = (/** @type {string} */ lock) => fs.rmSync(lock, { recursive: true, force: true });

module.exports = { acquireLock, releaseLock };
