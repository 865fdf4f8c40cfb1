// @ts-check
'use strict';
/**
 * Folded into the instance driver: use `n8n.signIn(OWNER)` and `n8n.activateWorkflow(id)`
 * (scripts/n8n/instance.js) and OWNER from ./examples. Kept only for the suites edited in parallel
 * (test/e2e/queue, test/e2e/ai) until they switch; delete it then.
 */
const { OWNER } = require('./examples');

module.exports = {
	OWNER,
	activateWorkflow: (/** @type {any} */ n8n, /** @type {string} */ id) => n8n.activateWorkflow(id),
	signIn: (/** @type {any} */ n8n, owner = OWNER) => n8n.signIn(owner),
};
