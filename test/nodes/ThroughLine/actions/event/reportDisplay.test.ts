/** Event > Report Display: what the local server recorded, and its refusal of an unknown helpline. */
import type { IDataObject } from 'n8n-workflow';

import { MAX_SESSION_ID } from '../../../../../nodes/ThroughLine/transport/limits';
import { runNode, useLocalServer } from '../../../../harness/runNode';

const local = useLocalServer();
const helplineId = () => local.server.data.helplines()[0].id;

test('Report Display records the display with the given session and time', async () => {
	const { items, error } = await runNode(local.credentials(), {
		resource: 'event',
		operation: 'reportDisplay',
		helplineId: helplineId(),
		sessionId: 'chat-42',
		timestamp: '2026-05-01T10:00:00.000Z',
	});
	expect(error).toBeUndefined();
	const [event] = local.server.events();
	expect(event).toMatchObject({ type: 'helpline_display', helpline_id: helplineId(), session_id: 'chat-42' });
	expect(new Date(event.timestamp).toISOString()).toBe('2026-05-01T10:00:00.000Z');
	expect(items[0].json).toMatchObject({ helpline_id: helplineId(), session_id: 'chat-42' });
	expect((items[0].json.response as IDataObject).event_id).toBe(event.event_id);
});

test("an event for an unknown helpline is refused with ThroughLine's reason", async () => {
	const { error } = await runNode(local.credentials(), {
		resource: 'event',
		operation: 'reportDisplay',
		helplineId: 'nope',
		sessionId: 's',
	});
	expect(error?.message).toMatch(/^ThroughLine refused the request \(HTTP 400\): .*helpline_id.* \(item 0\)$/);
	expect(local.server.events()).toHaveLength(0);
});

test('a session ID of the longest length the node allows is sent; one character more is refused before anything is sent', async () => {
	const event = (sessionId: string) => ({ resource: 'event', operation: 'reportDisplay', helplineId: helplineId(), sessionId });
	const longest = 's'.repeat(MAX_SESSION_ID);
	const sent = await runNode(local.credentials(), event(longest));
	expect(sent.error).toBeUndefined();
	expect(local.server.events().map((e) => e.session_id)).toEqual([longest]);

	const refused = await runNode(local.credentials(), event(`${longest}s`));
	expect(refused.error?.message).toBe(
		`Session ID is ${MAX_SESSION_ID + 1} characters long; at most ${MAX_SESSION_ID} are allowed (item 0)`,
	);
	expect(local.server.events()).toHaveLength(1);
});
