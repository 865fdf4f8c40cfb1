/** Country > Get Many against the local ThroughLine-compatible server: expectations from its data. */
import { runNode, useLocalServer } from '../../../../harness/runNode';
import { json } from '../setup';

const local = useLocalServer();

test('Country > Get Many lists every country with its emergency number', async () => {
	const { items } = await runNode(local.credentials(), { resource: 'country', operation: 'getAll' });
	expect(json(items)).toEqual(local.server.data.countries());
});
