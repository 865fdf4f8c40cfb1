/**
 * The built package, loaded by n8n-core's PackageDirectoryLoader exactly as n8n loads a community
 * package: class names must match file names, icons and codex files must sit beside the code.
 * Needs `npm run build` first (npm test builds before jest).
 */
import { existsSync } from 'fs';
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeTypeDescription } from 'n8n-workflow';
import { join } from 'path';

const root = join(__dirname, '..', '..');

test('n8n loads every node and the credential from dist/', async () => {
	expect(existsSync(join(root, 'dist'))).toBe(true);
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	const nodes = Object.keys(loader.nodeTypes).sort();
	const packageJson = require(join(root, 'package.json'));
	expect(nodes.length).toBe(packageJson.n8n.nodes.length);
	expect(nodes).toContain('throughLine');
	expect(Object.keys(loader.credentialTypes)).toEqual(['throughLineApi']);

	const node = loader.nodeTypes.throughLine.type.description as INodeTypeDescription;
	expect(node.usableAsTool).toBe(true);
	expect(node.credentials).toEqual([{ name: 'throughLineApi', required: true }]);
	// the loader rewrites file: icons to served paths and reads the codex file
	expect(node.iconUrl).toEqual({
		light: 'icons/n8n-nodes-throughline/dist/nodes/ThroughLine/throughline.svg',
		dark: 'icons/n8n-nodes-throughline/dist/nodes/ThroughLine/throughline.dark.svg',
	});
	expect(node.codex?.categories).toEqual(expect.arrayContaining(['Miscellaneous']));
	for (const icon of Object.values(node.iconUrl as Record<string, string>)) {
		expect(existsSync(join(root, icon.replace('icons/n8n-nodes-throughline/', '')))).toBe(true);
	}
	const credential = loader.credentialTypes.throughLineApi.type;
	expect(credential.displayName).toBe('ThroughLine API');
	expect(typeof credential.preAuthentication).toBe('function');
});
