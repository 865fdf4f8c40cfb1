/**
 * examples/ai-agent-tool.json as a user runs it: only an OpenAI credential picked (its Base URL is
 * the scripted model's), the chat made public. Its OpenAI Chat Model 1.2 speaks Chat Completions.
 */
import * as demo from '../../../scripts/demo/examples';
import { SUICIDAL, expectToolRecords } from '../expected';
import { answerFromLastResult, ask, expectAnswerWith, queryOf, searches } from './agent.cases';
import type { AiContext } from './setup';

export function exampleCases(get: () => AiContext) {
	test('the model gets the tool and the system message; the top five helplines reach the model and the person', async () => {
		const ctx = get();
		const example = demo.readExample('aiAgentTool');
		const toolNode = demo.nodeNamed(example, demo.EXAMPLES.aiAgentTool.toolNode);
		const agentNode = demo.nodeNamed(example, 'AI Agent');
		const { reply, calls } = await ask(ctx, ctx.exampleWebhookId, [
			{ toolCall: { args: { Country: 'US', Topic: SUICIDAL } } },
			answerFromLastResult,
		]);

		expect(calls.map((c) => c.api)).toEqual(['chat', 'chat']);
		expect(calls[0].body.messages[0]).toMatchObject({
			role: 'system',
			content: expect.stringContaining(agentNode.parameters.options.systemMessage),
		});
		const [tool] = calls[0].tools;
		expect(calls[0].tools).toHaveLength(1);
		expect(tool.name).toBe('Find_helplines');
		expect(tool.description).toBe(toolNode.parameters.toolDescription);
		expect(Object.keys(tool.parameters.properties).sort()).toEqual(['Country', 'Topic']);
		expect([...tool.parameters.required].sort()).toEqual(['Country', 'Topic']);

		expect(searches(ctx).map((r) => queryOf(r.url))).toEqual([
			{ country_code: 'US', topic: SUICIDAL, limit: String(toolNode.parameters.limit) },
		]);
		const top = ctx.server.data
			.helplines()
			.filter((h) => h.country.code === 'US' && h.topics.includes(SUICIDAL))
			.slice(0, toolNode.parameters.limit);
		expect(top).toHaveLength(5);
		expectToolRecords(JSON.parse(calls[1].toolResults[0].content), top, false);
		expectAnswerWith(reply, top);
	});
}
