// @ts-check
'use strict';
/**
 * Small steps on a scripts/n8n N8nInstance shared by the demo and the end-to-end tests: activate
 * a workflow from the CLI (2.x and 1.x spell it differently) and sign in as the owner.
 */

/** The demo's fixed owner account (a local, loopback-only n8n). */
const OWNER = Object.freeze({ email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'ThroughLine-demo-1' });

/**
 * Activate a workflow while n8n is not running (a running n8n picks it up at its next start):
 * `publish:workflow --id` on 2.x, `update:workflow --id --active=true` on 1.x.
 * @param {any} n8n an N8nInstance
 * @param {string} id
 */
async function activateWorkflow(n8n, id) {
	const args = String(n8n.runtime.version).startsWith('1.')
		? ['update:workflow', `--id=${id}`, '--active=true']
		: ['publish:workflow', `--id=${id}`];
	await n8n.cli(args, { okPattern: /(Publishing|Activating) workflow/ });
}

/**
 * Sign in to a started instance (POST /rest/login), creating the owner on first use; the session
 * cookie is kept on the instance for `request()`. Resolves to 'login' or 'setup'.
 * @param {any} n8n an N8nInstance, started
 * @param {{email: string, firstName: string, lastName: string, password: string}} [owner]
 * @returns {Promise<'login'|'setup'>}
 */
async function signIn(n8n, owner = OWNER) {
	if (!n8n.url) throw new Error('signIn needs start() first');
	const deadline = Date.now() + 60_000;
	let res;
	for (;;) {
		res = await fetch(`${n8n.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		// Like /rest/owner/setup, the route answers 404 for the first seconds after start.
		if (res.status !== 404 || Date.now() > deadline) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	if (res.status === 200) {
		n8n.cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
		return 'login';
	}
	try {
		await n8n.setupOwner(owner);
		return 'setup';
	} catch (error) {
		throw new Error(
			`could not sign in as ${owner.email} (login answered ${res.status}) nor create that owner: ${error instanceof Error ? error.message : error}`,
		);
	}
}

module.exports = { OWNER, activateWorkflow, signIn };
