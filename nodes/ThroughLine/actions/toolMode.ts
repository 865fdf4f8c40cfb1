import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether a model called the node. n8n has two ways to run a tool: through a supply-data context
 * (MCP Server Trigger, older agents), where isToolExecution() says so, and in 2.x agents as a
 * node of its own, with an ordinary context whose isToolExecution() is false (and 1.x contexts
 * lack the method). The node type tells in every case: n8n names the tool variant `<name>Tool`.
 */
export function isToolRun(context: IExecuteFunctions): boolean {
	const asTool = typeof context.isToolExecution === 'function' && context.isToolExecution();
	return asTool || context.getNode().type.endsWith('Tool');
}

/**
 * Whether Country and Topic accept names and codes (resolved through ThroughLine's lists):
 * from version 1.1, and for a model in any version. Version 1 as a plain node reads them as it
 * always did, so saved workflows behave as they were built.
 */
export const acceptsNames = (context: IExecuteFunctions): boolean => context.getNode().typeVersion >= 1.1 || isToolRun(context);
