#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * The main command, `npm start`: this package inside a real n8n, ready to use.
 *
 *   npm start                 build, pack, start a local ThroughLine-compatible server (or use the real
 *                             API), install n8n 2.41.1 once, install the package into a persistent n8n
 *                             user folder, import the credential and the example workflows, start n8n
 *                             and print the editor URL and the login. Ctrl-C stops everything.
 *   npm start -- --once       the same up to the imports, then run the crisis-line lookup example once
 *                             with `n8n execute`, print a summary and exit (0, or 1 with the reason).
 *
 * Environment: THROUGHLINE_CLIENT_ID + THROUGHLINE_CLIENT_SECRET use ThroughLine's real API
 * (Production credential, no local server); THROUGHLINE_DEMO_USER_FOLDER (default
 * ~/.cache/n8n-nodes-throughline/demo-user), THROUGHLINE_DEMO_PORT (n8n, default 5678 when free),
 * THROUGHLINE_DEMO_API_PORT (local server, default: the last one used, when free).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, installPackage, N8nInstance, cacheRoot } = require('./n8n');
const { packPackage } = require('./n8n/pack');
const demo = require('./demo/examples');

const { OWNER } = demo;

const DEFAULT_N8N_VERSION = '2.41.1';
const STATE_FILE = 'throughline-demo.json';

const USAGE = `usage: npm start [-- --once] [-- --n8n-version=${DEFAULT_N8N_VERSION}]
  (no option)   start n8n with this package, the credential and the example workflows; Ctrl-C stops
  --once        run the crisis-line lookup example once, print a summary and exit
Environment: THROUGHLINE_CLIENT_ID and THROUGHLINE_CLIENT_SECRET (use the real ThroughLine API),
THROUGHLINE_DEMO_USER_FOLDER, THROUGHLINE_DEMO_PORT (n8n), THROUGHLINE_DEMO_API_PORT (local server).`;

const t0 = Date.now();
const log = (/** @type {string} */ line) =>
	console.log(`[throughline ${String(Math.round((Date.now() - t0) / 1000)).padStart(3)} s] ${line}`);

