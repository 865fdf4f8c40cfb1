/**
 * Daily Call Budget as executions meet it, counted on the local server: an answer past Cache
 * Answers For is kept, and says so, while asking again would go over the budget; a question never
 * asked before is always sent; every call of the credential spends; never past Serve Stale Answers
 * For or 24 lifetimes; 0 turns it off.
 *
 * A budget of 25 calls a day earns one call an hour and saves at most one (1,000 would save 40,
 * too many to spend in a test): the same rule at a smaller scale (callBudget.test.ts).
 */
import { simplified } from '../../../e2e/expected';
import { sharedAnswers } from '../../../../nodes/ThroughLine/transport/answerCache';
import { processBudget } from '../../../../nodes/ThroughLine/transport/callBudget';
import { runNode, TOOL_NODE_TYPE } from '../../../harness/runNode';
import { hints, minutesLater, search, useCacheSuite } from './cacheSetup';

const { local, helplineCalls, firstFive } = useCacheSuite();
const BUDGET = { dailyCallBudget: 25 };
const both = [{ country: 'US' }, { country: 'NZ' }];

/** Credentials with a token stored (the topic list read fetched it), so no sign-in spends below. */
async function signedIn() {
	const credentials = local.credentials();
	await runNode(credentials, { resource: 'topic', operation: 'getAll' });
	return credentials;
}

/** US and NZ asked once (two calls: the saved one and one ahead), then asked again `minutes` later. */
async function askAgainLater(minutes: number, options = {}, extra = {}) {
	const credentials = await signedIn();
	const first = await runNode(credentials, search({ ...BUDGET, ...options }, extra), both);
	expect(first.error).toBeUndefined();
	expect(helplineCalls()).toBe(2);
	minutesLater(minutes);
	return { credentials, run: await runNode(credentials, search({ ...BUDGET, ...options }, extra), both) };
}

test('an answer past Cache Answers For is kept while the budget is spent: same helplines, no call, and a hint that says why', async () => {
	const { run } = await askAgainLater(61);
	expect(run.error).toBeUndefined();
	expect(helplineCalls()).toBe(2);
	expect(run.items.map((i) => i.json)).toEqual([...firstFive('US'), ...firstFive('NZ')]);
	expect(hints(run)).toEqual([
		expect.objectContaining({
			type: 'info',
			message: expect.stringMatching(
				/^2 items were answered from this n8n's cache with answers older than Cache Answers For \(61 minutes old\): asking ThroughLine again now would go over Options > Daily Call Budget/,
			),
		}),
	]);
});

