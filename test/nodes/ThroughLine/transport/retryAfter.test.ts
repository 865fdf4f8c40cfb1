/**
 * Retry-After and a spent quota, measured on the server: the wait between a refusal's answer and
 * the next attempt, and how many refused calls a run makes once the quota is gone.
 */
import { createCredentials, localCredential, runNode, shortenRetryWaits, useLocalServer } from '../../../harness/runNode';

const local = useLocalServer();
let server: typeof local.server;
let restoreRetryWaits: () => void;
beforeAll(() => {
	server = local.server;
	restoreRetryWaits = shortenRetryWaits(); // back-off without Retry-After shortened; Retry-After is not
});
afterAll(() => restoreRetryWaits());

const HOUR = 3600_000;
const search = { resource: 'helpline', operation: 'search', country: 'US', limit: '={{ $json.limit }}' };
const distinct = (count: number) => Array.from({ length: count }, (_, i) => ({ limit: i + 1 }));
const searches = () => server.requests().filter((r) => r.url.startsWith('/v1/helplines'));
/** The local server's daily window resets 24 h after the hour of the first call it counted. */
const resetOf = (firstCall: number) => {
	const iso = new Date((Math.floor(firstCall / HOUR) + 24) * HOUR).toISOString();
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
};

describe('Retry-After is waited for', () => {
	test.each([429, 503])('after a %i with Retry-After: 1 the next attempt comes at least ~1 s after the answer', async (status) => {
		server.setFault('GET /v1/helplines', { status, times: 1 });
		const { error } = await runNode(createCredentials(localCredential(server)), search, [{ limit: 5 }]);
		expect(error).toBeUndefined();
		const [refused, next] = searches();
		expect(refused.answeredAt).toBeDefined();
		expect(next.receivedAt - (refused.answeredAt as number)).toBeGreaterThanOrEqual(900);
	});

	test('a Retry-After hours away (daily quota spent) fails at once, saying when the quota resets', async () => {
		server.setLimits({ dailyLimit: 1, retryAfter: true });
		const credentials = createCredentials(localCredential(server));
		await runNode(credentials, { resource: 'topic', operation: 'getAll' }); // the day's one call
		const firstCall = server.requests().find((r) => r.url === '/v1/topics')!.receivedAt;
		const { error } = await runNode(credentials, search, [{ limit: 5 }]);
		expect(searches()).toHaveLength(1);
		expect(error?.message).toBe(
			`ThroughLine is rate limiting requests (HTTP 429): the daily quota is probably used up; ThroughLine accepts requests again at about ${resetOf(firstCall)} (item 0)`,
		);
		expect(error?.description).toContain('1,000 calls a day');
	});
});

describe('a spent quota fails the rest of the run fast', () => {
	// 5 calls allowed, then 40 distinct searches. Before, each of the 35 refused searches made
	// 1 + 5 attempts (210 refusals). Now at most the 8 in flight (the client's concurrency) keep
	// trying, each at most 1 + 5 times, until the first gives up; nothing else is sent.
	test('without Retry-After: at most 8 × 6 refusals, and every refused item says the quota is probably spent', async () => {
		server.setLimits({ dailyLimit: 5, retryAfter: false });
		const input = distinct(40);
		const { items, error } = await runNode(createCredentials(localCredential(server)), search, input, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(server.stats().rateLimited).toBeLessThanOrEqual(8 * 6);
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(35);
		for (const item of failed) {
			expect(item.json.error).toMatch(
				/^ThroughLine is rate limiting requests \(HTTP 429\) \([^)]+\): the daily quota is probably used up \(item \d+\)$/,
			);
		}
	});

	test('with a Retry-After of hours: at most the 8 in flight are refused, and every item says when the quota resets', async () => {
		server.setLimits({ dailyLimit: 5, retryAfter: true });
		const input = distinct(40);
		const { items, error } = await runNode(createCredentials(localCredential(server)), search, input, { continueOnFail: true });
		expect(error).toBeUndefined();
		expect(server.stats().rateLimited).toBeLessThanOrEqual(8);
		const reset = resetOf(searches()[0].receivedAt);
		const failed = items.filter((item) => item.json.error !== undefined);
		expect(failed).toHaveLength(35);
		for (const item of failed)
			expect(item.json.error).toContain(`the daily quota is probably used up; ThroughLine accepts requests again at about ${reset}`);
	});
});
