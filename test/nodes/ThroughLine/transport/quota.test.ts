/**
 * The process's own count of ThroughLine calls (quota.ts), and the hint it gives an execution on
 * course to exceed ThroughLine's 1,000 calls a day (the limits-policy page).
 */
import { CallCounter, onCourseToExceed, processCalls, quotaHint, quotaIdentity } from '../../../../nodes/ThroughLine/transport/quota';
import { runNode, useLocalServer } from '../../../harness/runNode';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const PER_DAY = 1000;

function counterAt(start = 10 * 24 * HOUR, maxIdentities?: number) {
	const clock = { t: start };
	return { clock, counter: new CallCounter(() => clock.t, maxIdentities) };
}

describe('the counter', () => {
	test('counts over a rolling 24 hours: calls older than a day drop out', () => {
		const { clock, counter } = counterAt();
		counter.record('a', 300);
		clock.t += 12 * HOUR;
		counter.record('a', 200);
		expect(counter.seen('a')).toEqual({ lastDay: 500, lastHour: 200 });
		clock.t += 2 * HOUR;
		expect(counter.seen('a')).toEqual({ lastDay: 500, lastHour: 0 });
		clock.t += 11 * HOUR; // 25 h after the first calls, 13 h after the second
		expect(counter.seen('a').lastDay).toBe(200);
		clock.t += 12 * HOUR;
		expect(counter.seen('a').lastDay).toBe(0);
	});

	test('identities count apart; an identity never seen has no calls', () => {
		const { counter } = counterAt();
		counter.record(quotaIdentity('client-1', 'https://api.example'), 3);
		counter.record(quotaIdentity('client-2', 'https://api.example'), 5);
		counter.record(quotaIdentity('client-1', 'https://sandbox.example'), 7);
		expect(counter.seen(quotaIdentity('client-1', 'https://api.example')).lastDay).toBe(3);
		expect(counter.seen(quotaIdentity('client-2', 'https://api.example')).lastDay).toBe(5);
		expect(counter.seen(quotaIdentity('client-1', 'https://sandbox.example')).lastDay).toBe(7);
		expect(counter.seen(quotaIdentity('client-3', 'https://api.example')).lastDay).toBe(0);
	});

	test('the identity never holds the secret, only the client ID and the address', () => {
		expect(quotaIdentity('client-1', 'https://api.example')).toBe('["client-1","https://api.example"]');
	});

	test('bounded: a call every minute for three days keeps at most a day of buckets', () => {
		const { clock, counter } = counterAt();
		for (let minute = 0; minute < 3 * 24 * 60; minute++) {
			counter.record('a');
			clock.t += MINUTE;
		}
		expect(counter.size.buckets).toBeLessThanOrEqual(24 * 12 + 1);
		expect(counter.seen('a').lastDay).toBeGreaterThanOrEqual(24 * 60 - 5);
		expect(counter.seen('a').lastDay).toBeLessThanOrEqual(24 * 60);
	});

	test('bounded: beyond the most identities it holds, the least recently used is forgotten', () => {
		const { counter } = counterAt(0, 3);
		for (const id of ['a', 'b', 'c']) counter.record(id);
		counter.record('a'); // now the most recent
		counter.record('d');
		expect(counter.size.identities).toBe(3);
		expect(counter.seen('b').lastDay).toBe(0);
		expect(counter.seen('a').lastDay).toBe(2);
		expect(counter.seen('d').lastDay).toBe(1);
	});
});

describe('on course to exceed 1,000 a day', () => {
	test.each([
		['nothing yet', { lastDay: 0, lastHour: 0 }, false],
		['799 in the last day, none lately', { lastDay: 799, lastHour: 0 }, false],
		['800 in the last day (80 %)', { lastDay: 800, lastHour: 0 }, true],
		['a pace of 50 an hour (1,200 a day) that also ran before', { lastDay: 60, lastHour: 50 }, true],
		['50 in one hour and nothing before: one batch, not a pace', { lastDay: 50, lastHour: 50 }, false],
		['41 an hour (984 a day) for hours', { lastDay: 400, lastHour: 41 }, false],
	])('%s', (_name, seen, expected) => {
		expect(onCourseToExceed(seen, PER_DAY)).toBe(expected);
	});

	test('the hint says how many, of what, and what to do', () => {
		const hint = quotaHint({ lastDay: 850, lastHour: 10 }, PER_DAY);
		expect(hint).toContain('This n8n process made 850 calls to ThroughLine with this credential in the last 24 hours');
		expect(hint).toContain("of ThroughLine's 1,000 a day");
		expect(hint).toContain('Turn on caching');
		expect(hint).toContain('Options > Daily Call Budget');
		expect(hint).toContain('fewer calls');
	});
});

describe('through the node', () => {
	const local = useLocalServer();
	const identity = () => quotaIdentity(local.server.clientId, local.server.url);
	const search = (country: string) => ({ resource: 'helpline', operation: 'search', country, limit: 5 });
	const hintsOf = (run: Awaited<ReturnType<typeof runNode>>) =>
		(run.run.data.resultData.runData.ThroughLine?.[0]?.hints ?? []).map((hint) => hint.message);
	beforeEach(() => processCalls.clear());

	test('counts each call that reached the API, retries included, and not the token request', async () => {
		local.server.setFault('GET /v1/helplines', { status: 503, times: 1 });
		const run = await runNode(local.credentials(), search('US'), [{}]);
		expect(run.error).toBeUndefined();
		const stats = local.server.stats();
		expect(stats.tokenRequests).toBe(1);
		expect(processCalls.seen(identity()).lastDay).toBe(stats.byRoute['GET /v1/helplines']);
		expect(processCalls.seen(identity()).lastDay).toBe(2);
	});

	test('below the threshold, no hint', async () => {
		processCalls.record(identity(), 700);
		const run = await runNode(local.credentials(), search('US'), [{}]);
		expect(run.error).toBeUndefined();
		expect(hintsOf(run).filter((hint) => hint.includes('ThroughLine with this credential'))).toEqual([]);
	});

	test('past the threshold, one hint per execution with the count, however many calls it makes', async () => {
		processCalls.record(identity(), 799);
		const countries = local.server.data
			.countries()
			.slice(0, 5)
			.map((c) => ({ country: c.code }));
		const run = await runNode(local.credentials(), search('={{ $json.country }}'), countries);
		expect(run.error).toBeUndefined();
		const hints = hintsOf(run).filter((hint) => hint.includes('ThroughLine with this credential'));
		expect(hints).toHaveLength(1);
		// The token request is not counted; the first search is the 800th call.
		expect(hints[0]).toContain('made 800 calls');
		expect(hints[0]).not.toContain(local.server.clientSecret);
	});

	test('another credential does not inherit the count', async () => {
		processCalls.record(quotaIdentity('someone-else', local.server.url), 900);
		const run = await runNode(local.credentials(), search('US'), [{}]);
		expect(hintsOf(run).filter((hint) => hint.includes('ThroughLine with this credential'))).toEqual([]);
	});
});
