/**
 * ThroughLine's limits are stated twice on purpose: by the node (transport/limits.ts) and by the
 * sandbox that plays ThroughLine (sandbox/limits.js, behaviour.js), so that a wrong number in the
 * node meets the server's 429 instead of moving both. Here the two sides are held to each other
 * and to the API facts (throughline-api.md).
 */
import { contactClickOptions } from '../../../../nodes/ThroughLine/fields/helpline';
import {
	backoffMs,
	DEFAULT_RESULTS,
	MAX_RESULTS,
	parseRetryAfter,
	THROUGHLINE_LIMITS,
} from '../../../../nodes/ThroughLine/transport/limits';
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

describe('Retry-After, as HTTP writes it (RFC 9110 10.2.3: seconds, or an HTTP date)', () => {
	const now = Date.parse('2026-12-01T12:00:00Z');

	test.each([
		['3', 3000],
		[' 3 ', 3000],
		['0', 0],
		['1.5', 1500],
		['1.25', 1250],
		[2, 2000],
	])('%j seconds: a wait of %i ms', (value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});

	test.each([
		['Tue, 01 Dec 2026 12:00:10 GMT', 10_000], // IMF-fixdate
		['Tuesday, 01-Dec-26 12:01:00 GMT', 60_000], // obsolete RFC 850 form
		['Tue Dec  1 12:00:30 2026', 30_000], // asctime, which names no zone: GMT all the same
		['Tue, 01 Dec 2026 11:59:00 GMT', 0], // already past: no wait, never a negative one
	])('the date %j: a wait of %i ms', (value, ms) => {
		expect(parseRetryAfter(value, now)).toBe(ms);
	});

	test.each(['', 'soon', '3 seconds', '3abc', 'abc3', 'in 3', '1.2.3', '-5'])(
		'%j is no Retry-After (the usual back-off applies), not a wait of none',
		(value) => {
			expect(parseRetryAfter(value, now)).toBeUndefined();
		},
	);

	test('only text or a number is read: a header object or list is not', () => {
		expect(parseRetryAfter(['5'], now)).toBeUndefined();
		expect(parseRetryAfter(new Date(now + 5000), now)).toBeUndefined();
		expect(parseRetryAfter(true, now)).toBeUndefined();
		expect(parseRetryAfter(null, now)).toBeUndefined();
	});
});

describe('back-off without Retry-After: between half and all of base × 2^attempt, never over 8 s', () => {
	const lowest = () => 0;
	const highest = () => 1;

	test('doubles from its base with each attempt, up to the cap', () => {
		expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffMs(500, attempt, highest))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
		expect([0, 1, 2, 3, 4].map((attempt) => backoffMs(1000, attempt, highest))).toEqual([1000, 2000, 4000, 8000, 8000]);
	});

	test('the jitter spreads a wait over its upper half', () => {
		expect(backoffMs(1000, 1, lowest)).toBe(1000);
		expect(backoffMs(1000, 1, () => 0.5)).toBe(1500);
		expect(backoffMs(1000, 1, highest)).toBe(2000);
		expect(backoffMs(1000, 9, lowest)).toBe(4000);
	});
});
