// @ts-check
'use strict';
/** The instance driver's pure pieces (instance.js): n8n-style ids, what `n8n execute` prints, "is n8n up?". */
const crypto = require('node:crypto');

/** The JSON that `n8n execute` prints: from the first line starting with `{` to the last `}`. */
function parseExecuteOutput(/** @type {string} */ stdout) {
	const lines = stdout.split('\n');
	const first = lines.findIndex((l) => l.startsWith('{'));
	if (first < 0) return undefined;
	const text = lines.slice(first).join('\n');
	let end = text.lastIndexOf('}');
	for (let tries = 0; end > 0 && tries < 50; tries++, end = text.lastIndexOf('}', end - 1)) {
		try {
			return JSON.parse(text.slice(0, end + 1));
		} catch {
			/* a log line after the JSON had a brace: try an earlier one */
		}
	}
	return undefined;
}

/** n8n-style 16-character id. */
function newId() {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(crypto.randomBytes(16), (b) => abc[b % abc.length]).join('');
}

/** n8n is up when /healthz answers 200 and /rest/settings answers JSON (not its "starting up" page). */
async function restReady(/** @type {string} */ url) {
	try {
		const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
		if (health.status !== 200) return false;
		const settings = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(2000) });
		return settings.status === 200 && (await settings.text()).trimStart().startsWith('{');
	} catch {
		return false; // not listening yet
	}
}

module.exports = { parseExecuteOutput, newId, restReady };
