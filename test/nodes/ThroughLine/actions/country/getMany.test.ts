/** Country > Get Many against the local ThroughLine-compatible server: expectations from its data. */
import { runNode, useLocalServer } from '../../../../harness/runNode';
import { json } from '../setup';

const local = useLocalServer();

// The order of the list is ThroughLine's own (not documented): raw output keeps it, in either order the server plays.
test.each(['name', 'reversed'] as const)(
	'Country > Get Many lists every country with its emergency number, in the order ThroughLine answers (%s)',
	async (listOrder) => {
		local.server.setBehaviour({ listOrder });
		const { items } = await runNode(local.credentials(), { resource: 'country', operation: 'getAll' });
		const answered = local.server.data.countries();
		expect(json(items)).toEqual(listOrder === 'reversed' ? [...answered].reverse() : answered);
	},
);
