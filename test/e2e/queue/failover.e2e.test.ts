/**
 * Issue 9, the single-country loads on the queue-mode cluster (suite.ts: one main, two workers,
 * one Redis, one database):
 * - cold (no token stored yet): every answer is the country's helplines as the local server holds
 *   them, both workers ran executions, token requests stay within TOKEN_BOUND (suite.ts), the API's
 *   30/s limit holds (any 429 absorbed by the node's retries: every call still answers);
 * - worker-2 SIGKILLed (its process group) a third of the way in: no call hangs (90 s client
 *   timeout): each answers with its helplines or with n8n's error, and n8n's execution list has
 *   exactly one execution per call, none left running; worker-2 restarted, the load runs clean on
 *   both workers without a new token;
 * - the client secret is nowhere in Redis, the database, stored executions or output (secrets.ts).
 */
import {
	CALLS,
	AT_A_TIME,
	CLIENT_TIMEOUT_MS,
	COUNTRIES,
	TOKEN_BOUND,
	VERSION,
	WORKERS,
	WORKER_CONCURRENCY,
	minus,
	useQueueCluster,
} from './suite';
import { expectCorrectAnswers, load } from './measuredLoad';
import { expectSecretNowhere } from './secrets';

const KILL_AFTER = 100; // calls settled before worker-2 is killed

describe(`n8n ${VERSION} in queue mode: one main, ${WORKERS} workers (concurrency ${WORKER_CONCURRENCY}), one Redis: loads and a killed worker`, () => {
	const c = useQueueCluster('failover');

	test(`cold load: ${CALLS} calls, ${AT_A_TIME} at a time, ${COUNTRIES.length} countries: right helplines, both workers, tokens ≤ ${TOKEN_BOUND}, 30/s held`, async () => {
		const { result, figures: f, ranOn, countsBefore } = await load(c, 'cold');
		expect(f.failures).toEqual({});
		expect(f.answered200).toBe(CALLS);
		expectCorrectAnswers(c, result);

		// Every call was run by exactly one worker, to the end, and both took part; main ran none itself.
		expect([...ranOn.values()].filter((on) => on.length !== 1)).toEqual([]);
		expect(f.answeredThenLost).toBe(0);
		expect(f.workerSplit[c.w1.name]).toBeGreaterThan(0);
		expect(f.workerSplit[c.w2.name]).toBeGreaterThan(0);
		expect(c.n8n.logs()).not.toMatch(/Worker started execution/);

		// At least one token, at most one per execution in flight while the credential had none.
		expect(f.tokenRequests).toBeGreaterThanOrEqual(1);
		expect(f.tokenRequests).toBeLessThanOrEqual(TOKEN_BOUND);
		// One search per call; any 429 was retried (and is counted on top), and no call failed for it.
		expect(f.apiRequests - f.tokenRequests - f.rateLimited429).toBe(CALLS);

		// n8n lists one successful execution per call.
		expect(minus(await c.settledCounts(), countsBefore)).toEqual({ success: CALLS });
	});

	test(`a worker SIGKILLed mid-load: every call answers within the client timeout, one execution per call; then restarted, a clean load`, async () => {
		let killed: Promise<void> | undefined;
		let killedAt = 0;
		const {
			result,
			figures: f,
			ranOn,
			countsBefore,
		} = await load(c, 'workerKilled', {
			onSettled: (done) => {
				if (done === KILL_AFTER && !killed) {
					killedAt = Date.now();
					killed = c.workers.kill(c.w2);
				}
			},
		});
		await killed;
		expect(killed).toBeDefined();
		const failedAt = result.calls.filter((c) => c.status !== 200).map((c) => c.startedAt + c.ms - killedAt);
		c.figures.workerKilled = { killedAfterCalls: KILL_AFTER, failedCallsAnsweredMsAfterKill: failedAt.sort((a, b) => a - b) };
		console.log(`[queue] failed calls answered, ms after the kill: ${failedAt.join(', ')}`);

		// No call hung: each answered, helplines or n8n's own clear failure for a lost execution.
		expect(result.calls.filter((c) => c.status === undefined).map((c) => c.error)).toEqual([]);
		for (const c of result.calls.filter((c) => c.status !== 200)) {
			expect({ status: c.status, body: c.body }).toEqual({ status: 500, body: expect.objectContaining({ message: expect.any(String) }) });
		}
		expect(f.maxMs).toBeLessThan(CLIENT_TIMEOUT_MS);
		expectCorrectAnswers(c, result);
		expect(f.answered200).toBeGreaterThan(CALLS / 2);
		expect([...ranOn.values()].filter((on) => on.length !== 1)).toEqual([]);
		expect(f.workerSplit[c.w1.name]).toBeGreaterThan(f.workerSplit[c.w2.name]); // worker-1 carried the rest
		expect(f.tokenRequests).toBe(0);

		// n8n's execution list accounts for every call: one execution each, the answered ones
		// successful, the others ended as failed (error or crashed), none left running.
		const delta = minus(await c.settledCounts(), countsBefore);
		c.figures.workerKilledExecutions = delta;
		console.log(`[queue] executions of the load with a killed worker: ${JSON.stringify(delta)}`);
		// A call can also be answered and its execution then fail: Respond to Webhook answers before
		// the execution ends, and the worker may die in between. Which ones, n8n's list says (the
		// worker's own log may have lost its last lines with the process).
		expect(Object.values(delta).reduce((a, b) => a + b, 0)).toBe(CALLS);
		const failedIds = new Set((await c.listExecutions(['error', 'crashed'])).results.map((e) => String(e.id)));
		const answeredThenFailed = result.calls.filter((c) => c.status === 200 && c.executionId && failedIds.has(c.executionId)).length;
		c.figures.workerKilledAnsweredThenFailed = answeredThenFailed;
		expect(delta.success ?? 0).toBe(f.answered200 - answeredThenFailed);
		// Every call that answered 500 has its own failed execution.
		expect((delta.error ?? 0) + (delta.crashed ?? 0) - answeredThenFailed).toBe(f.failed);

		// Restart it: the next load runs clean on both workers, with the stored token.
		await c.workers.start(c.w2);
		const again = await load(c, 'afterRestart');
		expect(again.figures.failures).toEqual({});
		expect(again.figures.answered200).toBe(CALLS);
		expectCorrectAnswers(c, again.result);
		expect([...again.ranOn.values()].filter((on) => on.length !== 1)).toEqual([]);
		expect(again.figures.answeredThenLost).toBe(0);
		expect(again.figures.workerSplit[c.w1.name]).toBeGreaterThan(0);
		expect(again.figures.workerSplit[c.w2.name]).toBeGreaterThan(0);
		expect(again.figures.tokenRequests).toBe(0);
		expect(minus(await c.settledCounts(), again.countsBefore)).toEqual({ success: CALLS });
	});

	test('the client secret is nowhere in Redis, n8n’s database, its stored executions or its output', async () => {
		await expectSecretNowhere(c);
	});
});
