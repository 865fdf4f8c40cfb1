/** Topic > Get Many against the local ThroughLine-compatible server: expectations from its data. */
import { runNode, useLocalServer } from '../../../../harness/runNode';
import { json } from '../setup';

const local = useLocalServer();

test('Topic > Get Many lists the topics', async () => {
	const { items } = await runNode(local.credentials(), { resource: 'topic', operation: 'getAll' });
	expect(json(items)).toEqual(local.server.data.topics());
});
