// @ts-check
'use strict';
/**
 * The one apt helper: installs Debian packages a suite needs (chromium; redis-server and postgresql
 * for queue mode) when they are missing. As root only, non-interactive, waiting for another
 * apt-get's lock; otherwise it fails with the command to run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { run } = require('../n8n/proc');

/** The command a person runs (with sudo when not root) to install these packages. */
function aptCommand(/** @type {string[]} */ packages, sudo = '', recommends = false) {
	return `${sudo}apt-get update && ${sudo}apt-get install -y ${recommends ? '' : '--no-install-recommends '}${packages.join(' ')}`;
}

const onPath = (/** @type {string} */ cmd) =>
	(process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, cmd)));

/**
 * Install `packages` with apt-get. `why` opens the error when this cannot (not root, no apt-get),
 * e.g. 'The browser suite needs chromium'. `recommends` installs the recommended packages too.
 * @param {string[]} packages
 * @param {{why: string, log?: (line: string) => void, timeoutMs?: number, recommends?: boolean}} opts
 */
async function aptInstall(packages, opts) {
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${opts.why}, and installing it takes root, which this process is not: run \`${aptCommand(packages, 'sudo ', opts.recommends)}\` (Debian/Ubuntu), then run again.`,
		);
	}
	if (!onPath('apt-get')) throw new Error(`${opts.why}, and apt-get is not available here: install ${packages.join(', ')} and run again.`);
	opts.log?.(`${packages.join(', ')} missing: ${aptCommand(packages, '', opts.recommends)}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lockWait = ['-o', 'DPkg::Lock::Timeout=300']; // another suite or unattended upgrades may hold it
	await run('apt-get', [...lockWait, 'update'], { env, timeoutMs: 10 * 60_000 });
	const install = ['install', '-y', ...(opts.recommends ? [] : ['--no-install-recommends']), ...packages];
	await run('apt-get', [...lockWait, ...install], { env, timeoutMs: opts.timeoutMs ?? 15 * 60_000 });
}

module.exports = { aptInstall, aptCommand };
