/**
 * A scripted OpenAI-compatible model server: the only test double of the AI suites. n8n's OpenAI
 * Chat Model (credential Base URL = `url`) talks to it as to OpenAI: GET /models (credential
 * test and model list), POST /chat/completions (model node <= 1.2, or Responses API off) and POST
 * /responses (1.3 with the Responses API on). Each POST consumes the next scripted turn: a tool call
 * or a text answer, fixed or computed from what the model received. Every request is recorded,
 * parsed into the tools the model was offered and the tool results it was sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const MODEL_ID = 'gpt-4.1-mini';

/** A function tool as the model was offered it (the same shape for both APIs). */
export interface OfferedTool {
	name: string;
	description: string;
	parameters: Record<string, any>;
}

/** What one model call carried, whatever the API. */
export interface ModelRequest {
	api: 'chat' | 'responses';
	body: Record<string, any>;
	tools: OfferedTool[];
	/** tool results in the conversation so far, oldest first (content as the model got it) */
	toolResults: Array<{ callId: string; content: string }>;
	/** the last user message */
	userText: string;
}

export type Turn = { toolCall: { name?: string; args: Record<string, unknown> } } | { text: string } | ((request: ModelRequest) => Turn);

const textOf = (content: unknown): string =>
	typeof content === 'string'
		? content
		: Array.isArray(content)
			? content.map((part: any) => (typeof part === 'string' ? part : (part?.text ?? ''))).join('')
			: '';

/** Parse a chat-completions or responses request body into what the model was offered and sent. */
export function parseModelRequest(api: ModelRequest['api'], body: Record<string, any>): ModelRequest {
	const rawTools: any[] = body.tools ?? [];
	if (api === 'chat') {
		const messages: any[] = body.messages ?? [];
		return {
			api,
			body,
			tools: rawTools.map((t) => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters })),
			toolResults: messages.filter((m) => m.role === 'tool').map((m) => ({ callId: m.tool_call_id, content: textOf(m.content) })),
			userText: textOf(messages.filter((m) => m.role === 'user').at(-1)?.content),
		};
	}
	const input: any[] = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : (body.input ?? []);
	return {
		api,
		body,
		tools: rawTools
			.filter((t) => t.type === 'function')
			.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters })),
		toolResults: input.filter((i) => i.type === 'function_call_output').map((i) => ({ callId: i.call_id, content: textOf(i.output) })),
		userText: textOf(input.filter((i) => i.role === 'user').at(-1)?.content),
	};
}

function chatCompletion(turn: Exclude<Turn, Function>, callId: string) {
	const message =
		'toolCall' in turn
			? {
					role: 'assistant',
					content: null,
					tool_calls: [
						{ id: callId, type: 'function', function: { name: turn.toolCall.name, arguments: JSON.stringify(turn.toolCall.args) } },
					],
				}
			: { role: 'assistant', content: turn.text };
	return {
		id: `chatcmpl-${callId}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: MODEL_ID,
		choices: [{ index: 0, message, logprobs: null, finish_reason: 'toolCall' in turn ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

function response(turn: Exclude<Turn, Function>, callId: string) {
	const item =
		'toolCall' in turn
			? {
					type: 'function_call',
					id: `fc_${callId}`,
					call_id: callId,
					name: turn.toolCall.name,
					arguments: JSON.stringify(turn.toolCall.args),
					status: 'completed',
				}
			: {
					type: 'message',
					id: `msg_${callId}`,
					role: 'assistant',
					status: 'completed',
					content: [{ type: 'output_text', text: turn.text, annotations: [] }],
				};
	return {
		id: `resp_${callId}`,
		object: 'response',
		created_at: Math.floor(Date.now() / 1000),
		status: 'completed',
		error: null,
		incomplete_details: null,
		model: MODEL_ID,
		output: [item],
		parallel_tool_calls: true,
		tools: [],
		usage: {
			input_tokens: 10,
			input_tokens_details: { cached_tokens: 0 },
			output_tokens: 5,
			output_tokens_details: { reasoning_tokens: 0 },
			total_tokens: 15,
		},
	};
}

export interface ScriptedModel {
	/** e.g. http://127.0.0.1:PORT/v1: the OpenAI credential's Base URL */
	url: string;
	/** Replace the script (and clear the log): each model call takes the next turn. */
	script(turns: Turn[]): void;
	/** Model calls since the last script(), parsed. */
	requests(): ModelRequest[];
	/** Every model call since the server started. */
	history(): ModelRequest[];
	/** Turns left unused: 0 when the agent went through the whole script. */
	pending(): number;
	/** Calls that found no turn left (each answered 500): should stay []. */
	overruns(): ModelRequest[];
	close(): Promise<void>;
}

export async function startScriptedModel(): Promise<ScriptedModel> {
	let turns: Turn[] = [];
	let log: ModelRequest[] = [];
	const all: ModelRequest[] = [];
	let overruns: ModelRequest[] = [];
	let calls = 0;

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const send = (status: number, body: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			const path = (req.url ?? '').split('?')[0].replace(/^\/v1(?=\/)/, '');
			if (req.method === 'GET' && path === '/models') {
				return send(200, { object: 'list', data: [{ id: MODEL_ID, object: 'model', created: 0, owned_by: 'scripted' }] });
			}
			const api = path === '/chat/completions' ? 'chat' : path === '/responses' ? 'responses' : undefined;
			if (req.method !== 'POST' || !api) return send(404, { error: { message: `scripted model: no route ${req.method} ${path}` } });
			const request = parseModelRequest(api, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
			if (request.body.stream) return send(400, { error: { message: 'scripted model: streaming is not scripted' } });
			let turn = turns.shift();
			if (!turn) {
				overruns.push(request);
				return send(500, { error: { message: 'scripted model: the script has no turn left' } });
			}
			log.push(request);
			all.push(request);
			while (typeof turn === 'function') turn = turn(request);
			const settled = 'toolCall' in turn ? { toolCall: { ...turn.toolCall, name: turn.toolCall.name ?? request.tools[0]?.name } } : turn;
			const callId = `call_${++calls}`;
			send(200, api === 'chat' ? chatCompletion(settled, callId) : response(settled, callId));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		script(next) {
			turns = [...next];
			log = [];
			overruns = [];
		},
		requests: () => [...log],
		history: () => [...all],
		pending: () => turns.length,
		overruns: () => [...overruns],
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
