import { NodeApiError } from 'n8n-workflow';

import { AUTH_ERROR_PREFIX } from '../../../../credentials/throughLineAuth';
import { classifyAnswer, classifyFailure, parseRetryAfter } from '../../../../nodes/ThroughLine/transport/errors';
import { RETRY_POLICY } from '../../../../nodes/ThroughLine/transport/limits';
import { retryDelay } from '../../../../nodes/ThroughLine/transport/retry';

const node = { id: '1', name: 'ThroughLine', type: 't', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

test('Retry-After in seconds or as a date', () => {
	expect(parseRetryAfter('3')).toBe(3000);
	expect(parseRetryAfter(2)).toBe(2000);
	expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
	expect(parseRetryAfter('soon')).toBeUndefined();
	expect(parseRetryAfter(undefined)).toBeUndefined();
});

test.each([
	[401, 'auth'],
	[403, 'forbidden'],
	[404, 'notFound'],
	[429, 'rateLimit'],
	[400, 'client'],
	[422, 'client'],
	[500, 'server'],
	[503, 'server'],
])('HTTP %i is %s', (statusCode, kind) => {
	expect(classifyAnswer({ statusCode }).kind).toBe(kind);
});

test("a 400 quotes ThroughLine's reason, capped, and never an HTML page", () => {
	expect(classifyAnswer({ statusCode: 400, body: { message: 'Unknown topic' } }).message).toBe(
		'ThroughLine refused the request (HTTP 400): Unknown topic',
	);
	expect(classifyAnswer({ statusCode: 400, body: '<html>oops</html>' }).message).toBe('ThroughLine refused the request (HTTP 400)');
	expect(classifyAnswer({ statusCode: 400, body: { error: 'x'.repeat(1000) } }).message.length).toBeLessThan(400);
});

test('a 429 keeps its Retry-After', () => {
	expect(classifyAnswer({ statusCode: 429, headers: { 'retry-after': '2' } }).retryAfterMs).toBe(2000);
});

test('what n8n-core throws is read from the NodeApiError it builds', () => {
	const refused = new NodeApiError(node, Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) as never);
	expect(classifyFailure(refused)).toMatchObject({ kind: 'network', message: 'Could not reach ThroughLine (ECONNREFUSED)' });
	const timedOut = new NodeApiError(node, Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' }) as never);
	expect(classifyFailure(timedOut).kind).toBe('timeout');
	const signIn = new NodeApiError(node, new Error(`${AUTH_ERROR_PREFIX}the client ID or secret was not accepted.`) as never);
	expect(classifyFailure(signIn)).toMatchObject({ kind: 'auth', message: `${AUTH_ERROR_PREFIX}the client ID or secret was not accepted.` });
	const status = new NodeApiError(node, { message: 'x', httpCode: '401' }, { httpCode: '401' });
	expect(classifyFailure(status).kind).toBe('auth');
});

test('a 5xx keeps its Retry-After too (maintenance)', () => {
	expect(classifyAnswer({ statusCode: 503, headers: { 'retry-after': '120' } }).retryAfterMs).toBe(120_000);
});

test('an aborted request (Stop) is "cancelled", which is never retried, not a network failure', () => {
	const aborted = Object.assign(new Error('canceled'), { code: 'ERR_CANCELED', name: 'CanceledError' });
	expect(classifyFailure(aborted).kind).toBe('cancelled');
	expect(retryDelay('GET', classifyFailure(aborted), { rateLimited: 0, failed: 0 })).toBeUndefined();
	// a timeout (ECONNABORTED) stays a timeout
	expect(classifyFailure(Object.assign(new Error('timeout of 1000ms exceeded'), { code: 'ECONNABORTED' })).kind).toBe('timeout');
});

test('retry decisions: Retry-After within the cap is taken as given, beyond it the failure is final', () => {
	const limited = (retryAfterMs?: number) =>
		classifyAnswer({ statusCode: 429, headers: retryAfterMs === undefined ? {} : { 'retry-after': String(retryAfterMs / 1000) } });
	expect(retryDelay('GET', limited(2000), { rateLimited: 0, failed: 0 })).toBe(2000);
	expect(retryDelay('POST', limited(2000), { rateLimited: 0, failed: 0 })).toBe(2000);
	expect(retryDelay('GET', limited(2 * 3600_000), { rateLimited: 0, failed: 0 })).toBeUndefined();
	expect(retryDelay('GET', limited(), { rateLimited: RETRY_POLICY.rateLimitRetries, failed: 0 })).toBeUndefined();
	const unavailable = classifyAnswer({ statusCode: 503, headers: { 'retry-after': '3' } });
	expect(retryDelay('GET', unavailable, { rateLimited: 0, failed: 0 })).toBe(3000);
	expect(retryDelay('POST', unavailable, { rateLimited: 0, failed: 0 })).toBeUndefined(); // an event may have been recorded
});
