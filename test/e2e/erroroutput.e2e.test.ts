/**
 * "On Error" in a real n8n: with *Continue (using error output)* the items ThroughLine's node
 * could not serve leave by the error output (and the branch wired to it runs), the helplines by
 * the success output; with *Continue* they are error items in the one output, in item order.
 * Three items go in: NZ (helplines), USA (not a two-letter code) and ZZ (ThroughLine refuses it).
 * Expectations come from the local server's data.
 */
import crypto from 'node:crypto';

import * as demo from '../../scripts/demo/examples';
import type { SandboxServer } from '../../sandbox';
import { startServer } from '../../sandbox';
import { n8nRuntime, n8nVersions, tarball } from './support';

const COUNTRIES = ['NZ', 'USA', 'ZZ'];
const SEARCH = 'ThroughLine Search';

type OnError = 'continueErrorOutput' | 'continueRegularOutput';

/** Manual trigger → one item per country → Search (limit 2) with `onError` → a NoOp per output. */
function workflow(id: string, onError: OnError, branches: string[]) {
	const node = (name: string, type: string, typeVersion: number, x: number, parameters: object, extra: object = {}) => ({
		id: crypto.randomUUID(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	const to = (name: string) => [{ node: name, type: 'main', index: 0 }];
	return {
		id,
		name: `Error output e2e (${onError})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
			node('Countries', 'n8n-nodes-base.set', 3.4, 200, {
				assignments: { assignments: [{ id: crypto.randomUUID(), name: 'countries', value: JSON.stringify(COUNTRIES), type: 'array' }] },
				options: {},
			}),
			node('One item per country', 'n8n-nodes-base.splitOut', 1, 400, {
				fieldToSplitOut: 'countries',
				options: { destinationFieldName: 'country' },
			}),
			node(
				SEARCH,
				'n8n-nodes-throughline.throughLine',
				1,
				600,
				{ resource: 'helpline', operation: 'search', country: '={{ $json.country }}', limit: 2, options: {} },
				{ onError, credentials: { throughLineApi: { id: demo.CREDENTIAL.id, name: demo.CREDENTIAL.name } } },
			),
			...branches.map((name, i) => node(name, 'n8n-nodes-base.noOp', 1, 800 + 200 * i, {})),
		],
		connections: {
			Start: { main: [to('Countries')] },
			Countries: { main: [to('One item per country')] },
			'One item per country': { main: [to(SEARCH)] },
			[SEARCH]: { main: branches.map(to) },
		},
	};
}

const ERROR_OUTPUT_ID = 'tlErrorOutputE2e';
const REGULAR_OUTPUT_ID = 'tlRegularOutputE';

/** Every output of a node in the result `n8n execute` printed: items (json and pairedItem) per output. */
function outputs(execution: any, nodeName: string): Array<Array<{ json: Record<string, any>; pairedItem?: any }>> {
	const [run] = execution?.data?.resultData?.runData?.[nodeName] ?? [];
	return (run?.data?.main ?? []).map((items: any) => items ?? []);
}
const itemIndex = (item: { pairedItem?: any }) => (Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem)?.item;

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;
	let server: SandboxServer;
	let nzFirstTwo: string[];

	beforeAll(async () => {
		server = await startServer({ port: 0 });
		nzFirstTwo = server.data
			.helplines()
			.filter((h) => h.country.code === 'NZ')
			.slice(0, 2)
			.map((h) => h.id);
		const runtime = await n8nRuntime.ensureN8n({ version });
		n8n = new n8nRuntime.N8nInstance({ runtime });
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
		await n8n.importCredentials([demo.localCredential(server)]);
		await n8n.importWorkflows([
			workflow(ERROR_OUTPUT_ID, 'continueErrorOutput', ['Helplines', 'Failed']),
			workflow(REGULAR_OUTPUT_ID, 'continueRegularOutput', ['After']),
		]);
	});
	afterAll(async () => {
		await n8n?.dispose();
		await server?.close();
	});

	test('Continue (using error output): helplines leave by the success output, failed items by the error output', async () => {
		const exec = await n8n.execute(ERROR_OUTPUT_ID);
		expect(demo.executionError(exec.result)).toBeUndefined();
		expect(exec.status).toBe('success');

		const [success, failure] = outputs(exec.result, SEARCH);
		expect(success.map((i) => i.json.id)).toEqual(nzFirstTwo);
		expect(success.map(itemIndex)).toEqual([0, 0]);
		expect(failure.map(itemIndex)).toEqual([1, 2]);
		// n8n adds the failed input item's fields: the error branch knows which country failed.
		expect(failure.map((i) => i.json.country)).toEqual(['USA', 'ZZ']);
		expect(failure[0].json.error).toBe('Country code "USA" is not a two-letter ISO 3166-1 code (item 1)');
		expect(failure[0].json.message).toContain('two-letter code'); // what to do, kept for the user
		expect(failure[1].json.error).toMatch(/^ThroughLine refused the request \(HTTP 400\): .*ZZ.* \(item 2\)$/);

		// Each branch ran with its own items.
		expect(demo.nodeOutput(exec.result, 'Helplines').map((h) => h.id)).toEqual(nzFirstTwo);
		expect(demo.nodeOutput(exec.result, 'Failed').map((i) => i.country)).toEqual(['USA', 'ZZ']);
	});

	test('Continue: failed items are error items in the one output, in item order', async () => {
		const exec = await n8n.execute(REGULAR_OUTPUT_ID);
		expect(demo.executionError(exec.result)).toBeUndefined();
		expect(exec.status).toBe('success');

		const searchOutputs = outputs(exec.result, SEARCH);
		expect(searchOutputs).toHaveLength(1);
		const [items] = searchOutputs;
		expect(items.map(itemIndex)).toEqual([0, 0, 1, 2]);
		expect(items.slice(0, 2).map((i) => i.json.id)).toEqual(nzFirstTwo);
		expect(items[2].json).toEqual({
			error: 'Country code "USA" is not a two-letter ISO 3166-1 code (item 1)',
			message: expect.stringContaining('two-letter code'),
		});
		expect(items[3].json.error).toMatch(/ZZ.* \(item 2\)$/);
		expect(demo.nodeOutput(exec.result, 'After')).toHaveLength(4);
	});
});
