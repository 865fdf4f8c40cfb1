/**
 * The packed package, installed into a real n8n the way Community Nodes installs it, is loaded:
 * its nodes (with the AI tool variant) and its credential are listed and load without warnings;
 * every node of the example workflows exists in this n8n at the version the examples use; the AI
 * agent example imports, n8n serves it to the editor, and the ThroughLine tool in it exposes the
 * parameters the model fills in with $fromAI().
 */
import type { INode, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, extractFromAICalls } from 'n8n-workflow';

import * as demo from '../../scripts/demo/examples';
import { OWNER } from '../../scripts/demo/examples';
import { n8nRuntime, n8nVersions, tarball } from './support';

const OURS = ['n8n-nodes-throughline.throughLine', 'n8n-nodes-throughline.throughLineTool', 'n8n-nodes-throughline.throughLineTrigger'];
const CREDENTIAL_FIELDS = ['environment', 'clientId', 'clientSecret', 'baseUrl', 'tokenUrl', 'accessToken'];

const versionsOf = (d: { version: number | number[] }) => ([] as number[]).concat(d.version);

/** Nothing n8n printed is a warning or an error about this package. */
function expectNoPackageWarnings(log: string) {
	expect(log).not.toMatch(/n8n-nodes-throughline[^\n]*(warn|error|could not|failed)/i);
	expect(log).not.toMatch(/Class could not be found/i);
	expect(log).not.toMatch(/(unrecognized|unknown) node type/i);
}

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;
	let types: INodeTypeDescription[];

	beforeAll(async () => {
		const runtime = await n8nRuntime.ensureN8n({ version });
		n8n = new n8nRuntime.N8nInstance({ runtime });
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
		types = await n8n.exportNodes();
	});
	afterAll(async () => {
		await n8n?.dispose();
	});

	const describeType = (name: string, typeVersion: number) => types.find((t) => t.name === name && versionsOf(t).includes(typeVersion));

	test('lists the node, its AI tool variant and the trigger, without warnings about the package', () => {
		const ours = types.map((t) => t.name).filter((name) => name.startsWith('n8n-nodes-throughline.'));
		expect(ours.sort()).toEqual(OURS);
		const tool = describeType('n8n-nodes-throughline.throughLineTool', 1);
		expect(tool?.outputs).toEqual(['ai_tool']);
		expect(tool?.inputs).toEqual([]);
		expectNoPackageWarnings(n8n.logs());
	});

	test('every node of every example workflow exists in this n8n at the type version the example uses', () => {
		for (const workflow of demo.loadExamples()) {
			for (const node of workflow.nodes) {
				expect({
					workflow: workflow.name,
					node: node.name,
					type: node.type,
					typeVersion: node.typeVersion,
					known: !!describeType(node.type, node.typeVersion),
				}).toEqual({
					workflow: workflow.name,
					node: node.name,
					type: node.type,
					typeVersion: node.typeVersion,
					known: true,
				});
			}
		}
	});

	test('the ThroughLine tool in the AI agent example exposes country and topic to the model via $fromAI()', () => {
		const workflow = demo.readExample('aiAgentTool');
		const node = demo.nodeNamed(workflow, demo.EXAMPLES.aiAgentTool.toolNode) as INode;
		const tool = describeType(node.type, node.typeVersion) as INodeTypeDescription;
		expect(tool).toBeDefined();

		// Every parameter the example sets is one of the tool's, shown for Helpline > Search, with no issues.
		const names = new Set(tool.properties.map((p) => p.name));
		expect(Object.keys(node.parameters).filter((name) => !names.has(name))).toEqual([]);
		const shown = NodeHelpers.getNodeParameters(tool.properties, node.parameters, true, false, node, tool);
		expect(shown).toMatchObject({
			descriptionType: 'manual',
			resource: 'helpline',
			operation: 'search',
			country: node.parameters.country,
			topic: node.parameters.topic,
			priorityOnly: false,
			limit: 5,
			toolOutput: 'compact',
		});
		expect(NodeHelpers.getNodeParametersIssues(tool.properties, node, tool)).toBeNull();

		// Country and Topic as n8n's "let the model define this parameter" writes them (version
		// 1.1 makes them resource locators, which the editor lets a model fill): keyed by their
		// display names, with nothing written by hand.
		const fromAI = Object.values(node.parameters)
			.map((value) => (value && typeof value === 'object' && '__rl' in value ? (value as { value: unknown }).value : value))
			.filter((value): value is string => typeof value === 'string')
			.flatMap((value) => extractFromAICalls(value));
		expect(fromAI.map((call) => [call.key, call.type])).toEqual([
			['Country', 'string'],
			['Topic', 'string'],
		]);
		expect(Object.values(node.parameters).filter((v) => JSON.stringify(v).includes('n8n-auto-generated-fromAI-override'))).toHaveLength(2);

		// Wired to the agent as its tool, next to a chat model and memory.
		expect(workflow.connections[node.name]).toEqual({ ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] });
		expect(
			Object.values(workflow.connections)
				.flatMap((c: any) => Object.keys(c))
				.sort(),
		).toEqual(['ai_languageModel', 'ai_memory', 'ai_tool', 'main']);
	});

	test('imported with its credential, the AI agent example is served to the editor; n8n lists the credential type', async () => {
		await n8n.importCredentials([demo.localCredential({ url: 'http://127.0.0.1:9', clientId: 'id', clientSecret: 'not-used' })]);
		await n8n.importWorkflows(demo.loadExamples({ only: ['aiAgentTool'] }));
		await n8n.start();
		await n8n.signIn(OWNER);

		const wf = await n8n.request('GET', `/rest/workflows/${demo.EXAMPLES.aiAgentTool.id}`);
		expect(wf.status).toBe(200);
		const served = wf.json.data;
		const tool = served.nodes.find((n: any) => n.name === demo.EXAMPLES.aiAgentTool.toolNode);
		expect(tool).toMatchObject({
			type: 'n8n-nodes-throughline.throughLineTool',
			credentials: { throughLineApi: { id: demo.CREDENTIAL.id } },
		});
		expect(served.connections[tool.name].ai_tool[0][0].node).toBe('AI Agent');

		const credentialTypes = await n8n.request('GET', '/types/credentials.json');
		expect(credentialTypes.status).toBe(200);
		const ours = credentialTypes.json.find((c: any) => c.name === 'throughLineApi');
		expect(ours).toMatchObject({ displayName: 'ThroughLine API' });
		// Ours first; n8n adds its own fields after them (allowed domains).
		expect(ours.properties.map((p: any) => p.name).slice(0, CREDENTIAL_FIELDS.length)).toEqual(CREDENTIAL_FIELDS);

		const nodeTypes = await n8n.request('GET', '/types/nodes.json');
		expect(nodeTypes.status).toBe(200);
		expect(
			nodeTypes.json
				.map((t: any) => t.name)
				.filter((name: string) => name.startsWith('n8n-nodes-throughline.'))
				.sort(),
		).toEqual(OURS);

		await n8n.stop();
		expectNoPackageWarnings(n8n.logs());
	});
});
