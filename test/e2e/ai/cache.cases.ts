/**
 * The answer cache in a real n8n, on the tool path: one n8n process keeps ThroughLine's answers for
 * every execution. Each case asks about its own country, so no other case's answer is in its way.
 */
import { SUICIDAL, expectToolRecords } from '../expected';
import { answerFromLastResult, ask, expectAnswerWith, priorityQuery, queryOf, searches } from './agent.cases';
import type { AiContext } from './setup';
import { chat, executionsOf } from './setup';
import { AGENT, CACHED_AGENT, STALE_AGENT } from './workflows';

const argsFor = (country: string) => ({ [AGENT.countryKey]: country, [AGENT.topicKey]: SUICIDAL });
const records = (content: string) => JSON.parse(content) as Array<Record<string, unknown>>;
const withoutMarker = (list: Array<Record<string, unknown>>) => list.map(({ answeredFrom: _marker, ...rest }) => rest);

export function cacheCases(get: () => AiContext) {
	test('the same question twice: ThroughLine is asked once, the second answer says it came from the cache', async () => {
		const ctx = get();
		const pair = ctx.server.data.priority('NZ');
		expect(pair).toHaveLength(2);
		const first = await ask(
			ctx,
			CACHED_AGENT.webhookId,
			[{ toolCall: { args: argsFor('NZ') } }, answerFromLastResult],
			'I am in New Zealand.',
		);
		expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([priorityQuery('NZ')]);
		const live = records(first.calls[1].toolResults[0].content);
		expect(live.map((r) => r.answeredFrom)).toEqual([undefined, undefined]);
		expectToolRecords(live, pair, true);

		const second = await ask(
			ctx,
			CACHED_AGENT.webhookId,
			[{ toolCall: { args: argsFor('NZ') } }, answerFromLastResult],
			'I am in New Zealand.',
		);
		expect(searches(ctx)).toEqual([]);
		const cached = records(second.calls[1].toolResults[0].content);
		for (const record of cached) expect(record.answeredFrom).toMatchObject({ source: 'cache' });
		expectToolRecords(withoutMarker(cached), pair, true);
		expectAnswerWith(second.reply, pair);
	});

	test('ThroughLine down (503 on every try): the last answer known stands in, marked stale, and the run succeeds', async () => {
		const ctx = get();
		const pair = ctx.server.data.priority('US');
		await ask(ctx, STALE_AGENT.webhookId, [{ toolCall: { args: argsFor('US') } }, answerFromLastResult]);
		expect(searches(ctx)).toHaveLength(1);

		ctx.model.script([{ toolCall: { args: argsFor('US') } }, answerFromLastResult]);
		ctx.server.reset();
		ctx.server.setFault('GET /v1/helplines', { status: 503 });
		try {
			const reply = await chat(ctx, STALE_AGENT.webhookId, 'I keep thinking about ending my life. I am in the US.');
			const calls = ctx.model.requests();
			// Fresh answers are off in this variant: ThroughLine was asked, and failed every time.
			expect(searches(ctx).length).toBeGreaterThan(1);
			expect(ctx.server.stats().byStatus).toMatchObject({ '503': searches(ctx).length });
			const stale = records(calls[1].toolResults[0].content);
			for (const record of stale) expect(record.answeredFrom).toMatchObject({ source: 'stale' });
			expectToolRecords(withoutMarker(stale), pair, true);
			expectAnswerWith(reply, pair);
			const [latest] = await executionsOf(ctx, STALE_AGENT.id);
			expect(latest.status).toBe('success');
		} finally {
			ctx.server.clearFaults();
		}
	});
}
