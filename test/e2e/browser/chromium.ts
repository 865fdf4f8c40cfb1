/**
 * Debian's chromium, driven by playwright-core: installed with apt-get when missing (root only),
 * launched headless with the flags that work on these machines, and given n8n's test-id attribute.
 */
import fs from 'node:fs';

import { chromium, selectors, type Browser } from 'playwright-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const {
	aptInstall,
}: {
	aptInstall(packages: string[], opts: { why: string; log?: (line: string) => void; recommends?: boolean }): Promise<void>;
} = require('../../../scripts/tools/apt');

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

/** Make sure /usr/bin/chromium exists: Debian's chromium, installed with apt-get as root. */
export async function ensureChromium(log: (line: string) => void = () => {}): Promise<string> {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	await aptInstall(['chromium'], { why: `The browser suite needs ${CHROMIUM}, which is missing`, log, recommends: true });
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get install chromium finished but ${CHROMIUM} is still missing`);
	return CHROMIUM;
}

/** Headless chromium; n8n marks its elements with data-test-id, so getByTestId() uses that. */
export async function launchChromium(): Promise<Browser> {
	selectors.setTestIdAttribute('data-test-id');
	return await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, timeout: 120_000 });
}
