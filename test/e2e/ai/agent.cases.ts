/**
 * The AI Agent with the ThroughLine Tool, the scripted model playing the LLM: what the model is
 * offered, what reaches ThroughLine, what the model gets back, and what the person chatting gets.
 */
import type { Helpline } from '../../../sandbox';
import { SUICIDAL, expectToolRecords } from '../expected';
import type { ModelRequest, Turn } from '../support/scriptedModel';
import type { AiContext } from './setup';
import { chat, executionsOf, saveArtifact } from './setup';
import { AGENT } from './workflows';

export const GOOD_ARGS = { [AGENT.countryKey]: 'US', [AGENT.topicKey]: SUICIDAL };

/** The model's final answer: every helpline of the last tool result, with its numbers. */
export const answerFromLastResult: Turn = (request) => {
	const last = request.toolResults.at(-1)?.content ?? '';
	let list: any = [];
	try {
		list = JSON.parse(last);
	} catch {
		/* not JSON: no helplines */
	}
	const lines = Array.isArray(list) ? list.map((h: any) => `${h.name}: call ${h.phone}${h.sms ? `, text ${h.sms}` : ''}`) : [];
	return { text: lines.length ? `You can reach: ${lines.join('; ')}.` : 'I could not find a helpline.' };
};

/** Script the model, reset the ThroughLine log, send one chat message. */
export async function ask(
	ctx: AiContext,
	webhookId: string,
	turns: Turn[],
	message = 'I keep thinking about ending my life. I am in the US.',
) {
	ctx.model.script(turns);
	ctx.server.reset();
	const reply = await chat(ctx, webhookId, message);
	return { reply, calls: ctx.model.requests() };
}

export const searches = (ctx: AiContext) => ctx.server.requests().filter((r) => r.url.startsWith('/v1/helplines'));
export const queryOf = (url: string) => Object.fromEntries(new URLSearchParams(url.split('?')[1]));
export const priorityQuery = (cc: string) => ({ country_code: cc, topic: SUICIDAL, priority_only: 'true' });

/** Every phone and SMS number of the data, and anything that looks like a phone number. */
export function expectNoNumber(ctx: AiContext, text: string) {
	for (const h of ctx.server.data.helplines()) {
		for (const n of [h.phoneNumber, h.smsNumber].filter(Boolean)) expect(text).not.toContain(n);
	}
	expect(text).not.toMatch(/\d[\d ().-]{5,}\d/);
}

/** The caller's answer names every helpline with its phone number. */
export function expectAnswerWith(reply: { status: number; json: any; text: string }, helplines: Helpline[]) {
	expect({ status: reply.status, text: reply.text.slice(0, 300) }).toMatchObject({ status: 200 });
	const output: string = reply.json?.output ?? reply.text;
	for (const h of helplines) expect(output).toContain(`${h.name}: call ${h.phoneNumber}`);
}

/** A tool result that is an error the model can act on: it names what was wrong, and holds no number. */
export function expectToolError(ctx: AiContext, content: string, names: RegExp) {
	expect(content).toMatch(names);
	expect(content).toMatch(/error/i);
	expectNoNumber(ctx, content);
}

