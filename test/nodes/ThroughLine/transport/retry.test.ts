/**
 * The retry rules, tested directly: what is asked again, how long is waited, and what a final
 * failure says. A read is safe to repeat; an event (POST) may already be recorded and billed after
 * a 5xx or a dropped connection, so it is repeated only when it certainly never arrived (a refused
 * connection) or was refused for the pace (429: ThroughLine did not take it).
 */
import type { FailureKind } from '../../../../nodes/ThroughLine/transport/errors';
import { ThroughLineRequestError } from '../../../../nodes/ThroughLine/transport/errors';
import { RETRY_POLICY } from '../../../../nodes/ThroughLine/transport/limits';
import { finalError, retryDelay } from '../../../../nodes/ThroughLine/transport/retry';

const failure = (kind: FailureKind, message = `a ${kind} failure`, retryAfterMs?: number) =>
	new ThroughLineRequestError(kind, message, 'what to do', undefined, retryAfterMs);
const first = { rateLimited: 0, failed: 0 };
const CAP = RETRY_POLICY.maxRetryAfterMs;

describe('an event (POST) is sent again only when ThroughLine certainly did not take it', () => {
	test.each([
		['a 5xx', failure('server', 'ThroughLine answered HTTP 500')],
		['a 503 that says when to come back', failure('server', 'ThroughLine answered HTTP 503', 2000)],
		['a dropped connection', failure('network', 'socket hang up (ECONNRESET)')],
		['a timeout', failure('timeout', 'no answer within 30 s')],
		['a broken answer', failure('malformed', 'not the expected JSON')],
	])('%s: not again (it may be recorded already)', (_name, error) => {
		expect(retryDelay('POST', error, first)).toBeUndefined();
	});

	test('a refused connection: again, after a back-off', () => {
		const delay = retryDelay('POST', failure('network', 'connect ECONNREFUSED 127.0.0.1:9'), first);
		expect(delay).toBeGreaterThan(0);
		expect(delay).toBeLessThanOrEqual(RETRY_POLICY.maxDelayMs);
	});

	test('a refusal for the pace (429): again, as ThroughLine asks', () => {
		expect(retryDelay('POST', failure('rateLimit', 'HTTP 429', 1500), first)).toBe(1500);
	});
});

describe('a read (GET) is asked again after a failure that a second try can mend', () => {
	test.each(['server', 'network', 'timeout', 'malformed'] as FailureKind[])('%s: again', (kind) => {
		expect(retryDelay('GET', failure(kind), first)).toBeGreaterThan(0);
	});

	test.each(['auth', 'client', 'notFound', 'forbidden', 'cancelled'] as FailureKind[])('%s: not again', (kind) => {
		expect(retryDelay('GET', failure(kind), first)).toBeUndefined();
	});

	test('at most the failure retries', () => {
		expect(retryDelay('GET', failure('server'), { rateLimited: 0, failed: RETRY_POLICY.failureRetries - 1 })).toBeGreaterThan(0);
		expect(retryDelay('GET', failure('server'), { rateLimited: 0, failed: RETRY_POLICY.failureRetries })).toBeUndefined();
	});
});

describe('Retry-After is waited for up to the longest wait, and beyond it the failure is final', () => {
	test.each([
		['a 429', 'rateLimit'],
		['a 503', 'server'],
	] as Array<[string, FailureKind]>)('%s asking for exactly the longest wait is waited for; a millisecond more is not', (_name, kind) => {
		expect(retryDelay('GET', failure(kind, 'busy', CAP), first)).toBe(CAP);
		expect(retryDelay('GET', failure(kind, 'busy', CAP + 1), first)).toBeUndefined();
	});
});

describe('the final error says what happened and how hard it was tried', () => {
	test('a first-time failure is handed on as it is', () => {
		const error = failure('server', 'ThroughLine answered HTTP 500');
		expect(finalError(error, first)).toBe(error);
	});

	test('after retries, the count of attempts is added and the rest kept', () => {
		const error = new ThroughLineRequestError('server', 'ThroughLine answered HTTP 500', 'try later', 500);
		const final = finalError(error, { rateLimited: 1, failed: 2 });
		expect(final.message).toBe('ThroughLine answered HTTP 500 (gave up after 4 attempts)');
		expect([final.kind, final.description, final.httpCode]).toEqual(['server', 'try later', 500]);
	});

	test('a 503 that asks for a wait beyond the longest says when to call again; a short one does not', () => {
		const later = finalError(failure('server', 'ThroughLine answered HTTP 503', 2 * 3600_000), first);
		expect(later.message).toMatch(/^ThroughLine answered HTTP 503; it asks to be called again at about \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
		expect(finalError(failure('server', 'ThroughLine answered HTTP 503', CAP), first).message).toBe('ThroughLine answered HTTP 503');
		expect(finalError(failure('server', 'ThroughLine answered HTTP 503'), first).message).toBe('ThroughLine answered HTTP 503');
		// Only a server failure is told so: a timeout's own wait means nothing of the kind.
		expect(finalError(failure('timeout', 'no answer', 2 * 3600_000), first).message).toBe('no answer');
	});

	test('a 429 that ends a request says the daily quota is probably spent, with when it resets only when ThroughLine said so beyond the longest wait', () => {
		const resets = finalError(failure('rateLimit', 'HTTP 429', 3 * 3600_000), first);
		expect(resets.message).toMatch(
			/the daily quota is probably used up; ThroughLine accepts requests again at about \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
		);
		expect(resets.retryAfterMs).toBe(3 * 3600_000);
		for (const short of [undefined, 1000, CAP]) {
			const spent = finalError(failure('rateLimit', 'HTTP 429', short), { rateLimited: RETRY_POLICY.rateLimitRetries, failed: 0 });
			expect(spent.message).toBe(
				`ThroughLine is rate limiting requests (HTTP 429) (gave up after ${RETRY_POLICY.rateLimitRetries + 1} attempts): the daily quota is probably used up`,
			);
			expect(spent.retryAfterMs).toBeUndefined();
		}
	});
});
