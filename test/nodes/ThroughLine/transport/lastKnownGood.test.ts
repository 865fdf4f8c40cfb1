/**
 * Last known good across n8n restarts: a priority search's good answer is kept in the workflow's
 * static data, bounded, and stands in (marked stale with its age) when ThroughLine fails after a
 * restart has emptied the process's cache; never across credentials or queries, never after a
 * sign-in failure or a 403. A restart here is what n8n does: static data saved as JSON and loaded
 * into a new execution, with the process's answer cache empty.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { simplified, SUICIDAL } from '../../../e2e/expected';
import { runNode } from '../../../harness/runNode';
import { createCredentials, localCredential } from '../../../harness/runNode';
import { sharedAnswers } from '../../../../nodes/ThroughLine/transport/answerCache';
import type { KeptAnswer } from '../../../../nodes/ThroughLine/transport/lastKnownGood';
import {
	KEPT_FIELD,
	needsWrite,
	readKept,
	StaticDataKeeper,
	staticDataKeeper,
	withAnswer,
} from '../../../../nodes/ThroughLine/transport/lastKnownGood';
import type { SandboxServer } from '../../../../sandbox';
import { startServer } from '../../../../sandbox';
import { hints, minutesLater, search, useCacheSuite } from './cacheSetup';

const MINUTE = 60_000;
const answer = (key: string, at: number, text = `"${key}"`): KeptAnswer => ({ key, at, text });

describe('what is kept (pure)', () => {
	test('oldest answer first out beyond the entry bound; a new answer to a key replaces its old one', () => {
		const bounds = { maxEntries: 2, maxBytes: 1000 };
		let list = [answer('a', 1), answer('b', 2)];
		list = withAnswer(list, answer('c', 3), bounds);
		expect(list.map((e) => e.key)).toEqual(['b', 'c']);
		list = withAnswer(list, answer('b', 4, '"new"'), bounds);
		expect(list).toEqual([answer('c', 3), answer('b', 4, '"new"')]);
	});

	test('bounded in characters, keys included; an answer bigger than the bound is not kept', () => {
		const bounds = { maxEntries: 10, maxBytes: 20 };
		const list = withAnswer([answer('a', 1, 'x'.repeat(9))], answer('b', 2, 'y'.repeat(9)), bounds);
		expect(list.map((e) => e.key)).toEqual(['a', 'b']);
		expect(withAnswer(list, answer('c', 3, 'z'.repeat(9)), bounds).map((e) => e.key)).toEqual(['b', 'c']);
		expect(withAnswer(list, answer('d', 4, 'w'.repeat(20)), bounds).map((e) => e.key)).toEqual(['a', 'b']);
	});

	test('anything in static data not shaped as kept answers is ignored', () => {
		expect(readKept(undefined)).toEqual([]);
		expect(readKept({ a: 1 })).toEqual([]);
		expect(readKept([answer('a', 1), { key: 'b' }, null, { key: 'c', at: 'soon', text: '1' }])).toEqual([answer('a', 1)]);
	});

	test('the same answer is written again only once the kept copy is an hour old; a changed one at once', () => {
		const kept = answer('a', 0, '[1]');
		expect(needsWrite(undefined, '[1]', 5)).toBe(true);
		expect(needsWrite(kept, '[1]', 59 * MINUTE)).toBe(false);
		expect(needsWrite(kept, '[1]', 60 * MINUTE)).toBe(true);
		expect(needsWrite(kept, '[2]', 1)).toBe(true);
		expect(needsWrite({ ...kept, at: 10 }, '[2]', 5)).toBe(false);
	});

	test('each lookup is a copy of its own, within the age asked for', () => {
		let now = 1_000_000;
		const data: IDataObject = {};
		const keeper = new StaticDataKeeper(data, () => now);
		keeper.keep('k', JSON.stringify([{ name: 'Lifeline' }]), now);
		now += 10 * MINUTE;
		const first = keeper.lookup('k', 60 * MINUTE)!;
		expect(first.ageMs).toBe(10 * MINUTE);
		(first.value as IDataObject[])[0].name = 'edited';
		expect(keeper.lookup('k', 60 * MINUTE)!.value).toEqual([{ name: 'Lifeline' }]);
		expect(keeper.lookup('k', 10 * MINUTE)).toBeUndefined();
		expect(keeper.lookup('k', 0)).toBeUndefined();
		expect(keeper.lookup('other', 60 * MINUTE)).toBeUndefined();
	});

	test('kept oldest first whatever order answers arrive in, so the oldest goes first', () => {
		const later = withAnswer([answer('a', 5)], answer('b', 2), { maxEntries: 10, maxBytes: 1000 });
		expect(later.map((e) => e.key)).toEqual(['b', 'a']);
		expect(withAnswer([answer('a', 5)], answer('b', 2), { maxEntries: 1, maxBytes: 1000 }).map((e) => e.key)).toEqual(['a']);
	});

	test('an answer exactly as big as the bound is kept', () => {
		expect(withAnswer([], answer('k', 1, 'x'.repeat(19)), { maxEntries: 10, maxBytes: 20 }).map((e) => e.key)).toEqual(['k']);
	});

	test('an answer from the same moment as the kept one is not written again, even if it differs', () => {
		expect(needsWrite(answer('a', 10, '[1]'), '[2]', 10)).toBe(false);
	});

	test('entries whose key or text is not text are ignored', () => {
		expect(readKept([{ key: 1, text: '"x"', at: 1 }, { key: 'k', text: 5, at: 1 }, answer('ok', 1)])).toEqual([answer('ok', 1)]);
	});

	test('the field name is part of what n8n saves in each workflow: renaming it would forget every kept answer', () => {
		expect(KEPT_FIELD).toBe('throughLineLastKnownGood');
	});

	test('static data that is not an object keeps nothing', () => {
		expect(staticDataKeeper({ getWorkflowStaticData: () => null })).toBeUndefined();
		expect(staticDataKeeper({ getWorkflowStaticData: () => 'text' })).toBeUndefined();
		expect(staticDataKeeper({ getWorkflowStaticData: () => ({}) })).toBeInstanceOf(StaticDataKeeper);
	});

	test('a context without static data, or one that refuses it, keeps nothing and does not fail', () => {
		expect(staticDataKeeper({})).toBeUndefined();
		expect(
			staticDataKeeper({
				getWorkflowStaticData: () => {
					throw new Error('not here');
				},
			}),
		).toBeUndefined();
	});
});

const { local, helplineCalls } = useCacheSuite();
const priority = (options: INodeParameters = {}, extra: INodeParameters = {}) =>
	search(options, { topic: SUICIDAL, priorityOnly: true, ...extra });
/** What n8n saves to the workflow's row and loads into the next execution. */
const saved = (data: IDataObject) => JSON.parse(JSON.stringify(data)) as IDataObject;
const keptOf = (data: IDataObject) => readKept((data['node:ThroughLine'] as IDataObject | undefined)?.[KEPT_FIELD]);

