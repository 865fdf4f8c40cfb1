/**
 * One real n8n per version for all AI cases: the packed package installed, the local ThroughLine
 * server and the scripted model as its only outside world, the agent workflow and both examples
 * imported and published before the single `n8n start`.
 */
import fs from 'node:fs';
import path from 'node:path';

import { OWNER } from '../../../scripts/demo/examples';
import type { SandboxServer } from '../../../sandbox';
import { startServer } from '../../../sandbox';
import { n8nRuntime, tarball } from '../support';
import type { ScriptedModel } from '../support/scriptedModel';
import { startScriptedModel } from '../support/scriptedModel';
import { fetchWebhook } from '../support/webhook';
import {
	AGENT,
	CACHED_AGENT,
	MCP_EXAMPLE,
	RAW_AGENT,
	STALE_AGENT,
	agentWorkflow,
	aiAgentExample,
	credentials,
	mcpExample,
} from './workflows';

export interface AiContext {
	version: string;
	n8n: any;
	server: SandboxServer;
	model: ScriptedModel;
	/** the example ai-agent-tool.json's chat webhook id */
	exampleWebhookId: string;
	/** every ThroughLine access token the server saw so far (kept across server.reset()) */
	tokens(): string[];
}

/** Keep the tokens the server saw, also across its reset(), to search for them afterwards. */
function keepTokens(server: SandboxServer) {
	const seen = new Set<string>();
	const harvest = () => Object.keys(server.stats().byToken).forEach((t) => seen.add(t));
	const reset = server.reset.bind(server);
	server.reset = () => {
		harvest();
		reset();
	};
	return () => (harvest(), [...seen]);
}

export async function setUpAi(version: string): Promise<AiContext> {
	const server = await startServer({ port: 0 });
	const tokens = keepTokens(server);
	const model = await startScriptedModel();
	const runtime = await n8nRuntime.ensureN8n({ version });
	const n8n = new n8nRuntime.N8nInstance({ runtime });
	await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
	await n8n.importCredentials(credentials(server, model.url));
	const example = aiAgentExample();
	const rawAgent = { ...RAW_AGENT, toolParameters: { simplify: false } };
	// The cache variants: the Options as a user leaves them, and stale answers only (nothing fresh).
	const cachedAgent = { ...CACHED_AGENT, toolParameters: { options: {} } };
	const staleAgent = { ...STALE_AGENT, toolParameters: { options: { cacheAnswersFor: 0 } } };
	const workflows = [
		agentWorkflow(),
		agentWorkflow(rawAgent),
		agentWorkflow(cachedAgent),
		agentWorkflow(staleAgent),
		example.workflow,
		mcpExample(),
	];
	await n8n.importWorkflows(workflows);
	for (const id of [AGENT.id, RAW_AGENT.id, CACHED_AGENT.id, STALE_AGENT.id, example.workflow.id, MCP_EXAMPLE.id])
		await n8n.activateWorkflow(id);
	await n8n.start();
	await n8n.signIn(OWNER);
	// Published workflows register their webhooks after the REST API answers: until then, 404.
	for (const webhookId of [AGENT.webhookId, RAW_AGENT.webhookId, CACHED_AGENT.webhookId, STALE_AGENT.webhookId, example.webhookId])
		await untilRegistered(`${n8n.url}/webhook/${webhookId}/chat`);
	await untilRegistered(`${n8n.url}/mcp/${MCP_EXAMPLE.path}`);
	server.reset();
	return { version, n8n, server, model, exampleWebhookId: example.webhookId, tokens };
}

async function untilRegistered(url: string, timeoutMs = 60_000) {
	const res = await fetchWebhook(url, { timeoutMs });
	await res.arrayBuffer();
	if (res.status === 404) throw new Error(`${url} still answers 404 after ${timeoutMs} ms`);
}

export async function tearDownAi(ctx: AiContext | undefined) {
	await ctx?.n8n?.dispose(true);
	await ctx?.server?.close();
	await ctx?.model?.close();
}

/** Post one chat message to a public Chat Trigger; resolves to what the caller got back. */
export async function chat(ctx: AiContext, webhookId: string, chatInput: string, sessionId = `s-${Date.now()}`) {
	const res = await fetch(`${ctx.n8n.url}/webhook/${webhookId}/chat`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId, chatInput }),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		/* not JSON: the test shows the text */
	}
	return { status: res.status, text, json };
}

/** Executions of a workflow, newest first, as the REST API lists them. */
export async function executionsOf(ctx: AiContext, workflowId: string): Promise<Array<{ id: string; status: string }>> {
	return (await ctx.n8n.executions(workflowId)).results;
}

/** Keep one exact sample (for the README and the report) under test-artifacts/ai/. */
export function saveArtifact(name: string, content: unknown) {
	const dir = path.resolve(__dirname, '..', '..', '..', 'test-artifacts', 'ai');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, name), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
}
