/**
 * examples/mcp-server.json, published in a real n8n, driven by the official MCP client
 * (@modelcontextprotocol/sdk) over Streamable HTTP and over SSE: the four tools with their JSON
 * schemas, each called and compared with the local server's data, the bearer token enforced, and
 * no ThroughLine secret or token in anything a client receives or n8n stores.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { extractFromAICalls } from 'n8n-workflow';

import { SUICIDAL, expectToolRecords, simplified } from '../expected';
import { expectNoNumber, priorityQuery, queryOf, searches } from './agent.cases';
import type { AiContext } from './setup';
import { executionsOf, saveArtifact } from './setup';
import { AGENT, MCP_EXAMPLE, MCP_TOKEN, aiAgentExample, mcpExample } from './workflows';

type Transport = 'Streamable HTTP' | 'SSE';
const TOOL_NAMES = ['find_helplines', 'get_helpline', 'list_countries', 'list_topics'];

/** A fetch that adds the bearer token (when given) and copies every request and response body into `traffic`. */
function tappedFetch(traffic: string[], token?: string): typeof fetch {
	return async (input, init) => {
		const headers = new Headers(init?.headers);
		if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
		traffic.push(`${init?.method ?? 'GET'} ${String(input)} ${typeof init?.body === 'string' ? init.body : ''}`);
		const res = await fetch(input, { ...init, headers });
		if (!res.body) return res;
		const decoder = new TextDecoder();
		const tap = new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				traffic.push(decoder.decode(chunk, { stream: true }));
				controller.enqueue(chunk);
			},
		});
		return new Response(res.body.pipeThrough(tap), { status: res.status, statusText: res.statusText, headers: res.headers });
	};
}

export async function connectMcp(ctx: AiContext, transport: Transport, traffic: string[], token?: string) {
	const url = new URL(`${ctx.n8n.url}/mcp/${MCP_EXAMPLE.path}`);
	const fetchImpl = tappedFetch(traffic, token);
	const client = new Client({ name: 'throughline-e2e', version: '1.0.0' });
	await client.connect(
		transport === 'SSE' ? new SSEClientTransport(url, { fetch: fetchImpl }) : new StreamableHTTPClientTransport(url, { fetch: fetchImpl }),
	);
	return client;
}

/** The JSON a tool call returned (n8n sends it as one text part). */
export function toolJson(result: any): any {
	expect(result.isError ?? false).toBe(false);
	const parts = result.content as Array<{ type: string; text: string }>;
	expect(parts.map((p) => p.type)).toEqual(['text']);
	return JSON.parse(parts[0].text);
}

/** What examples/mcp-server.json promises: per tool, its description and its $fromAI parameters. */
function promisedTools(): Array<{ name: string; description: string; fromAI: ReturnType<typeof extractFromAICalls> }> {
	return mcpExample()
		.nodes.filter((n: any) => TOOL_NAMES.includes(n.name))
		.map((n: any) => ({
			name: n.name as string,
			description: n.parameters.toolDescription as string,
			fromAI: Object.values(n.parameters)
				.filter((v): v is string => typeof v === 'string')
				.flatMap((v) => extractFromAICalls(v)),
		}));
}

