/** Country > Get against the local ThroughLine-compatible server: expectations from its data. */
import { runNode, useLocalServer } from '../../../../harness/runNode';
import { json } from '../setup';

const local = useLocalServer();

test('Country > Get finds a country by code, any case', async () => {
	const nz = local.server.data.countries().find((c) => c.code === 'NZ');
	const { items } = await runNode(local.credentials(), { resource: 'country', operation: 'get', country: 'nz' });
	expect(json(items)).toEqual([nz]);
});

test('Country > Get of a code ThroughLine does not cover says so', async () => {
	const { error } = await runNode(local.credentials(), { resource: 'country', operation: 'get', country: 'ZZ' });
	expect(error?.message).toBe("Country ZZ is not in ThroughLine's directory (item 0)");
});
