/**
 * ThroughLine's limits are stated twice on purpose: by the node (transport/limits.ts) and by the
 * sandbox that plays ThroughLine (sandbox/limits.js, behaviour.js), so that a wrong number in the
 * node meets the server's 429 instead of moving both. Here the two sides are held to each other
 * and to the API facts (throughline-api.md).
 */
import { contactClickOptions } from '../../../../nodes/ThroughLine/fields/helpline';
import { DEFAULT_RESULTS, MAX_RESULTS, THROUGHLINE_LIMITS } from '../../../../nodes/ThroughLine/transport/limits';
import { CONTACT_METHODS, DEFAULT_BEHAVIOUR, DEFAULT_LIMITS } from '../../../../sandbox';
import { rawApi } from '../../../harness/api';
import { useLocalServer } from '../../../harness/runNode';

const local = useLocalServer();

test('30 requests a second per IP and 1,000 calls a day: the node and the sandbox say the same', () => {
	expect(THROUGHLINE_LIMITS).toEqual({ requestsPerSecond: 30, callsPerDay: 1000 });
	expect(DEFAULT_LIMITS).toEqual({ perSecondLimit: THROUGHLINE_LIMITS.requestsPerSecond, dailyLimit: THROUGHLINE_LIMITS.callsPerDay });
	expect(local.server.limits()).toMatchObject(DEFAULT_LIMITS);
});

test("a search without a limit gets ThroughLine's default page, which the node calls DEFAULT_RESULTS", async () => {
	const everyUs = local.server.data.helplines().filter((h) => h.country.code === 'US');
	expect(everyUs.length).toBeGreaterThan(DEFAULT_RESULTS);
	const { helplines } = await rawApi(local.server, '/v1/helplines?country_code=US');
	expect(helplines).toHaveLength(DEFAULT_RESULTS);
});

test("the sandbox's default largest limit is the node's guess (its variants move away from it)", () => {
	expect(DEFAULT_BEHAVIOUR.maxLimit).toBe(MAX_RESULTS);
});

test("every Contact Method Report Click offers is one the sandbox's list accepts", () => {
	expect(contactClickOptions.map((o) => o.value).sort()).toEqual([...CONTACT_METHODS].sort());
});
