/** Helpline > Get against the local ThroughLine-compatible server: expectations from its raw answers. */
import { rawApi } from '../../../../harness/api';
import { runNode, useLocalServer } from '../../../../harness/runNode';
import { json } from '../setup';

const local = useLocalServer();

describe('Helpline > Get', () => {
	test('returns the helpline by ID', async () => {
		const id = local.server.data.helplines()[7].id;
		const raw = await rawApi(local.server, `/v1/helplines/${id}`);
		const { items } = await runNode(local.credentials(), { resource: 'helpline', operation: 'get', helplineId: ` ${id} ` });
		expect(json(items)).toEqual([raw.helpline]);
	});

	test('an unknown ID fails with a message naming the ID and the item', async () => {
		const { error } = await runNode(local.credentials(), { resource: 'helpline', operation: 'get', helplineId: 'no-such-id' });
		expect(error?.message).toBe('ThroughLine has no helpline with ID "no-such-id" (item 0)');
	});

	test.each(['../countries', 'a/b', 'x?country_code=US', 'y#z', 'with space'])('ID %p is sent as one encoded path segment', async (id) => {
		const { error } = await runNode(local.credentials(), { resource: 'helpline', operation: 'get', helplineId: id });
		expect(error?.message).toContain('has no helpline with ID');
		const sent = local.server
			.requests()
			.filter((r) => r.method === 'GET')
			.map((r) => r.url);
		expect(sent).toEqual([`/v1/helplines/${encodeURIComponent(id)}`]);
	});
});