/** A good priority answer in one process; then n8n restarts (empty cache) and, 90 minutes later, ThroughLine fails. */
async function restartInto(fault: { status: number }, parameters = priority(), country = 'NZ', server: SandboxServer = local.server) {
	jest.restoreAllMocks();
	local.server.clearFaults();
	const data: IDataObject = {};
	const good = await runNode(local.credentials(), parameters, [{ country: 'NZ' }], { staticData: data });
	expect(good.error).toBeUndefined();
	sharedAnswers.clear();
	minutesLater(90);
	server.reset();
	server.setFault('GET /v1/helplines', fault);
	const credentials = createCredentials(localCredential(server));
	return { data, run: await runNode(credentials, parameters, [{ country }], { staticData: saved(data) }) };
}

describe('across a restart', () => {
	test('ThroughLine down after a restart: the priority pair as last answered, marked stale with its age', async () => {
		const pair = local.server.data.priority('NZ');
		expect(pair).toHaveLength(2);
		const { run } = await restartInto({ status: 503 }, priority({}, { simplify: true }));
		expect(run.error).toBeUndefined();
		expect(helplineCalls()).toBeGreaterThanOrEqual(1);
		expect(run.items.map((i) => i.json)).toEqual(
			pair.map((h) => ({ ...simplified(h), answeredFrom: { source: 'stale', ageMinutes: 90 } })),
		);
		const [hint] = hints(run);
		expect(hint.type).toBe('warning');
		expect(hint.message).toMatch(/HTTP 503/);
		expect(hint.message).toContain('1 item was answered with the last answer known, 90 minutes old');
	});

	test('kept under the client ID and API address and the exact query; the secret is nowhere in it', async () => {
		const data: IDataObject = {};
		await runNode(local.credentials(), priority(), [{ country: 'NZ' }], { staticData: data });
		const kept = keptOf(saved(data));
		expect(kept).toHaveLength(1);
		expect(kept[0].key).toContain(local.server.clientId);
		expect(kept[0].key).toContain(local.server.url);
		expect(kept[0].key).toMatch(/country_code=NZ/);
		expect(JSON.parse(kept[0].text)).toEqual(local.server.data.priority('NZ'));
		expect(JSON.stringify(data)).not.toContain(local.server.clientSecret);
	});

	test('an unchanged answer within the hour does not change static data (n8n would write it every execution)', async () => {
		const data: IDataObject = {};
		await runNode(local.credentials(), priority({ cacheAnswersFor: 0 }), [{ country: 'NZ' }], { staticData: data });
		expect((data as { __dataChanged?: boolean }).__dataChanged).toBe(true);
		const next = saved(data);
		await runNode(local.credentials(), priority({ cacheAnswersFor: 0 }), [{ country: 'NZ' }], { staticData: next });
		expect(helplineCalls()).toBe(2);
		expect((next as { __dataChanged?: boolean }).__dataChanged).toBe(false);
	});

	test('searches that are not priority searches keep nothing', async () => {
		const data: IDataObject = {};
		await runNode(local.credentials(), search(), [{ country: 'NZ' }], { staticData: data });
		expect(keptOf(saved(data))).toEqual([]);
	});

	test('not for another query', async () => {
		const { run } = await restartInto({ status: 503 }, priority(), 'US');
		expect(run.error?.message).toMatch(/HTTP 503/);
	});

	test('not after a 403: a revoked application gets no data', async () => {
		const { run } = await restartInto({ status: 403 });
		expect(run.items).toEqual([]);
		expect(run.error?.message).toMatch(/refused access \(HTTP 403\)/);
	});

	test('not after a 401 that a fresh token does not cure', async () => {
		const { run } = await restartInto({ status: 401 });
		expect(run.error?.message).toMatch(/did not accept the access token/);
	});

	test('not with Serve Stale Answers For at 0, nor once older than it', async () => {
		expect((await restartInto({ status: 503 }, priority({ serveStaleAnswersFor: 0 }))).run.error?.message).toMatch(/HTTP 503/);
		expect((await restartInto({ status: 503 }, priority({ serveStaleAnswersFor: 60 }))).run.error?.message).toMatch(/HTTP 503/);
	});

	test('not for the same client ID at another API address', async () => {
		let other: SandboxServer | undefined;
		try {
			other = await startServer({ port: 0 });
			expect(other.clientId).toBe(local.server.clientId);
			const { run } = await restartInto({ status: 503 }, priority(), 'NZ', other);
			expect(run.error?.message).toMatch(/HTTP 503/);
		} finally {
			await other?.close();
		}
	});
});
