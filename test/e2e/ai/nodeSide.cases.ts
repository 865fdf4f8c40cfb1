/** What node 1.1 does for a model: country names resolved, compact output whatever Simplify says. */
import { SUICIDAL, expectToolRecords } from '../expected';
import { answerFromLastResult, ask, expectAnswerWith, priorityQuery, queryOf, searches, GOOD_ARGS } from './agent.cases';
import type { AiContext } from './setup';
import { AGENT, RAW_AGENT } from './workflows';

export function nodeSideCases(get: () => AiContext) {
	test('"New Zealand" resolves to NZ: ThroughLine is asked for NZ, the model gets the NZ priority pair at once', async () => {
		const ctx = get();
		const { reply, calls } = await ask(
			ctx,
			AGENT.webhookId,
			[{ toolCall: { args: { [AGENT.countryKey]: 'New Zealand', [AGENT.topicKey]: SUICIDAL } } }, answerFromLastResult],
			'I am in New Zealand and I do not want to live any more.',
		);
		expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([priorityQuery('NZ')]);
		const pair = ctx.server.data.priority('NZ');
		expectToolRecords(JSON.parse(calls[1].toolResults[0].content), pair, true);
		expectAnswerWith(reply, pair);
	});

	test('called as a tool with Simplify off, the result is still the compact record per helpline', async () => {
		const ctx = get();
		const { reply, calls } = await ask(ctx, RAW_AGENT.webhookId, [{ toolCall: { args: GOOD_ARGS } }, answerFromLastResult]);
		const pair = ctx.server.data.priority('US');
		expectToolRecords(JSON.parse(calls[1].toolResults[0].content), pair, true);
		expectAnswerWith(reply, pair);
	});
}
