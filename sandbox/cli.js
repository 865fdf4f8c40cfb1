#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Out-of-process sandbox: `node sandbox/cli.js [--port 3999] [--scale 20000x200]
 * [--no-retry-after] [--ttl 7200] [--seed 1] [--per-second 30] [--daily 1000]
 * [--variant NAME[,switch=value...]] [--max-limit N] [--oversize-limit reject|clamp]
 * [--unknown-country reject|empty] [--unknown-topic reject|empty] [--priority-filters ignore|apply]
 * [--event-answer created|noContent|emptyOk] [--click-contact-methods list|any]`.
 * The last group sets the guessed API behaviours (behaviour.js). Binds 127.0.0.1 only; steer it
 * through /__admin/ (POST /__admin/behaviour changes the behaviours at run time).
 * THROUGHLINE_SANDBOX_CLIENT_SECRET, when set, replaces the demo secret (a test's own secret: kept
 * out of the command line, which other processes can read, and not printed).
 */

const { startServer, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } = require('./server');
const { checkBehaviour, parseVariant, VARIANTS } = require('./behaviour');

const USAGE = [
	'usage: node sandbox/cli.js [--port 3999] [--scale NxM] [--no-retry-after] [--ttl SECONDS] [--seed N] [--per-second N] [--daily N]',
	'  guessed API behaviours: [--variant NAME[,switch=value...]] [--max-limit N] [--oversize-limit reject|clamp]',
	'  [--unknown-country reject|empty] [--unknown-topic reject|empty] [--priority-filters ignore|apply]',
	'  [--event-answer created|noContent|emptyOk] [--click-contact-methods list|any]',
	`  variants: ${Object.keys(VARIANTS).join(', ')}`,
].join('\n');

/** CLI flag -> behaviour switch. */
/** @type {Record<string, string>} */
const BEHAVIOUR_FLAGS = {
	'--oversize-limit': 'oversizeLimit',
	'--unknown-country': 'unknownCountry',
	'--unknown-topic': 'unknownTopic',
	'--priority-filters': 'priorityFilters',
	'--event-answer': 'eventAnswer',
	'--click-contact-methods': 'clickContactMethods',
	'--list-order': 'listOrder',
};

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {import('./index').ServerOptions} */
	const o = { port: 3999, host: '127.0.0.1' };
	/** @type {Record<string, unknown>} */
	const behaviour = {};
	/** @param {number} i @param {string} flag */
	const num = (i, flag) => {
		const v = Number(argv[i]);
		if (argv[i] === undefined || !Number.isFinite(v) || v < 0) throw new Error(`${flag} needs a number`);
		return v;
	};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--port') o.port = num(++i, a);
		else if (a === '--ttl') o.tokenTtlSeconds = num(++i, a);
		else if (a === '--seed') o.seed = num(++i, a);
		else if (a === '--per-second') o.perSecondLimit = num(++i, a);
		else if (a === '--daily') o.dailyLimit = num(++i, a);
		else if (a === '--no-retry-after') o.retryAfter = false;
		else if (a === '--variant') Object.assign(behaviour, parseVariant(argv[++i] ?? ''));
		else if (a === '--max-limit') behaviour.maxLimit = num(++i, a);
		else if (a in BEHAVIOUR_FLAGS) behaviour[BEHAVIOUR_FLAGS[a]] = argv[++i];
		else if (a === '--scale') {
			const m = /^(\d+)x(\d+)$/.exec(argv[++i] ?? '');
			if (!m) throw new Error('--scale needs HELPLINESxCOUNTRIES, e.g. 20000x200');
			o.data = { scale: { helplines: Number(m[1]), countries: Number(m[2]) } };
		} else if (a === '--help' || a === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new Error(`unknown option: ${a}`);
	}
	o.behaviour = checkBehaviour(behaviour);
	return o;
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (err) {
		console.error(`${/** @type {Error} */ (err).message}\n${USAGE}`);
		process.exit(2);
	}
	// Handlers first: a signal that arrives while starting must still end the process cleanly.
	/** @type {Awaited<ReturnType<typeof startServer>> | undefined} */
	let server;
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		if (server) await server.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	const secret = process.env.THROUGHLINE_SANDBOX_CLIENT_SECRET;
	server = await startServer({ ...options, ...(secret ? { clientSecret: secret } : {}) });
	// Sandbox credentials are public demo values; printing them is the point (not a test's own).
	console.log(`ThroughLine sandbox listening on ${server.url}`);
	console.log(`client_id:     ${DEMO_CLIENT_ID}`);
	console.log(`client_secret: ${secret ? '(from THROUGHLINE_SANDBOX_CLIENT_SECRET)' : DEMO_CLIENT_SECRET}`);
	console.log(`admin API:     ${server.url}/__admin/stats (loopback only)`);
	console.log(`behaviour:     ${JSON.stringify(server.behaviour())} (guessed; see sandbox/behaviour.js)`);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
