/** The Options collections of both nodes: their defaults are the limits the client and the router use. */
import type { INodeProperties } from 'n8n-workflow';

import { cachePolicy, clientOptions, operationOptions, requestOptions } from '../../../../nodes/ThroughLine/fields/options';
import { ANSWER_CACHE, CALL_BUDGET, CLIENT_DEFAULTS, THROUGHLINE_LIMITS } from '../../../../nodes/ThroughLine/transport/limits';
import { ThroughLineTrigger } from '../../../../nodes/ThroughLine/ThroughLineTrigger.node';

/** The Options collection a resource's operations show. */
const optionsOf = (resource: string) =>
	operationOptions.find((o) => (o.displayOptions?.show?.resource as string[]).includes(resource))!.options as INodeProperties[];

test("the options' defaults are the lifetimes the router uses, and events offer no cache", () => {
	const defaults = (resource: string) => Object.fromEntries(optionsOf(resource).map((o) => [o.name, o.default]));
	expect(defaults('helpline')).toMatchObject({
		cacheAnswersFor: ANSWER_CACHE.helplineMinutes,
		serveStaleAnswersFor: ANSWER_CACHE.staleMinutes,
		dailyCallBudget: 1000,
	});
	expect(defaults('country')).toMatchObject({
		cacheAnswersFor: ANSWER_CACHE.listMinutes,
		serveStaleAnswersFor: ANSWER_CACHE.staleMinutes,
		dailyCallBudget: 1000,
	});
	expect(defaults('topic')).toMatchObject({ cacheAnswersFor: 1440, dailyCallBudget: 1000 });
	// The budget's default is ThroughLine's quota: 1,000 calls a day (limits-policy page, throughline-api.md).
	expect(THROUGHLINE_LIMITS.callsPerDay).toBe(1000);
	expect(ANSWER_CACHE).toMatchObject({ helplineMinutes: 60, listMinutes: 1440, staleMinutes: 10080 });
	expect(defaults('event')).toEqual({ maxRequestsPerSecond: 30, timeout: 30 });
});

test("Cache Answers For's advice holds against ThroughLine's 1,000 calls a day; the lists' option does not give it", () => {
	const cacheOption = (resource: string) => optionsOf(resource).find((o) => o.name === 'cacheAnswersFor')!;
	const advice =
		/At (\d+), up to about (\d+) different searches a day are asked again every hour within those calls; with more, Daily Call Budget keeps answers longer/;
	const [, minutes, searches] = cacheOption('helpline').description!.match(advice)!.map(Number);
	// 1,000 calls a day for the account: ThroughLine's limits-policy page (throughline-api.md).
	expect(THROUGHLINE_LIMITS.callsPerDay).toBe(1000);
	// At most one call per query per lifetime: the bound of a day's calls.
	const bound = (queries: number, lifetime: number) => queries * Math.ceil((24 * 60) / lifetime);
	expect(minutes).toBe(ANSWER_CACHE.helplineMinutes);
	expect(bound(searches, minutes)).toBeLessThanOrEqual(1000);
	expect(bound(searches + 3, minutes)).toBeGreaterThan(1000); // "about": the largest that fits, give or take a few
	expect(cacheOption('helpline').description).toContain('1,000 calls a day');
	expect(cacheOption('country').description).toContain('1,000 calls a day');
	expect(cacheOption('country').description).not.toMatch(advice);
	expect(cacheOption('topic').description).toBe(cacheOption('country').description);
});

test('Daily Call Budget says what it keeps to, how long an answer may wait for it, and how to turn it off', () => {
	for (const resource of ['helpline', 'country', 'topic']) {
		const budget = optionsOf(resource).find((o) => o.name === 'dailyCallBudget')!;
		expect(budget).toMatchObject({ type: 'number', typeOptions: { minValue: 0 } });
		expect(budget.description).toContain('ThroughLine allows 1,000 a day for the whole account');
		const [, times, minutes] = budget
			.description!.match(/for at most (\d+) times Cache Answers For \(a day at (\d+) minutes\)/)!
			.map(Number);
		expect(times).toBe(CALL_BUDGET.holdFactor);
		expect(times * minutes).toBe(24 * 60);
		expect(budget.description).toMatch(/never past Serve Stale Answers For/);
		expect(budget.description).toMatch(/A question not asked before is always sent/);
		expect(budget.description).toMatch(/0 turns this off\.$/);
	}
	expect(optionsOf('event').map((o) => o.name)).not.toContain('dailyCallBudget');
});

