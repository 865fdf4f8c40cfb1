/**
 * Debian's chromium, driven by playwright-core: installed with apt-get when missing (root only),
 * launched headless with the flags that work on these machines, and given n8n's test-id attribute.
 */
import fs from 'node:fs';

import { chromium, selectors, type Browser } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proc: {
	run(cmd: string, args: string[], opts?: { env?: NodeJS.ProcessEnv; timeoutMs?: number; onData?: (text: string) => void }): Promise<unknown>;
} = require('../../../scripts/n8n/proc');

export const CHROMIUM = '/usr/bin/chromium';

const LAUNCH_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Make sure /usr/bin/chromium exists: `apt-get update && apt-get install -y chromium` as root. */
export async function ensureChromium(log: (line: string) => void = () => {}): Promise<string> {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM} is missing, and the browser suite installs it only when it runs as root. ` +
				'Install it once with: sudo apt-get update && sudo apt-get install -y chromium',
		);
	}
	log(`${CHROMIUM} is missing: installing Debian's chromium (apt-get update && apt-get install -y chromium)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Another apt-get (another suite, unattended upgrades) may hold the lock for a while: wait for it.
	const lock = ['-o', 'DPkg::Lock::Timeout=300'];
	await proc.run('apt-get', [...lock, 'update'], { env, timeoutMs: 10 * 60_000 });
	await proc.run('apt-get', [...lock, 'install', '-y', 'chromium'], { env, timeoutMs: 15 * 60_000 });
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get install chromium finished but ${CHROMIUM} is still missing`);
	return CHROMIUM;
}

/** Headless chromium; n8n marks its elements with data-test-id, so getByTestId() uses that. */
export async function launchChromium(): Promise<Browser> {
	selectors.setTestIdAttribute('data-test-id');
	return await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 120_000 });
}