/** @param {string[]} argv */
function parseArgs(argv) {
	const o = { once: false, version: DEFAULT_N8N_VERSION };
	for (const a of argv) {
		if (a === '--once') o.once = true;
		else if (a.startsWith('--n8n-version=')) o.version = a.slice('--n8n-version='.length);
		else if (a === '--help' || a === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else throw new UsageError(`unknown option: ${a}\n${USAGE}`);
	}
	return o;
}

class UsageError extends Error {}

function defaultUserFolder(/** @type {string} */ version) {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-throughline', version === DEFAULT_N8N_VERSION ? 'demo-user' : `demo-user-${version}`);
}

/** @param {number} port */
function portFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

/** @param {string} file */
function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** The real API when both keys are given; the local server otherwise. */
function apiKeys() {
	const clientId = (process.env.THROUGHLINE_CLIENT_ID ?? '').trim();
	const clientSecret = (process.env.THROUGHLINE_CLIENT_SECRET ?? '').trim();
	if (!clientId && !clientSecret) return undefined;
	if (!clientId || !clientSecret) {
		throw new UsageError(
			'Set both THROUGHLINE_CLIENT_ID and THROUGHLINE_CLIENT_SECRET to use the real ThroughLine API, or neither for the local server.',
		);
	}
	return { clientId, clientSecret };
}

/** Start the local server on the wanted port when it is free, else on any free port. */
async function startLocalServer(/** @type {number|undefined} */ wanted) {
	const { startServer } = require('../sandbox');
	if (wanted && (await portFree(wanted))) return startServer({ port: wanted });
	return startServer({ port: 0 });
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const keys = apiKeys();
	const userFolder = path.resolve(process.env.THROUGHLINE_DEMO_USER_FOLDER || defaultUserFolder(opts.version));
	fs.mkdirSync(userFolder, { recursive: true, mode: 0o700 });
	const stateFile = path.join(userFolder, STATE_FILE);
	/** @type {{encryptionKey?: string, apiPort?: number, credential?: string, workflows?: string, published?: string}} */
	const state = readJson(stateFile) ?? {};
	if (!fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'))) {
		// A new (or wiped) n8n database: import everything again.
		delete state.credential;
		delete state.workflows;
		delete state.published;
	}
	// One key for the life of the folder (n8n refuses to start when it changes); kept next to the data it protects.
	state.encryptionKey ??= readJson(path.join(userFolder, '.n8n', 'config'))?.encryptionKey ?? crypto.randomBytes(24).toString('hex');
	const saveState = () => fs.writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
	saveState();
	const filesFolder = path.join(userFolder, 'files');
	fs.mkdirSync(filesFolder, { recursive: true });

	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-start-'));
	/** @type {import('../sandbox').SandboxServer | undefined} */
	let server;
	/** @type {any} */
	let n8n;
	/** @type {fs.WriteStream | undefined} */
	let logStream;
	let cleaned = false;
	const cleanup = async () => {
		if (cleaned) return;
		cleaned = true;
		await n8n?.stop().catch(() => {});
		await server?.close().catch(() => {});
		logStream?.end();
		fs.rmSync(packDir, { recursive: true, force: true });
	};

	try {
		const { tarball } = await packPackage(packDir, { build: true, log });

		let credential;
		if (keys) {
			credential = demo.productionCredential(keys);
			log('using the real ThroughLine API (Production credential; the client secret is stored encrypted by n8n, never printed)');
		} else {
			const wanted = Number(process.env.THROUGHLINE_DEMO_API_PORT) || state.apiPort;
			server = await startLocalServer(wanted);
			state.apiPort = server.port;
			saveState();
			const countries = server.data.countries().length;
			log(
				`local ThroughLine-compatible server on ${server.url} (demo data: ${server.data.helplines().length} helplines in ${countries} countries)`,
			);
			credential = demo.localCredential(server);
		}

		const installed = fs.existsSync(path.join(defaultRuntimeMarker(opts.version)));
		if (!installed) log(`installing n8n ${opts.version} with Node 24 from the npm registry: first run only, about 3 GB and a few minutes`);
		const runtime = await ensureN8n({ version: opts.version, log: (line) => log(line) });
		log(`n8n ${opts.version} ready (${runtime.dir})`);

		logStream = fs.createWriteStream(path.join(userFolder, 'n8n.log'), { flags: 'a', mode: 0o600 });
		logStream.write(`\n===== ${new Date().toISOString()} npm start${opts.once ? ' --once' : ''} =====\n`);
		const stream = logStream;
		n8n = new N8nInstance({
			runtime,
			userFolder,
			encryptionKey: state.encryptionKey,
			// The scheduled pull writes its CSV files there (n8n 2.x writes only under allowed folders).
			env: { N8N_RESTRICT_FILE_ACCESS_TO: filesFolder },
			onOutput: (/** @type {string} */ text) => stream.write(text),
		});

		const pkg = await installPackage({ userFolder, tarball });
		log(`installed ${pkg.name}@${pkg.version} into ${path.join(userFolder, '.n8n', 'nodes')}`);

		// Imports only when something changed: a second start skips them.
		const credentialPrint = crypto
			.createHmac('sha256', /** @type {string} */ (state.encryptionKey))
			.update(JSON.stringify(credential))
			.digest('hex');
		if (state.credential !== credentialPrint) {
			log(`importing the credential "${demo.CREDENTIAL.name}"`);
			await n8n.importCredentials([credential]);
			state.credential = credentialPrint;
			saveState();
		}
		const workflows = demo.loadExamples({ filesFolder });
		const workflowsPrint = crypto
			.createHash('sha256')
			.update(opts.version + JSON.stringify(workflows))
			.digest('hex');
		if (state.workflows !== workflowsPrint) {
			log(`importing ${workflows.length} example workflows from examples/`);
			await n8n.importWorkflows(workflows);
			state.workflows = workflowsPrint;
			state.published = undefined;
			saveState();
		}

		if (opts.once) return await runOnce(n8n, { local: !!server });

		// Published, the crisis-line lookup also answers on its webhook.
		const crisis = demo.EXAMPLES.crisisLineLookup;
		if (state.published !== workflowsPrint) {
			log('publishing the crisis-line lookup (its webhook answers while n8n runs)');
			await n8n.activateWorkflow(crisis.id);
			state.published = workflowsPrint;
			saveState();
		}

		await n8n.getEnv();
		const wantedPort = Number(process.env.THROUGHLINE_DEMO_PORT) || 5678;
		if (await portFree(wantedPort)) {
			n8n.port = wantedPort;
			n8n.env.N8N_PORT = String(wantedPort);
		}
		log(`starting n8n on http://127.0.0.1:${n8n.port} (its log: ${path.join(userFolder, 'n8n.log')})`);
		const { url } = await n8n.start({ timeoutMs: 300_000 });
		try {
			if ((await n8n.signIn(OWNER)) === 'setup') log(`created the owner account ${OWNER.email}`);
		} catch (error) {
			throw new Error(
				`${error instanceof Error ? error.message : error}. The user folder has another owner: sign in with that ` +
					'account, or remove the folder (THROUGHLINE_DEMO_USER_FOLDER) to start afresh.',
			);
		}

		const wf = (/** @type {string} */ id) => `${url}/workflow/${id}`;
		console.log(
			[
				'',
				`n8n ${opts.version} is running with ${pkg.name} ${pkg.version}.`,
				`  Editor:         ${url}`,
				`  Login:          ${OWNER.email}  /  ${OWNER.password}`,
				`  Crisis lines:   ${wf(crisis.id)}   (press "Execute workflow")`,
				`    as an API:    curl '${url}/webhook/${crisis.webhookPath}?country=NZ'`,
				`  Nightly pull:   ${wf(demo.EXAMPLES.scheduledPull.id)}   (writes CSV files to ${filesFolder})`,
				`  AI agent:       ${wf(demo.EXAMPLES.aiAgentTool.id)}   (needs an OpenAI credential to chat)`,
				server
					? `  ThroughLine:    local server ${server.url} with demo data (client ID ${server.clientId}); admin API ${server.url}/__admin/stats`
					: '  ThroughLine:    the real API (Production credential "ThroughLine account")',
				`  Data:           ${userFolder}`,
				'',
				'Press Ctrl-C to stop.',
			].join('\n'),
		);

		const serverProcess = n8n.server;
		const code = await new Promise((resolve) => {
			let stopping = false;
			// proc.js kills every child at once on a signal; here n8n gets a graceful stop instead.
			for (const sig of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
				process.removeAllListeners(sig);
				process.on(sig, () => {
					if (stopping) return;
					stopping = true;
					console.log('');
					log('stopping n8n and the local server …');
					resolve(0);
				});
			}
			serverProcess.done.then(() => {
				if (stopping) return;
				stopping = true;
				console.error(`n8n exited unexpectedly; the end of its log:\n${tail(n8n.logs(), 30)}`);
				resolve(1);
			});
		});
		await cleanup();
		if (code === 0) log('stopped');
		return code;
	} catch (error) {
		if (error instanceof UsageError) throw error;
		const message = error instanceof Error ? error.message : String(error);
		console.error(`\nnpm start failed: ${message}`);
		if (n8n?.logs()) console.error(`The end of n8n's output (all of it in ${path.join(userFolder, 'n8n.log')}):\n${tail(n8n.logs(), 25)}`);
		return 1;
	} finally {
		await cleanup();
	}
}

function defaultRuntimeMarker(/** @type {string} */ version) {
	return path.join(cacheRoot(), version, '.throughline-n8n-complete.json');
}

function tail(/** @type {string} */ text, /** @type {number} */ lines) {
	return text.trim().split('\n').slice(-lines).join('\n');
}

/** --once: run the crisis-line lookup with `n8n execute` and print what came back. */
async function runOnce(/** @type {any} */ n8n, /** @type {{local: boolean}} */ o) {
	const crisis = demo.EXAMPLES.crisisLineLookup;
	log(`running "${demo.readExample('crisisLineLookup').name}" once (n8n execute --id=${crisis.id})`);
	const exec = await n8n.execute(crisis.id, { timeoutMs: 5 * 60_000 });
	if (exec.status !== 'success') {
		console.error(`\nThe crisis-line lookup failed: ${demo.executionError(exec.result) ?? `execution status ${exec.status}`}`);
		return 1;
	}
	const items = demo.nodeOutput(exec.result, crisis.outputNode);
	console.log(
		`\nCrisis lines (${o.local ? 'local demo data' : 'ThroughLine API'}; * = priority, show those together):\n${demo.summarizeCrisisLines(items)}\n`,
	);
	if (!items.length) {
		console.error('The crisis-line lookup returned no helplines.');
		return 1;
	}
	log(`done in ${Math.round(exec.durationMs / 1000)} s of n8n execute`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error instanceof UsageError ? error.message : error);
		process.exit(error instanceof UsageError ? 2 : 1);
	},
);
