/**
 * Answers the local ThroughLine server does not give, from a bare server: acknowledgements
 * without content, a body that trickles in, and a stopped execution.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { RETRY_POLICY, ThroughLineClient, anyObject, listOf } from '../../../../nodes/ThroughLine/transport';
import { createCredentials, runNode, shortenRetryWaits, shutdownN8nCore } from '../../../harness/runNode';
import { answerToken, bareServer } from './bareServer';

let restoreRetryWaits: () => void;
beforeAll(() => (restoreRetryWaits = shortenRetryWaits()));
afterAll(() => {
	restoreRetryWaits();
	shutdownN8nCore();
});

const display = { resource: 'event', operation: 'reportDisplay', helplineId: 'h-1', sessionId: 's-1' };

describe('an event acknowledged without content counts as reported', () => {
	test.each([
		['204 No Content', 204, undefined],
		['201 with an empty body', 201, ''],
		['200 with an empty JSON body', 200, ''],
	])('%s', async (_name, status, body) => {
		const bare = await bareServer((req, res) => {
			if (req.url === '/oauth/token') return answerToken(res);
			res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
			res.end(body);
		});
		try {
			const { error, items } = await runNode(createCredentials(bare.credential()), display);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(bare.seen.filter((r) => r.url === '/v1/events/helpline_display')).toHaveLength(1);
		} finally {
			await bare.close();
		}
	});

	test('a 200 whose body is not JSON is still an error, and the event is not sent twice', async () => {
		const bare = await bareServer((req, res) => {
			if (req.url === '/oauth/token') return answerToken(res);
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<html>proxy says hi</html>');
		});
		try {
			const { error } = await runNode(createCredentials(bare.credential()), display);
			expect(error?.message).toBe('ThroughLine answered with data that is not the expected JSON (item 0)');
			expect(bare.seen.filter((r) => r.url === '/v1/events/helpline_display')).toHaveLength(1);
		} finally {
			await bare.close();
		}
	});
});

describe('Timeout is a deadline for the whole answer', () => {
	test('a body that trickles in is cut off at the Timeout, and the read is retried a bounded number of times', async () => {
		// A byte every 400 ms never trips an idle timer; the whole answer would take about 4.8 s.
		const bare = await bareServer((req, res) => {
			if (req.url === '/oauth/token') return answerToken(res);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.write('{"helplines":[');
			let ticks = 0;
			const timer = setInterval(() => {
				if (res.destroyed) return clearInterval(timer);
				if (++ticks < 12) return void res.write(' ');
				clearInterval(timer);
				res.end(']}');
			}, 400);
		});
		try {
			const { error } = await runNode(createCredentials(bare.credential()), {
				resource: 'helpline',
				operation: 'search',
				country: 'US',
				limit: 5,
				options: { timeout: 1 },
			});
			expect(error?.message).toBe(
				`ThroughLine did not answer in time (gave up after ${RETRY_POLICY.failureRetries + 1} attempts) (item 0)`,
			);
			const searches = bare.seen.filter((r) => r.url.startsWith('/v1/helplines'));
			await new Promise((resolve) => setTimeout(resolve, 200)); // the last hang-up reaching the server
			expect(searches).toHaveLength(RETRY_POLICY.failureRetries + 1);
			for (const search of searches) {
				// The node hung up before the server had finished its answer.
				expect(search.answeredAt).toBeUndefined();
				expect(search.closedAt).toBeDefined();
			}
		} finally {
			await bare.close();
		}
	});
});

describe('a stopped execution', () => {
	/** A context whose HTTP layer fails the way axios does once the signal it was given aborts. */
	function stoppableContext() {
		const stop = new AbortController();
		const sent: IHttpRequestOptions[] = [];
		const context = {
			getCredentials: async () => ({ environment: 'custom', baseUrl: 'http://127.0.0.1:9', tokenUrl: 'http://127.0.0.1:9/t' }),
			getExecutionCancelSignal: () => stop.signal,
			helpers: {
				async httpRequestWithAuthentication(
					this: { getExecutionCancelSignal(): AbortSignal },
					_type: string,
					options: IHttpRequestOptions,
				) {
					sent.push(options);
					// What n8n-core does: the context's cancel signal goes on the request.
					const signal = this.getExecutionCancelSignal();
					await new Promise((_resolve, reject) =>
						signal.addEventListener('abort', () =>
							reject(Object.assign(new Error('canceled'), { code: 'ERR_CANCELED', name: 'CanceledError' })),
						),
					);
				},
			},
		};
		return { stop, sent, context: context as never };
	}

	test('is not retried: one attempt, and the request fails as stopped', async () => {
		const { stop, sent, context } = stoppableContext();
		const client = await ThroughLineClient.create(context);
		const pending = client.get('/v1/topics', {}, listOf('topics'));
		await new Promise((resolve) => setTimeout(resolve, 50));
		stop.abort();
		await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
		await new Promise((resolve) => setTimeout(resolve, 300)); // longer than every shortened back-off
		expect(sent).toHaveLength(1);
	});

	test('requests queued behind it are not sent at all', async () => {
		const { stop, sent, context } = stoppableContext();
		const client = await ThroughLineClient.create(context, { concurrency: 1 });
		const first = client.post('/v1/events/helpline_display', {}, anyObject);
		const second = client.post('/v1/events/helpline_display', {}, anyObject);
		await new Promise((resolve) => setTimeout(resolve, 50));
		stop.abort();
		await expect(first).rejects.toMatchObject({ kind: 'cancelled' });
		await expect(second).rejects.toMatchObject({ kind: 'cancelled' });
		expect(sent).toHaveLength(1);
	});
});
