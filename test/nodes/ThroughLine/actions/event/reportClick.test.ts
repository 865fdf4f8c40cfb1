/** Event > Report Click: the contact method as sent, and what the local server recorded. */
import type { INodeParameters } from 'n8n-workflow';

import { runNode, useLocalServer } from '../../../../harness/runNode';

const local = useLocalServer();
const helplineId = () => local.server.data.helplines()[0].id;

test('Report Click sends the contact method, and the timestamp defaults to now', async () => {
	const before = Date.now();
	await runNode(local.credentials(), {
		resource: 'event',
		operation: 'reportClick',
		helplineId: helplineId(),
		sessionId: 'chat-43',
		contactMethod: 'web_chat',
	});
	const [event] = local.server.events();
	expect(event).toMatchObject({ type: 'helpline_click', contact_method: 'web_chat', session_id: 'chat-43' });
	const sentAt = Date.parse(event.timestamp);
	expect(sentAt).toBeGreaterThanOrEqual(before - 1000);
	expect(sentAt).toBeLessThanOrEqual(Date.now() + 1000);
});

describe('Report Click > Contact Method', () => {
	const click = (contactMethod: string): INodeParameters => ({
		resource: 'event',
		operation: 'reportClick',
		helplineId: local.server.data.helplines()[0].id,
		sessionId: 's-1',
		contactMethod,
	});

	test('a value from an expression is sent as it is: ThroughLine is the judge', async () => {
		const { error } = await runNode(local.credentials(), click('={{ "chat" }}'));
		const sent = local.server.requests().filter((r) => r.url === '/v1/events/helpline_click');
		expect(sent.map((r) => JSON.parse(r.body).contact_method)).toEqual(['chat']);
		// This stand-in does not know "chat": its 400 is the answer the user sees.
		expect(error?.message).toMatch(/^ThroughLine refused the request \(HTTP 400\): .*contact_method.* \(item 0\)$/);
	});

	test('an empty value is refused before anything is sent', async () => {
		const { error } = await runNode(local.credentials(), click('={{ "" }}'));
		expect(error?.message).toMatch(/^Contact Method is empty .*\(item 0\)$/);
		expect(local.server.requests().filter((r) => r.url.startsWith('/v1/events/'))).toHaveLength(0);
	});
});
