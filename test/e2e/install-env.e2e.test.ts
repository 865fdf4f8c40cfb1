/**
 * Environment-managed community packages (n8n 2.x; 1.x has no such variables): with
 * N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV=true and N8N_COMMUNITY_PACKAGES naming the package and a
 * version, n8n installs it from the registry at start, as a Docker deployment would; a restart
 * with another version updates it. The registry is the local one (see support/registry.js).
 */
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
const managedEnv = (version: string) => ({
	N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
	N8N_COMMUNITY_PACKAGES: JSON.stringify([{ name: PACKAGE, version }]),
});

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

const versions2x = n8nVersions().filter((v) => !v.startsWith('1.'));

describe.each(versions2x)('n8n %s', (version) => {
	let runtime: any;
	let n8n: any;
	const PATH = () => [registry.shimDir(), path.dirname(runtime.nodeBin), process.env.PATH].join(path.delimiter);
	const start = async (pinned: string) => {
		n8n = new n8nRuntime.N8nInstance({
			runtime,
			userFolder: n8n?.userFolder,
			encryptionKey: n8n?.encryptionKey,
			env: { PATH: PATH(), ...managedEnv(pinned) },
		});
		await n8n.start();
		await n8n.signIn(OWNER);
	};
	const installed = async () => {
		const res = await n8n.request('GET', '/rest/community-packages');
		expect(res.status).toBe(200);
		return res.json.data.map((p: any) => ({ name: p.packageName, version: p.installedVersion, failedLoading: p.failedLoading ?? false }));
	};
	const loadedTypes = async () => oursAmong((await n8n.request('GET', '/types/nodes.json')).json.map((t: { name: string }) => t.name));

	beforeAll(async () => {
		runtime = await n8nRuntime.ensureN8n({ version });
	});
	afterAll(async () => {
		await n8n?.dispose(true);
	});

	test(`at start n8n installs ${PACKAGE}@${packageVersion} from N8N_COMMUNITY_PACKAGES and lists its nodes`, async () => {
		await start(packageVersion);
		expect(await installed()).toEqual([{ name: PACKAGE, version: packageVersion, failedLoading: false }]);
		expect(await loadedTypes()).toEqual(OUR_NODE_TYPES);
		expect(n8n.logs()).toContain(`Installed community package '${PACKAGE}@${packageVersion}' from env`);
		// Managed by the environment: the editor's install is refused.
		const res = await n8n.request('POST', '/rest/community-packages', { name: PACKAGE, version: NEXT });
		expect(res.status).toBe(400);
	});

	test('the crisis-line lookup returns the server\u2019s helplines', async () => {
		await n8n.stop();
		await importSearchWorkflow(n8n, server);
		await expectSearchReturnsServerData(n8n, server);
		expectNoPackageWarnings(n8n.logs());
	});

	test(`a restart with version ${NEXT} in N8N_COMMUNITY_PACKAGES updates the package`, async () => {
		await start(NEXT);
		expect(await installed()).toEqual([{ name: PACKAGE, version: NEXT, failedLoading: false }]);
		expect(await loadedTypes()).toEqual(OUR_NODE_TYPES);
		expect(n8n.logs()).toContain(`Updated community package '${PACKAGE}' from ${packageVersion} to ${NEXT} from env`);
		await n8n.stop();
		expectNoPackageWarnings(n8n.logs());
	});
});

if (versions2x.length === 0) test.skip('n8n 2.x not under test: N8N_COMMUNITY_PACKAGES needs 2.x', () => {});
