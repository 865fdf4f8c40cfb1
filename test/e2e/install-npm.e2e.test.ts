/**
 * The README's manual install, word for word: `npm install n8n-nodes-throughline` in
 * `~/.n8n/nodes` (here the n8n user folder's), with npm pointed at a local registry that holds
 * the packed package and nothing else, run on the Node that runs n8n. No second n8n-workflow may
 * appear beside n8n's own (the peer dependency is optional); n8n then loads and runs the nodes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import type { SandboxServer } from '../../sandbox';
import { startServer } from '../../sandbox';
import { n8nRuntime, n8nVersions, tarball } from './support';
import {
	OUR_NODE_TYPES,
	PACKAGE,
	expectNoPackageWarnings,
	expectSearchReturnsServerData,
	importSearchWorkflow,
	oursAmong,
	packageVersion,
} from './support/install';
import type { LocalRegistry } from './support/registry';
import { startRegistry } from './support/registry';

/** The commands of the README's "Install in n8n" section, after `cd ~/.n8n/nodes`. */
const README_COMMAND = ['npm', 'install', PACKAGE];

let server: SandboxServer;
let registry: LocalRegistry;

beforeAll(async () => {
	server = await startServer({ port: 0 });
	registry = await startRegistry();
	await registry.publish(tarball());
});
afterAll(async () => {
	await registry?.stop();
	await server?.close();
});

test('the README gives exactly this command', () => {
	const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Install in n8n'), readme.indexOf('\n## ', readme.indexOf('## Install in n8n') + 1));
	expect(section).toContain('cd ~/.n8n/nodes');
	expect(section).toContain(README_COMMAND.join(' '));
});

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;
	let nodesDir: string;

	beforeAll(async () => {
		const runtime = await n8nRuntime.ensureN8n({ version });
		n8n = new n8nRuntime.N8nInstance({ runtime });
		nodesDir = path.join(n8n.userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true }); // the README's `mkdir -p ~/.n8n/nodes`
		const PATH = [path.dirname(runtime.nodeBin), process.env.PATH].join(path.delimiter);
		await promisify(execFile)(README_COMMAND[0], README_COMMAND.slice(1), {
			cwd: nodesDir,
			env: { ...registry.npmEnv, PATH },
			timeout: 120_000,
		});
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	test('npm installs the package alone: no n8n-workflow beside n8n\u2019s own, nothing else', () => {
		const modules = fs.readdirSync(path.join(nodesDir, 'node_modules')).filter((name) => !name.startsWith('.'));
		expect(modules).toEqual([PACKAGE]);
		const manifest = JSON.parse(fs.readFileSync(path.join(nodesDir, 'node_modules', PACKAGE, 'package.json'), 'utf8'));
		expect(manifest).toMatchObject({ version: packageVersion, peerDependenciesMeta: { 'n8n-workflow': { optional: true } } });
		expect(manifest.dependencies).toBeUndefined();
	});

	test('after a restart n8n lists the nodes and the AI tool variant, without warnings', async () => {
		const types = (await n8n.exportNodes()) as Array<{ name: string }>;
		expect(oursAmong(types.map((t) => t.name))).toEqual(OUR_NODE_TYPES);
		expectNoPackageWarnings(n8n.logs());
	});

	test('with N8N_UNVERIFIED_PACKAGES_ENABLED=false (announced as n8n 3.0\u2019s default) the installed package still loads', async () => {
		const types: Array<{ name: string }> = await n8n.withTempFile('nodes-unverified-off.json', undefined, async (file: string) => {
			await n8n.cli(['export:nodes', `--output=${file}`], {
				okPattern: /Successfully exported/,
				env: { N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' },
			});
			return JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ name: string }>;
		});
		expect(oursAmong(types.map((t) => t.name))).toEqual(OUR_NODE_TYPES);
	});

	test('the crisis-line lookup returns the server\u2019s helplines', async () => {
		await importSearchWorkflow(n8n, server);
		await expectSearchReturnsServerData(n8n, server);
		expectNoPackageWarnings(n8n.logs());
	});
});