test("Max Requests per Second and Timeout offer ThroughLine's per-second limit and the client's timeout, in both nodes", () => {
	// 30 a second per IP address: ThroughLine's limits-policy page (throughline-api.md).
	expect(THROUGHLINE_LIMITS.requestsPerSecond).toBe(30);
	const trigger = new ThroughLineTrigger().description.properties.find((p) => p.name === 'options')!;
	for (const collection of [...operationOptions, requestOptions, trigger]) {
		const option = (name: string) => (collection.options as INodeProperties[]).find((o) => o.name === name)!;
		expect(option('maxRequestsPerSecond')).toMatchObject({
			default: THROUGHLINE_LIMITS.requestsPerSecond,
			typeOptions: { minValue: 1, maxValue: THROUGHLINE_LIMITS.requestsPerSecond },
		});
		expect(option('maxRequestsPerSecond').description).toContain(`${THROUGHLINE_LIMITS.requestsPerSecond} a second`);
		// What leaving it out does: the slow start's first pace, a quarter of the limit (pacing.slowstart.test.ts).
		expect(option('maxRequestsPerSecond').description).toContain(
			`Left out, the node finds its share itself (after a pause it starts at 7.5 a second`,
		);
		expect(option('timeout')).toMatchObject({
			default: CLIENT_DEFAULTS.timeoutMs / 1000,
			typeOptions: { minValue: CLIENT_DEFAULTS.minTimeoutMs / 1000 },
		});
	}
});

test('Timeout is read in seconds, and absent options leave the client its defaults', () => {
	expect(clientOptions({ maxRequestsPerSecond: 5, timeout: 3 })).toEqual({ maxRequestsPerSecond: 5, timeoutMs: 3000 });
	expect(clientOptions({})).toEqual({ maxRequestsPerSecond: undefined, timeoutMs: undefined });
});

describe('Cache Answers For, Serve Stale Answers For and Daily Call Budget, as the router reads them', () => {
	const HOUR = 60 * 60_000;
	const WEEK = 7 * 24 * HOUR;

	test('reads get their own lifetime by default (helplines an hour), 7 days of stale answers and 1,000 calls a day; events no cache at all', () => {
		expect(cachePolicy({}, 60)).toEqual({ freshMs: HOUR, staleMs: WEEK, perDay: 1000 });
		expect(cachePolicy({}, 1440)).toEqual({ freshMs: 24 * HOUR, staleMs: WEEK, perDay: 1000 });
		expect(cachePolicy({ cacheAnswersFor: 5 }, undefined)).toBeUndefined();
	});

	test('a field emptied in the editor means its default; 0 turns it off', () => {
		expect(cachePolicy({ cacheAnswersFor: '', serveStaleAnswersFor: '', dailyCallBudget: '' }, 60)).toEqual({
			freshMs: HOUR,
			staleMs: WEEK,
			perDay: 1000,
		});
		expect(cachePolicy({ cacheAnswersFor: 0, serveStaleAnswersFor: 0, dailyCallBudget: 0 }, 60)).toEqual({
			freshMs: 0,
			staleMs: 0,
			perDay: 0,
		});
	});

	test('minutes and budgets may be fractional or scaled (the benchmark compresses a day); a negative or non-numeric value is off, never NaN', () => {
		expect(cachePolicy({ cacheAnswersFor: 1.5, serveStaleAnswersFor: '2', dailyCallBudget: 32000 }, 60)).toEqual({
			freshMs: 90_000,
			staleMs: 120_000,
			perDay: 32000,
		});
		expect(cachePolicy({ cacheAnswersFor: -5, serveStaleAnswersFor: 'soon', dailyCallBudget: -1 }, 60)).toEqual({
			freshMs: 0,
			staleMs: 0,
			perDay: 0,
		});
		expect(cachePolicy({ dailyCallBudget: 'lots' }, 60)?.perDay).toBe(0);
	});
});
