#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Smoke test of the n8n runtime module:
 *   node scripts/n8n/smoke.js [path/to/n8n-nodes-throughline-x.y.z.tgz] [--version=1.123.81] [--start] [--logs=FILE]
 * Ensures n8n, imports and executes Manual Trigger -> NoOp in a temp user folder, prints the
 * status and timings; with a tarball, installs it and lists the loaded n8n-nodes-throughline types;
 * with --start, also starts the server, creates the owner and stops it again.
 */
const { ensureN8n, installPackage, N8nInstance } = require('./index');

const TRIVIAL_WORKFLOW = {
	name: 'smoke: manual -> noop',
	nodes: [
		{
			id: 'a1b2c3d4-0000-4000-8000-000000000001',
			name: 'When clicking ‘Execute workflow’',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a1b2c3d4-0000-4000-8000-000000000002',
			name: 'No Operation, do nothing',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [220, 0],
			parameters: {},
		},
	],
	connections: {
		'When clicking ‘Execute workflow’': {
			main: [[{ node: 'No Operation, do nothing', type: 'main', index: 0 }]],
		},
	},
};

async function main() {
	const args = process.argv.slice(2);
	const version = (args.find((a) => a.startsWith('--version=')) ?? '--version=2.41.1').slice('--version='.length);
	const tarball = args.find((a) => !a.startsWith('--'));
	const log = (/** @type {string} */ l) => console.log(`[smoke] ${l}`);

	let t = Date.now();
	const runtime = await ensureN8n({ version, log });
	log(`ensureN8n(${version}): ${Date.now() - t} ms -> ${runtime.dir}`);

	const n8n = new N8nInstance({ runtime });
	log(`user folder ${n8n.userFolder}`);
	try {
		if (tarball) {
			t = Date.now();
			const pkg = await installPackage({ userFolder: n8n.userFolder, tarball });
			log(`installPackage: ${pkg.name}@${pkg.version} in ${Date.now() - t} ms`);
		}
		t = Date.now();
		const [id] = await n8n.importWorkflows([TRIVIAL_WORKFLOW]);
		log(`importWorkflows: ${id} in ${Date.now() - t} ms`);

		const exec = await n8n.execute(id);
		const ran = Object.keys(exec.result?.data?.resultData?.runData ?? {});
		log(`execute: status=${exec.status} exit=${exec.exitCode} in ${exec.durationMs} ms; nodes run: ${ran.join(', ')}`);
		if (exec.status !== 'success') process.exitCode = 1;

		if (tarball) {
			t = Date.now();
			const nodes = await n8n.exportNodes();
			const ours = nodes.filter((n) => n.name.startsWith('n8n-nodes-throughline.'));
			log(`exportNodes: ${nodes.length} types in ${Date.now() - t} ms; n8n-nodes-throughline: ${JSON.stringify(ours.map((n) => n.name))}`);
			if (!ours.length) process.exitCode = 1;
		}

		if (args.includes('--start')) {
			t = Date.now();
			const { url } = await n8n.start();
			log(`start: ${url} healthy in ${Date.now() - t} ms`);
			t = Date.now();
			const owner = await n8n.setupOwner({
				email: 'owner@example.com',
				firstName: 'Smoke',
				lastName: 'Test',
				password: 'Sm0ke-test-password',
			});
			log(`setupOwner: ${owner.user?.email} in ${Date.now() - t} ms`);
			const wf = await n8n.request('GET', '/rest/workflows');
			log(`GET /rest/workflows: ${wf.status}, ${wf.json?.data?.length ?? '?'} workflow(s)`);
			t = Date.now();
			await n8n.stop();
			log(`stop: ${Date.now() - t} ms`);
		}
	} catch (e) {
		process.exitCode = 1;
		console.error(e);
		console.error('--- n8n output (tail) ---\n' + n8n.logs().split('\n').slice(-40).join('\n'));
	} finally {
		const logFile = args.find((a) => a.startsWith('--logs='))?.slice('--logs='.length);
		if (logFile) require('node:fs').writeFileSync(logFile, n8n.logs());
		await n8n.dispose();
	}
}

main();
