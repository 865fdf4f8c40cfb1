/**
 * ThroughLine as an AI tool in a real n8n, end to end, one n8n start per version: an AI Agent whose
 * OpenAI Chat Model is a scripted model server (the only test double), the AI agent example, and
 * the MCP server example driven by the official MCP client over Streamable HTTP and SSE.
 */
import { n8nVersions } from '../support';
import { agentCases, badCallCases } from './agent.cases';
import { cacheCases } from './cache.cases';
import { exampleCases } from './example.cases';
import { mcpCases } from './mcp.cases';
import { nodeSideCases } from './nodeSide.cases';
import type { AiContext } from './setup';
import { setUpAi, tearDownAi } from './setup';

describe.each(n8nVersions())('n8n %s', (version) => {
	let ctx: AiContext | undefined;
	const get = () => {
		if (!ctx) throw new Error('setUpAi did not finish');
		return ctx;
	};

	beforeAll(async () => {
		ctx = await setUpAi(version);
	});
	afterAll(async () => {
		await tearDownAi(ctx);
	});

	describe('AI Agent -> ThroughLine Tool, the model scripted', () => {
		agentCases(get);
		describe('a bad call is a tool error the model recovers from: the run goes on, no number is made up', () => badCallCases(get));
	});
	describe('examples/ai-agent-tool.json, the model scripted', () => exampleCases(get));
	describe('examples/mcp-server.json with the MCP SDK client', () => mcpCases(get));
	describe('node 1.1 shapes the tool for a model', () => nodeSideCases(get));
	describe('the answer cache on the tool path', () => cacheCases(get));
});
