/**
 * The tool behaviour the node does not have yet (node-side work, issue 16): written as it should
 * be, skipped unless THROUGHLINE_E2E_NODE_SIDE=1, so the suite stays green meanwhile. When the node
 * does it, run with the flag, see these pass, and drop the gate.
 */
import { SUICIDAL, simplified } from '../expected';
import { answerFromLastResult, ask, expectAnswerWith, priorityQuery, queryOf, searches, GOOD_ARGS } from './agent.cases';
import type { AiContext } from './setup';
import { AGENT, RAW_AGENT } from './workflows';

export const describeNodeSide = process.env.THROUGHLINE_E2E_NODE_SIDE === '1' ? describe : describe.skip;

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
		expect(JSON.parse(calls[1].toolResults[0].content)).toEqual(pair.map(simplified));
		expectAnswerWith(reply, pair);
	});

	test('called as a tool with Simplify off, the result is still the compact record per helpline', async () => {
		const ctx = get();
		const { reply, calls } = await ask(ctx, RAW_AGENT.webhookId, [{ toolCall: { args: GOOD_ARGS } }, answerFromLastResult]);
		const pair = ctx.server.data.priority('US');
		expect(JSON.parse(calls[1].toolResults[0].content)).toEqual(pair.map(simplified));
		expectAnswerWith(reply, pair);
	});
}
