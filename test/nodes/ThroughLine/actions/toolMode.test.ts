/**
 * Whether a model called the node, in each kind of context n8n gives it: n8n 1.x contexts have no
 * isToolExecution at all, 2.x agents run the `<name>Tool` node type with an ordinary context, and
 * the MCP Server Trigger's supply-data context says so through isToolExecution().
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { acceptsNames, isToolRun } from '../../../../nodes/ThroughLine/actions/toolMode';

const context = (type: string, typeVersion = 1.1, isToolExecution?: () => boolean) =>
	({ getNode: () => ({ type, typeVersion }), ...(isToolExecution ? { isToolExecution } : {}) }) as unknown as IExecuteFunctions;

test.each<[string, string, (() => boolean) | undefined, boolean]>([
	['a 1.x context, without isToolExecution', 'n8n-nodes-throughline.throughLine', undefined, false],
	['a 1.x agent’s tool node', 'n8n-nodes-throughline.throughLineTool', undefined, true],
	['a plain 2.x run', 'n8n-nodes-throughline.throughLine', () => false, false],
	['a 2.x agent’s tool node', 'n8n-nodes-throughline.throughLineTool', () => false, true],
	['the MCP Server Trigger’s supply-data context', 'n8n-nodes-throughline.throughLine', () => true, true],
])('%s', (_name, type, isToolExecution, expected) => {
	expect(isToolRun(context(type, 1.1, isToolExecution))).toBe(expected);
});

test('names are accepted from version 1.1, and from a model in version 1', () => {
	expect(acceptsNames(context('n8n-nodes-throughline.throughLine', 1))).toBe(false);
	expect(acceptsNames(context('n8n-nodes-throughline.throughLine', 1.1))).toBe(true);
	expect(acceptsNames(context('n8n-nodes-throughline.throughLineTool', 1))).toBe(true);
});