test('once an hour has earned a call, one answer is asked again and the other still waits', async () => {
	const { run } = await askAgainLater(121);
	expect(helplineCalls()).toBe(3);
	expect(run.items.map((i) => i.json)).toEqual([...firstFive('US'), ...firstFive('NZ')]);
	const messages = hints(run).map((h) => h.message);
	expect(messages).toHaveLength(1);
	expect(messages[0]).toMatch(/^1 item was answered from this n8n's cache with answers older than Cache Answers For \(121 minutes old\)/);
});

test('with Simplify and for a model, a kept record says so: from the cache, how old, held for the daily budget', async () => {
	const { credentials, run } = await askAgainLater(61, {}, { simplify: true });
	const held = { source: 'cache', ageMinutes: 61, heldForDailyBudget: true };
	expect(run.items.map((i) => i.json)).toEqual(
		[...firstFive('US'), ...firstFive('NZ')].map((h) => ({ ...simplified(h), answeredFrom: held })),
	);
	const tool = await runNode(credentials, search(BUDGET, { country: 'US' }), [{}], { node: { type: TOOL_NODE_TYPE, typeVersion: 1.1 } });
	expect(tool.items.length).toBeGreaterThan(0);
	for (const item of tool.items) expect(item.json.answeredFrom).toEqual(held);
});

test('a question never asked before is sent even with the budget spent', async () => {
	const { credentials } = await askAgainLater(61);
	const run = await runNode(credentials, search(BUDGET), [{ country: 'GB' }]);
	expect(run.error).toBeUndefined();
	expect(helplineCalls()).toBe(3);
	expect(hints(run)).toEqual([]);
});

test('every call of the credential spends: an event reported beside the search leaves nothing for a refresh two hours on', async () => {
	const credentials = await signedIn();
	await runNode(credentials, search(BUDGET), both);
	const helplineId = firstFive('US')[0].id;
	const event = await runNode(credentials, { resource: 'event', operation: 'reportDisplay', helplineId, sessionId: 'chat-1' });
	expect(event.error).toBeUndefined();
	minutesLater(121);
	const run = await runNode(credentials, search(BUDGET), both);
	expect(helplineCalls()).toBe(2);
	expect(hints(run)[0].message).toMatch(/^2 items were answered from this n8n's cache with answers older than Cache Answers For/);
});

test('a sign-in spends too (ThroughLine may count token requests): with it, an hour later the answer waits; without it, it is asked again', async () => {
	const fresh = local.credentials(); // no token stored: this execution asks for one
	await runNode(fresh, search(BUDGET), [{ country: 'US' }]);
	minutesLater(61);
	const kept = await runNode(fresh, search(BUDGET), [{ country: 'US' }]);
	expect(helplineCalls()).toBe(1);
	expect(hints(kept)[0].message).toMatch(/^1 item was answered from this n8n's cache with answers older than Cache Answers For/);

	jest.restoreAllMocks();
	local.server.reset();
	processBudget.clear();
	sharedAnswers.clear();
	const stored = await signedIn();
	await runNode(stored, search(BUDGET), [{ country: 'US' }]);
	minutesLater(61);
	const asked = await runNode(stored, search(BUDGET), [{ country: 'US' }]);
	expect(helplineCalls()).toBe(2);
	expect(hints(asked)).toEqual([]);
});

test('a token renewed after a 401 spends too: the 401s, the new token and the repeat leave the next refresh waiting longer', async () => {
	const credentials = await signedIn();
	await runNode(credentials, search(BUDGET), [{ country: 'US' }]); // the saved call spent
	minutesLater(61);
	local.server.expireTokens();
	const renewed = await runNode(credentials, search(BUDGET), [{ country: 'US' }]);
	expect(renewed.error).toBeUndefined();
	expect(hints(renewed)).toEqual([]);
	// n8n's repeat meets a 401 of its own before it asks for the token.
	expect(local.server.stats().byStatus['401']).toBe(2);
	expect(local.server.stats().tokenRequests).toBe(2); // the sign-in, and the renewal
	// Four spent (two 401s, the token, the repeat), one earned an hour: at 241 minutes still one short.
	minutesLater(241);
	const kept = await runNode(credentials, search(BUDGET), [{ country: 'US' }]);
	expect(hints(kept)[0].message).toMatch(/^1 item was answered from this n8n's cache with answers older than Cache Answers For/);
	minutesLater(301);
	const asked = await runNode(credentials, search(BUDGET), [{ country: 'US' }]);
	expect(hints(asked)).toEqual([]);
});

test('never past Serve Stale Answers For: then ThroughLine is asked', async () => {
	const { run } = await askAgainLater(91, { serveStaleAnswersFor: 90 });
	expect(run.error).toBeUndefined();
	expect(helplineCalls()).toBe(4);
	expect(hints(run)).toEqual([]);
});

test('never past 24 times Cache Answers For: then ThroughLine is asked, spent budget or not', async () => {
	const { credentials, run: kept } = await askAgainLater(23, { cacheAnswersFor: 1 });
	expect(helplineCalls()).toBe(2);
	expect(hints(kept)[0].message).toMatch(/^2 items were answered from this n8n's cache with answers older/);
	minutesLater(25);
	const late = await runNode(credentials, search({ ...BUDGET, cacheAnswersFor: 1 }), both);
	expect(helplineCalls()).toBe(4);
	expect(hints(late)).toEqual([]);
});

test('0 turns the budget off: every answer past Cache Answers For is asked again', async () => {
	const { run } = await askAgainLater(61, { dailyCallBudget: 0 });
	expect(helplineCalls()).toBe(4);
	expect(hints(run)).toEqual([]);
});

test('the default budget (1,000 a day) asks again for answers past their hour, as a workflow of a few searches expects', async () => {
	const credentials = local.credentials();
	await runNode(credentials, search(), both);
	minutesLater(61);
	const run = await runNode(credentials, search(), both);
	expect(helplineCalls()).toBe(4);
	expect(hints(run)).toEqual([]);
});
