/** The packed package, installed into a real n8n the way Community Nodes installs it, is loaded. */
import { n8nRuntime, n8nVersions, tarball } from './support';

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;

	beforeAll(async () => {
		const runtime = await n8nRuntime.ensureN8n({ version });
		n8n = new n8nRuntime.N8nInstance({ runtime });
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	test('lists the node, its AI tool variant and the trigger, without warnings about the package', async () => {
		const types: Array<{ name: string; usableAsTool?: boolean }> = await n8n.exportNodes();
		const ours = types.map((t) => t.name).filter((name) => name.startsWith('n8n-nodes-throughline.')).sort();
		expect(ours).toEqual([
			'n8n-nodes-throughline.throughLine',
			'n8n-nodes-throughline.throughLineTool',
			'n8n-nodes-throughline.throughLineTrigger',
		]);
		const log: string = n8n.logs();
		expect(log).not.toMatch(/n8n-nodes-throughline[^\n]*(warn|error|could not)/i);
		expect(log).not.toMatch(/Class could not be found/i);
	});
});