export function agentCases(get: () => AiContext) {
	test('the model is offered the tool with its name, description and both $fromAI parameters, typed, described and required', async () => {
		const ctx = get();
		const { reply, calls } = await ask(ctx, AGENT.webhookId, [{ toolCall: { args: GOOD_ARGS } }, answerFromLastResult]);
		expect(reply.status).toBe(200);
		const tools = calls[0].tools;
		expect(tools.map((t) => t.name)).toEqual([AGENT.toolName]);
		const [tool] = tools;
		expect(tool.description).toBe(AGENT.toolDescription);
		expect(tool.parameters).toMatchObject({
			type: 'object',
			properties: {
				[AGENT.countryKey]: { type: 'string', description: AGENT.countryDescription },
				[AGENT.topicKey]: { type: 'string', description: AGENT.topicDescription },
			},
		});
		expect(Object.keys(tool.parameters.properties).sort()).toEqual([AGENT.countryKey, AGENT.topicKey].sort());
		expect([...tool.parameters.required].sort()).toEqual([AGENT.countryKey, AGENT.topicKey].sort());
		saveArtifact(`tool-schema-n8n-${ctx.version}.json`, { api: calls[0].api, tools: calls[0].body.tools });
	});

	test('a good call: ThroughLine gets the query, the model gets both priority services with their numbers, the person gets them', async () => {
		const ctx = get();
		const { reply, calls } = await ask(ctx, AGENT.webhookId, [{ toolCall: { args: GOOD_ARGS } }, answerFromLastResult]);
		expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([priorityQuery('US')]);
		const pair = ctx.server.data.priority('US');
		expect(pair).toHaveLength(2);
		expect(calls).toHaveLength(2);
		const result = calls[1].toolResults;
		expect(result).toHaveLength(1);
		expectToolRecords(JSON.parse(result[0].content), pair, true);
		expectAnswerWith(reply, pair);
		expect(ctx.model.pending()).toBe(0);
		expect(ctx.model.overruns()).toEqual([]);
		// Exactly as the model received it: the tool-output item of the next request's body.
		const body = calls[1].body;
		const received =
			calls[1].api === 'chat'
				? body.messages.filter((m: any) => m.role === 'tool')
				: body.input.filter((i: any) => i.type === 'function_call_output');
		saveArtifact(`tool-result-n8n-${ctx.version}.json`, { api: calls[1].api, received });
		const [latest] = await executionsOf(ctx, AGENT.id);
		expect(latest.status).toBe('success');
	});

	test('ThroughLine answers 500 once: the node retries, and the model still gets the priority pair', async () => {
		const ctx = get();
		ctx.model.script([{ toolCall: { args: GOOD_ARGS } }, answerFromLastResult]);
		ctx.server.reset();
		ctx.server.setFault('GET /v1/helplines', { status: 500, times: 1 });
		const reply = await chat(ctx, AGENT.webhookId, 'I need someone to talk to, I am in the US.');
		expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([priorityQuery('US'), priorityQuery('US')]);
		expect(ctx.server.stats().byStatus).toMatchObject({ '500': 1 });
		const pair = ctx.server.data.priority('US');
		const calls = ctx.model.requests();
		expect(calls).toHaveLength(2);
		expectToolRecords(JSON.parse(calls[1].toolResults[0].content), pair, true);
		expectAnswerWith(reply, pair);
	});

	test('an expired token: refreshed once, the call replayed, the model gets the priority pair', async () => {
		const ctx = get();
		await ask(ctx, AGENT.webhookId, [{ toolCall: { args: GOOD_ARGS } }, answerFromLastResult]); // a token is stored
		ctx.server.expireTokens();
		const { reply, calls } = await ask(ctx, AGENT.webhookId, [{ toolCall: { args: GOOD_ARGS } }, answerFromLastResult]);
		const stats = ctx.server.stats();
		expect(stats.tokenRequests).toBe(1);
		// Node 1.1 first reads the topic list (to send the topic's canonical name): that call meets the
		// expired token, n8n replays its 401 once with the stored token, then refreshes it; the search
		// then goes out once, with the new token.
		const calls401 = ctx.server.requests().filter((r) => r.url !== '/oauth/token');
		const [oldAuth] = calls401.map((r) => r.headers.authorization);
		const newAuth = calls401.at(-1)!.headers.authorization;
		expect(newAuth).not.toBe(oldAuth);
		expect(stats.byStatus['401']).toBe(2);
		expect(calls401.map((r) => r.headers.authorization)).toEqual([oldAuth, oldAuth, ...calls401.slice(2).map(() => newAuth)]);
		expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([priorityQuery('US')]);
		expect(searches(ctx)[0].headers.authorization).toBe(newAuth);
		const pair = ctx.server.data.priority('US');
		expectToolRecords(JSON.parse(calls[1].toolResults[0].content), pair, true);
		expectAnswerWith(reply, pair);
	});

	test('the model never received the ThroughLine client secret or an access token', () => {
		const ctx = get();
		const sent = JSON.stringify(ctx.model.history().map((r) => r.body));
		expect(sent).toContain(ctx.server.data.priority('US')[0].phoneNumber); // what the model got was captured
		expect(sent).not.toContain(ctx.server.clientSecret);
		for (const token of ctx.tokens()) expect(sent).not.toContain(token);
	});
}

/**
 * Bad calls the model can make. The right behaviour: a tool error naming what was wrong, the run goes
 * on, the model recovers (calls again with a good country) and no number is made up.
 */
export function badCallCases(get: () => AiContext) {
	const recover: Turn = { toolCall: { args: GOOD_ARGS } };

	const badCall = async (label: string, args: Record<string, unknown>, names: RegExp, searched: Array<Record<string, string>> = []) => {
		const ctx = get();
		let seen: ModelRequest | undefined;
		const { reply, calls } = await ask(ctx, AGENT.webhookId, [
			{ toolCall: { args } },
			(request) => ((seen = request), recover),
			answerFromLastResult,
		]);
		expect({ status: reply.status, text: reply.text.slice(0, 300) }).toMatchObject({ status: 200 }); // the run went on
		expect(seen?.toolResults).toHaveLength(1);
		saveArtifact(`tool-error-${label}-n8n-${ctx.version}.json`, { args, toolResult: seen!.toolResults[0].content });
		expectToolError(ctx, seen!.toolResults[0].content, names);
		// The bad call was refused before a search, or searched as asked; then the recovered one.
		expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([...searched, priorityQuery('US')]);
		expect(calls).toHaveLength(3);
		expectAnswerWith(reply, ctx.server.data.priority('US'));
		const [latest] = await executionsOf(ctx, AGENT.id);
		expect(latest.status).toBe('success');
		return seen!.toolResults[0].content;
	};

	test('{} (nothing filled in): the error names the country code', async () => {
		await badCall('empty', {}, /country/i);
	});

	test('a country name ThroughLine does not have ("Atlantis"): the error names it and offers the nearest countries', async () => {
		await badCall('country-name', { [AGENT.countryKey]: 'Atlantis', [AGENT.topicKey]: SUICIDAL }, /Atlantis/);
	});

	test('a country ThroughLine does not cover (ZZ): the error names it', async () => {
		await badCall('unknown-country', { [AGENT.countryKey]: 'ZZ', [AGENT.topicKey]: SUICIDAL }, /ZZ/, [priorityQuery('ZZ')]);
	});
}
