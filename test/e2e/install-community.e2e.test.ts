/**
 * Settings > Community Nodes, as the editor does it: the packed package is published to a local
 * npm registry, and n8n installs, updates and uninstalls it through its own REST calls
 * (POST, PATCH, DELETE /rest/community-packages, with the owner's session). n8n's npm calls reach
 * the local registry through the npm shim of support/registry.js (why: see there).
 */
import fs from 'node:fs';
import path from 'node:path';

import { OWNER } from '../../scripts/demo/examples';
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
import { nextPatch, repackAs, startRegistry } from './support/registry';

const NEXT = nextPatch(packageVersion);

let server: SandboxServer;
let registry: LocalRegistry;

beforeAll(async () => {
	server = await startServer({ port: 0 });
	registry = await startRegistry();
	await registry.publish(tarball());
	await registry.publish(await repackAs(tarball(), NEXT));
});
afterAll(async () => {
	await registry?.stop();
	await server?.close();
});

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;
	const nodesDir = () => path.join(n8n.userFolder, '.n8n', 'nodes');
	const installedManifest = () => JSON.parse(fs.readFileSync(path.join(nodesDir(), 'node_modules', PACKAGE, 'package.json'), 'utf8'));
	// Right after an install or update n8n may still be rewriting its types file: read it until it is a list (5 s at most).
	const loadedTypes = async () => {
		let res = await n8n.request('GET', '/types/nodes.json');
		for (let tries = 0; tries < 10 && !Array.isArray(res.json); tries++) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			res = await n8n.request('GET', '/types/nodes.json');
		}
		expect(res.status).toBe(200);
		expect(Array.isArray(res.json)).toBe(true);
		return oursAmong(res.json.map((t: { name: string }) => t.name));
	};

	beforeAll(async () => {
		const runtime = await n8nRuntime.ensureN8n({ version });
		const PATH = [registry.shimDir(), path.dirname(runtime.nodeBin), process.env.PATH].join(path.delimiter);
		n8n = new n8nRuntime.N8nInstance({ runtime, env: { PATH } });
		await importSearchWorkflow(n8n, server);
		await n8n.start();
		await n8n.signIn(OWNER);
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	test(`install: POST /rest/community-packages {name, version: ${packageVersion}} loads the nodes, without peer dependencies`, async () => {
		expect(await loadedTypes()).toEqual([]);
		const res = await n8n.request('POST', '/rest/community-packages', { name: PACKAGE, version: packageVersion });
		expect({ status: res.status, body: res.status === 200 ? '' : res.text }).toEqual({ status: 200, body: '' });
		expect(res.json.data).toMatchObject({ packageName: PACKAGE, installedVersion: packageVersion });
		expect(res.json.data.installedNodes.map((n: { type: string }) => n.type).sort()).toEqual(
			OUR_NODE_TYPES.filter((t) => !t.endsWith('Tool')),
		);

		expect(await loadedTypes()).toEqual(OUR_NODE_TYPES);
		expect(installedManifest().version).toBe(packageVersion);
		expect(fs.existsSync(path.join(nodesDir(), 'node_modules', 'n8n-workflow'))).toBe(false);

		// The editor's list: installed, loaded, and the newer version in the registry offered.
		const list = await n8n.request('GET', '/rest/community-packages');
		expect(list.status).toBe(200);
		expect(list.json.data).toEqual([
			expect.objectContaining({ packageName: PACKAGE, installedVersion: packageVersion, updateAvailable: NEXT }),
		]);
		expect(list.json.data[0].failedLoading ?? false).toBe(false);
	});

	test('the installed nodes run: the crisis-line lookup returns the server\u2019s helplines', async () => {
		await expectSearchReturnsServerData(n8n, server);
	});

	test(`update: PATCH /rest/community-packages {name, version: ${NEXT}} replaces the package and keeps the nodes`, async () => {
		const res = await n8n.request('PATCH', '/rest/community-packages', { name: PACKAGE, version: NEXT });
		expect({ status: res.status, body: res.status === 200 ? '' : res.text }).toEqual({ status: 200, body: '' });
		expect(res.json.data).toMatchObject({ packageName: PACKAGE, installedVersion: NEXT });
		expect(installedManifest().version).toBe(NEXT);
		expect(await loadedTypes()).toEqual(OUR_NODE_TYPES);
		const list = await n8n.request('GET', '/rest/community-packages');
		expect(list.json.data.map((p: any) => [p.packageName, p.installedVersion, p.updateAvailable ?? null])).toEqual([[PACKAGE, NEXT, null]]);
	});

	test('uninstall: DELETE /rest/community-packages?name= removes the package, its files and its nodes', async () => {
		const res = await n8n.request('DELETE', `/rest/community-packages?name=${PACKAGE}`);
		expect({ status: res.status, body: res.status === 200 ? '' : res.text }).toEqual({ status: 200, body: '' });
		expect((await n8n.request('GET', '/rest/community-packages')).json.data).toEqual([]);
		expect(await loadedTypes()).toEqual([]);
		expect(fs.existsSync(path.join(nodesDir(), 'node_modules', PACKAGE))).toBe(false);
		await n8n.stop();
		expectNoPackageWarnings(n8n.logs());
	});
});
