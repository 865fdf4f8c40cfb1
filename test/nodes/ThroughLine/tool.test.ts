/**
 * The node as a model's tool (the `throughLineTool` variant n8n derives for AI agents and MCP):
 * what "let the model define" gives the model, compact output that carries ThroughLine's
 * priority rule, Full Records on request, and malformed calls answered with what to send
 * instead, never with a number. Expectations come from the local server's data.
 */
import * as fs from 'fs';
import * as path from 'path';

import { ExecuteContext } from 'n8n-core';
import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { ThroughLine } from '../../../nodes/ThroughLine/ThroughLine.node';
import { simplified, SUICIDAL } from '../../e2e/expected';
import { makeNode, NODE_TYPE, runNode, TOOL_NODE_TYPE, useLocalServer } from '../../harness/runNode';

const local = useLocalServer();
const asTool = { node: { type: TOOL_NODE_TYPE, typeVersion: 1.1 } };
const searches = () => local.server.requests().filter((r) => r.url.startsWith('/v1/helplines?'));

/** A parameter after "let the model define this parameter", as n8n's editor writes it (2.41.1, 1.123.81). */
const override = (key: string) => ({
	__rl: true,
	mode: 'list',
	value: `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, 'string') }}`,
});
const tool = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'helpline',
	operation: 'search',
	country: override('Country'),
	topic: override('Topic'),
	...parameters,
});
/** A tool call: the model's arguments are the node's input item. */
const call = async (args: IDataObject, parameters: INodeParameters = {}) =>
	await runNode(local.credentials(), tool(parameters), [args], asTool);

describe('what "let the model define" gives the model', () => {
	test('keys Country and Topic, both strings: the display names, which n8n keeps as they are', () => {
		const properties = new ThroughLine().description.properties.filter((p) => p.type === 'resourceLocator');
		// n8n's editor: displayName with anything but [a-zA-Z0-9-] replaced by "_".
		expect([...new Set(properties.map((p) => p.displayName.replace(/[^a-zA-Z0-9-]/g, '_')))]).toEqual(['Country', 'Topic']);
		const schema = getSchema(makeNode(tool(), asTool.node) as INode);
		expect(Object.keys(schema.shape)).toEqual(['Country', 'Topic']);
		expect(schema.safeParse({ Country: 'New Zealand', Topic: '' }).success).toBe(true);
	});

	test('the descriptions tell a person what to enter, in the words a model needs too', () => {
		const byName = (name: string) =>
			new ThroughLine().description.properties.find((p) => p.name === name && p.type === 'resourceLocator')!.description;
		expect(byName('country')).toMatch(/two-letter code .*English country name/);
		expect(byName('topic')).toMatch(/topic name such as Suicidal thoughts.*Empty for helplines on every topic/);
	});
});

