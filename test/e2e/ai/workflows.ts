/**
 * The workflows and credentials of the AI suites: an agent workflow built here (Chat Trigger ->
 * AI Agent with the OpenAI Chat Model on the scripted model -> ThroughLine Tool), the AI agent
 * example and the MCP server example as a user imports them, with the links they need here.
 */
import fs from 'node:fs';
import path from 'node:path';

import * as demo from '../../../scripts/demo/examples';

export const OPENAI_CREDENTIAL = { id: 'tlScriptedOpenAi', name: 'Scripted model', type: 'openAiApi' } as const;
/** The bearer credential examples/mcp-server.json references by id. */
export const MCP_CREDENTIAL = { id: 'tlMcpBearerToken', name: 'ThroughLine MCP bearer token', type: 'httpBearerAuth' } as const;
export const MCP_TOKEN = 'mcp-e2e-bearer-5d1f0c2a9b7e4f63';

export const AGENT = {
	id: 'tlAiAgentE2e0001',
	webhookId: '0e6c2b5a-7d41-4f0e-9a3b-e2e0a1a9e001',
	toolNode: 'Find crisis helplines',
	toolName: 'Find_crisis_helplines',
	toolDescription:
		"Find ThroughLine's verified priority crisis helplines (name, phone, SMS, chat) for a country and a topic. Give every helpline it returns.",
	countryKey: 'countryCode',
	countryDescription: 'Two-letter ISO 3166-1 code of the country the person is in, for example US, GB or NZ',
	topicKey: 'topic',
	topicDescription: 'The ThroughLine topic name the person needs help with, for example Suicidal thoughts',
} as const;

export const MCP_EXAMPLE = { file: 'mcp-server.json', id: 'tlMcpServer00001', path: 'throughline-helplines' } as const;

const openAiCredentials = { openAiApi: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name } };
const throughLineCredentials = { throughLineApi: { id: demo.CREDENTIAL.id, name: demo.CREDENTIAL.name } };

export const credentials = (server: { url: string; clientId: string; clientSecret: string }, modelUrl: string) => [
	demo.localCredential(server),
	{ ...OPENAI_CREDENTIAL, data: { apiKey: 'sk-scripted-model', url: modelUrl } },
	{ ...MCP_CREDENTIAL, data: { token: MCP_TOKEN } },
];

/**
 * These suites check each request ThroughLine gets, one n8n process for all cases: the node's
 * answer cache (shared by every execution of that process) is off in every ThroughLine node here.
 */
const NO_CACHE = { cacheAnswersFor: 0, serveStaleAnswersFor: 0 };
function uncached<W>(workflow: W): W {
	for (const node of (workflow as { nodes: Array<{ type: string; parameters?: Record<string, any> }> }).nodes) {
		if (/^n8n-nodes-throughline\.throughLine(Tool)?$/.test(node.type)) {
			node.parameters = { ...node.parameters, options: { ...node.parameters?.options, ...NO_CACHE } };
		}
	}
	return workflow;
}

const fromAI = (key: string, description: string, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;

/** The same agent with the answer cache as a user leaves it (on), and with only stale answers kept. */
export const CACHED_AGENT = { id: 'tlAiAgentE2eCach', webhookId: '0e6c2b5a-7d41-4f0e-9a3b-e2e0a1a9e003' } as const;
export const STALE_AGENT = { id: 'tlAiAgentE2eStal', webhookId: '0e6c2b5a-7d41-4f0e-9a3b-e2e0a1a9e004' } as const;

/** The same agent with the tool's Simplify off: what a user gets who leaves the default. */
export const RAW_AGENT = { id: 'tlAiAgentE2eRaw1', webhookId: '0e6c2b5a-7d41-4f0e-9a3b-e2e0a1a9e002' } as const;

/**
 * Chat Trigger (public, answers with the agent's output) -> AI Agent, OpenAI Chat Model 1.3
 * (Responses API) and the tool; `variant` gives another id and webhook, and tool parameters.
 */
export function agentWorkflow(variant: { id: string; webhookId: string; toolParameters?: Record<string, unknown> } = AGENT) {
	const toolParameters = variant.toolParameters ?? {};
	const node = (name: string, type: string, typeVersion: number, position: number[], parameters: Record<string, unknown>, extra = {}) => ({
		id: `${variant.id}-${name.replace(/\W+/g, '-')}`,
		name,
		type,
		typeVersion,
		position,
		parameters,
		...extra,
	});
	return {
		id: variant.id,
		name: `AI e2e: agent with the ThroughLine tool (${variant.id})`,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Chat', '@n8n/n8n-nodes-langchain.chatTrigger', 1.1, [0, 0], { public: true, options: {} }, { webhookId: variant.webhookId }),
			node('AI Agent', '@n8n/n8n-nodes-langchain.agent', 3, [220, 0], {
				options: { systemMessage: 'Give helplines exactly as the tool returns them; never invent a number.' },
			}),
			node(
				'OpenAI Chat Model',
				'@n8n/n8n-nodes-langchain.lmChatOpenAi',
				1.3,
				[120, 220],
				{ model: { __rl: true, mode: 'list', value: 'gpt-4.1-mini' }, options: {} },
				{ credentials: openAiCredentials },
			),
			node(
				AGENT.toolNode,
				'n8n-nodes-throughline.throughLineTool',
				1,
				[320, 220],
				{
					descriptionType: 'manual',
					toolDescription: AGENT.toolDescription,
					resource: 'helpline',
					operation: 'search',
					country: fromAI(AGENT.countryKey, AGENT.countryDescription),
					topic: fromAI(AGENT.topicKey, AGENT.topicDescription),
					priorityOnly: true,
					simplify: true,
					options: NO_CACHE,
					...toolParameters,
				},
				{ credentials: throughLineCredentials },
			),
		],
		connections: {
			Chat: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[AGENT.toolNode]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

/**
 * examples/ai-agent-tool.json as a user sets it up: an OpenAI credential picked in its chat model
 * (here the scripted model's), and the chat made public so a test can post to it.
 */
export function aiAgentExample() {
	const workflow = demo.readExample('aiAgentTool');
	const model = demo.nodeNamed(workflow, 'OpenAI Chat Model');
	model.credentials = openAiCredentials;
	const chat = demo.nodeNamed(workflow, 'When chat message received');
	chat.parameters = { ...chat.parameters, public: true };
	return { workflow: uncached(workflow), webhookId: chat.webhookId as string };
}

export function mcpExample(): Record<string, any> {
	return uncached(JSON.parse(fs.readFileSync(path.join(demo.EXAMPLES_DIR, MCP_EXAMPLE.file), 'utf8')));
}