export function mcpCases(get: () => AiContext) {
	describe.each<Transport>(['Streamable HTTP', 'SSE'])('over %s', (transport) => {
		let client: Client;
		const traffic: string[] = [];

		beforeAll(async () => {
			client = await connectMcp(get(), transport, traffic, MCP_TOKEN);
		});
		afterAll(async () => {
			await client?.close();
		});

		test('lists the four tools, each with its description and a JSON schema of its $fromAI parameters, all required', async () => {
			const ctx = get();
			const { tools } = await client.listTools();
			saveArtifact(`mcp-tools-${transport.replace(/\W+/g, '-')}-n8n-${ctx.version}.json`, tools);
			expect(tools.map((t) => t.name).sort()).toEqual([...TOOL_NAMES].sort());
			for (const promised of promisedTools()) {
				const tool = tools.find((t) => t.name === promised.name)!;
				expect(tool.description).toBe(promised.description);
				expect(tool.inputSchema.type).toBe('object');
				// 2.x serves JSON Schema 2020-12; 1.x still draft-07.
				expect(tool.inputSchema.$schema).toBe(
					ctx.version.startsWith('1.') ? 'http://json-schema.org/draft-07/schema#' : 'https://json-schema.org/draft/2020-12/schema',
				);
				const properties = tool.inputSchema.properties ?? {};
				expect(Object.keys(properties).sort()).toEqual(promised.fromAI.map((c) => c.key).sort());
				for (const call of promised.fromAI) {
					expect(properties[call.key]).toMatchObject({ type: call.type, description: call.description });
				}
				expect([...(tool.inputSchema.required ?? [])].sort()).toEqual(promised.fromAI.map((c) => c.key).sort());
			}
		});

		test('find_helplines (priority only): the query ThroughLine got, and both services of the pair with their numbers', async () => {
			const ctx = get();
			ctx.server.reset();
			const result = await client.callTool({
				name: 'find_helplines',
				arguments: { countryCode: 'US', topic: SUICIDAL, priorityOnly: true },
			});
			expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([priorityQuery('US')]);
			const pair = ctx.server.data.priority('US');
			expect(pair).toHaveLength(2);
			expectToolRecords(toolJson(result), pair, true);
		});

		test('find_helplines (ranked, any topic): the first ten of the country in ThroughLine order', async () => {
			const ctx = get();
			ctx.server.reset();
			const result = await client.callTool({ name: 'find_helplines', arguments: { countryCode: 'NZ', topic: '', priorityOnly: false } });
			expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([{ country_code: 'NZ', limit: '10' }]);
			const expected = ctx.server.data
				.helplines()
				.filter((h) => h.country.code === 'NZ')
				.slice(0, 10);
			expect(expected.length).toBeGreaterThan(2);
			expectToolRecords(toolJson(result), expected, false);
		});

		test('get_helpline, list_countries and list_topics answer what the server holds', async () => {
			const ctx = get();
			ctx.server.reset();
			const [first] = ctx.server.data.priority('NZ');
			// A tool answers with its output items, so one helpline is a list of one.
			expect(toolJson(await client.callTool({ name: 'get_helpline', arguments: { helplineId: first.id } }))).toEqual([simplified(first)]);
			expect(toolJson(await client.callTool({ name: 'list_countries', arguments: {} }))).toEqual(ctx.server.data.countries());
			expect(toolJson(await client.callTool({ name: 'list_topics', arguments: {} }))).toEqual(ctx.server.data.topics());
			expect(ctx.server.requests().map((r) => r.url.split('?')[0])).toEqual([`/v1/helplines/${first.id}`, '/v1/countries', '/v1/topics']);
		});

		test("find_helplines with a country name: resolved through ThroughLine's country list, the pair whole", async () => {
			const ctx = get();
			ctx.server.reset();
			const result = await client.callTool({
				name: 'find_helplines',
				arguments: { countryCode: 'New Zealand', topic: SUICIDAL, priorityOnly: true },
			});
			expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([priorityQuery('NZ')]);
			expectToolRecords(toolJson(result), ctx.server.data.priority('NZ'), true);
		});

		test('find_helplines with a country ThroughLine does not have: an error result naming it, with no number', async () => {
			const ctx = get();
			ctx.server.reset();
			const result: any = await client.callTool({
				name: 'find_helplines',
				arguments: { countryCode: 'Atlantis', topic: SUICIDAL, priorityOnly: true },
			});
			saveArtifact(`mcp-error-country-name-${transport.replace(/\W+/g, '-')}-n8n-${ctx.version}.json`, result);
			const text = (result.content ?? []).map((p: any) => p.text).join('\n');
			expect(text).toMatch(/Atlantis/);
			expect(text).toMatch(/error/i);
			expectNoNumber(ctx, text);
			expect(searches(ctx)).toEqual([]);
		});

		test('neither the ThroughLine client secret nor its access token is in any MCP request or answer', () => {
			const ctx = get();
			const all = traffic.join('\n');
			expect(all).toContain(ctx.server.data.priority('US')[0].phoneNumber); // the answers were captured
			expect(ctx.tokens().length).toBeGreaterThan(0);
			expect(all).not.toContain(ctx.server.clientSecret);
			for (const token of ctx.tokens()) expect(all).not.toContain(token);
		});
	});

	describe('the bearer token is enforced', () => {
		const refused = async (token: string | undefined) => {
			const ctx = get();
			ctx.server.reset();
			const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
			if (token !== undefined) headers.authorization = `Bearer ${token}`;
			const initialize = {
				jsonrpc: '2.0',
				id: 1,
				method: 'initialize',
				params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } },
			};
			const res = await fetch(`${ctx.n8n.url}/mcp/${MCP_EXAMPLE.path}`, { method: 'POST', headers, body: JSON.stringify(initialize) });
			expect([401, 403]).toContain(res.status);
			await expect(connectMcp(ctx, 'Streamable HTTP', [], token)).rejects.toThrow();
			await expect(connectMcp(ctx, 'SSE', [], token)).rejects.toThrow();
			expect(ctx.server.requests()).toEqual([]); // nothing reached ThroughLine
		};
		test('no Authorization header: refused, over both transports', () => refused(undefined));
		test('a wrong bearer token: refused, over both transports', () => refused(`${MCP_TOKEN}-wrong`));
	});

	test("n8n's stored executions of the AI workflows hold no ThroughLine client secret or access token", async () => {
		const ctx = get();
		const secrets = [ctx.server.clientSecret, ...ctx.tokens()];
		const stored: Record<string, number> = {};
		for (const id of [MCP_EXAMPLE.id, AGENT.id, aiAgentExample().workflow.id]) {
			stored[id] = 0;
			for (const run of await executionsOf(ctx, id)) {
				const one = await ctx.n8n.execution(run.id); // rejects on any answer but 200
				for (const s of secrets) expect(one.text).not.toContain(s);
				stored[id]++;
			}
		}
		saveArtifact(`stored-executions-n8n-${ctx.version}.json`, stored);
		// Runs with helplines in them were searched: each MCP tool call and each chat is stored.
		expect(stored[MCP_EXAMPLE.id]).toBeGreaterThan(0);
		expect(stored[AGENT.id]).toBeGreaterThan(0);
	});
}