describe('compact output with the priority rule', () => {
	test('US, Suicidal thoughts, Priority Only: both services of the pair, each saying that both must be shown', async () => {
		const pair = local.server.data.priority('US');
		expect(pair).toHaveLength(2);
		const { items, error } = await call({ Country: 'united states', Topic: 'suicidal thoughts' }, { priorityOnly: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(
			pair.map((h, index) => ({
				priorityRule: `Priority service ${index + 1} of 2 for this country and topic: show all 2 priority services to the person, never only some of them.`,
				priority: true,
				...simplified(h),
			})),
		);
		// The rule is the first thing a model reads on each record.
		for (const item of items) expect(Object.keys(item.json).slice(0, 2)).toEqual(['priorityRule', 'priority']);
		expect(items.every((i) => (i.json.specialties as string[]).length > 0)).toBe(true);
	});

	test('a ranked search: compact records marked as not priority, whatever Simplify says', async () => {
		const { items } = await call({ Country: 'NZ', Topic: '' }, { limit: 3, simplify: false });
		const expected = local.server.data
			.helplines()
			.filter((h) => h.country.code === 'NZ')
			.slice(0, 3);
		expect(items.map((i) => i.json)).toEqual(expected.map((h) => ({ priority: false, ...simplified(h) })));
	});

	test('Tool Output: Full Records gives everything ThroughLine sends, with the priority marks in front', async () => {
		const { items } = await call({ Country: 'US', Topic: SUICIDAL }, { priorityOnly: true, toolOutput: 'full' });
		const pair = local.server.data.priority('US');
		expect(items.map((i) => i.json)).toEqual(
			pair.map((h, index) => ({ priorityRule: expect.stringContaining(`${index + 1} of 2`), priority: true, ...h })),
		);
	});

	test('a search that finds nothing says so, with the emergency number, and no other number', async () => {
		const data = local.server.data;
		const [country, topic] = data
			.countries()
			.flatMap((c) => data.topics().map((t) => [c, t.name] as const))
			.find(([c, t]) => !data.helplines().some((h) => h.country.code === c.code && h.topics.includes(t)))!;
		const { items, error } = await call({ Country: country.name, Topic: topic });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			{
				noHelplines: `ThroughLine lists no helplines for ${country.name} on the topic ${topic}. Do not give any other helpline number. If someone is in immediate danger, the emergency number there is ${country.emergencyNumber}.`,
			},
		]);
	});
	test('an empty priority list is not "no helplines": it says there is no priority list', async () => {
		const data = local.server.data;
		const country = data.countries().find((c) => data.priority(c.code).length === 0)!;
		const { items } = await call({ Country: country.code, Topic: SUICIDAL }, { priorityOnly: true });
		expect(items.map((i) => i.json)).toEqual([
			{
				noHelplines: `ThroughLine has no priority services for ${country.name} on the topic ${SUICIDAL}. Do not give any other helpline number. If someone is in immediate danger, the emergency number there is ${country.emergencyNumber}.`,
			},
		]);
	});
});

describe('malformed calls get what to send instead, and no number', () => {
	const countryHint = 'Send a two-letter country code such as US, GB or NZ, or an English country name such as New Zealand.';
	test.each([
		[{}, 'Country is missing.'],
		[{ Country: '' }, 'Country is missing.'],
		[{ Country: '  ' }, 'Country is missing.'],
		[{ Country: 840 }, 'Country must be text, not number 840.'],
		[{ Country: { code: 'US' } }, 'Country must be text, not an object.'],
		[{ Country: ['US'] }, 'Country must be text, not a list.'],
	])('%p', async (args, what) => {
		const { items, error } = await call(args);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([{ error: `${what} ${countryHint}` }]);
		expect(searches()).toHaveLength(0);
	});

	test('an unknown country: the nearest ones ThroughLine covers, from its list', async () => {
		const { items, error } = await call({ Country: 'New Zeeland', Topic: SUICIDAL });
		expect(error).toBeUndefined();
		const nz = local.server.data.countries().find((c) => c.name === 'New Zealand')!;
		expect(items.map((i) => i.json)).toEqual([
			{
				error: expect.stringMatching(
					new RegExp(`^Country "New Zeeland" is not one ThroughLine covers\\. ${countryHint} Closest: New Zealand \\(${nz.code}\\), `),
				),
			},
		]);
		expect(searches()).toHaveLength(0);
	});

	test('an unknown topic or a topic of the wrong type: the nearest topic names', async () => {
		const unknown = await call({ Country: 'US', Topic: 'suicide' });
		expect(unknown.items.map((i) => i.json.error)).toEqual([
			expect.stringMatching(/^Topic "suicide" is not one ThroughLine knows\. .* Closest: Suicidal thoughts, /),
		]);
		const number = await call({ Country: 'US', Topic: 3 });
		expect(number.items.map((i) => i.json.error)).toEqual([expect.stringMatching(/^Topic must be text, not number 3\. /)]);
		expect(searches()).toHaveLength(0);
	});

	test('no output of a failed call holds a phone number or a helpline', async () => {
		for (const args of [{}, { Country: 'Atlantis' }, { Country: 7 }, { Country: 'US', Topic: 'nothing like it' }]) {
			const { items } = await call(args);
			expect(items).toHaveLength(1);
			expect(Object.keys(items[0].json)).toEqual(['error']);
			expect(items[0].json.error).not.toMatch(/\d{3}/);
		}
	});
});

describe('Helpline > Get as a tool', () => {
	const get = async (parameters: INodeParameters) => {
		const helpline = local.server.data.helplines()[7];
		const run = await runNode(
			local.credentials(),
			{ resource: 'helpline', operation: 'get', helplineId: helpline.id, ...parameters },
			[{}],
			asTool,
		);
		return { helpline, ...run };
	};

	test('a compact record by default, whatever Simplify says', async () => {
		const { helpline, items, error } = await get({ simplify: false });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([simplified(helpline)]);
	});

	test('Tool Output: Full Records gives the record as ThroughLine sends it', async () => {
		const { helpline, items } = await get({ toolOutput: 'full' });
		expect(items.map((i) => i.json)).toEqual([helpline]);
	});
});

test('a context that says it runs a tool (isToolExecution) gets the tool output too', async () => {
	const spy = jest.spyOn(ExecuteContext.prototype, 'isToolExecution').mockReturnValue(true);
	try {
		const { items } = await runNode(local.credentials(), tool({ priorityOnly: true }), [{ Country: 'US', Topic: SUICIDAL }], {
			node: { type: NODE_TYPE, typeVersion: 1.1 },
		});
		expect(items.map((i) => i.json.priority)).toEqual(local.server.data.priority('US').map(() => true));
	} finally {
		spy.mockRestore();
	}
});

describe('the AI agent example (examples/ai-agent-tool.json: what the editor writes, nothing by hand)', () => {
	const example = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../examples/ai-agent-tool.json'), 'utf8'));
	const node = example.nodes.find((n: INode) => n.type === TOOL_NODE_TYPE) as INode;

	test('runs as a tool: compact records for the country and topic the model sends', async () => {
		const args = Object.fromEntries(
			[...JSON.stringify(node.parameters).matchAll(/\$fromAI\('(\w+)'/g)].map(([, key]) => [key, /country/i.test(key) ? 'NZ' : SUICIDAL]),
		);
		const { items, error } = await runNode(local.credentials(), node.parameters, [args], {
			node: { type: node.type, typeVersion: node.typeVersion },
		});
		expect(error).toBeUndefined();
		const expected = local.server.data
			.helplines()
			.filter((h) => h.country.code === 'NZ' && h.topics.includes(SUICIDAL))
			.slice(0, node.parameters.limit as number);
		expect(items.map((i) => i.json)).toEqual(expected.map((h) => ({ priority: false, ...simplified(h) })));
	});
});

test('a version 1 tool with hand-written $fromAI (the example as it was) still runs, and takes a name too', async () => {
	const parameters = {
		resource: 'helpline',
		operation: 'search',
		country: "={{ $fromAI('countryCode', 'Two-letter ISO 3166-1 code of the country the person is in', 'string') }}",
		topic: "={{ $fromAI('topic', 'A ThroughLine topic name; empty for any topic', 'string') }}",
		limit: 5,
		simplify: true,
		// Both runs answered live, so neither record carries answeredFrom.
		options: { cacheAnswersFor: 0 },
	};
	const expected = local.server.data
		.helplines()
		.filter((h) => h.country.code === 'NZ' && h.topics.includes(SUICIDAL))
		.slice(0, 5)
		.map((h) => ({ priority: false, ...simplified(h) }));
	for (const countryCode of ['NZ', 'New Zealand']) {
		const { items, error } = await runNode(local.credentials(), parameters, [{ countryCode, topic: SUICIDAL }], {
			node: { type: TOOL_NODE_TYPE, typeVersion: 1 },
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual(expected);
	}
});
