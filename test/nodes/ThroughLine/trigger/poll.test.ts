/**
 * The trigger polled as n8n polls it (PollContext, static data kept across polls), against the
 * local ThroughLine-compatible server while its data changes. Expectations come from the
 * server's own data, never from the node's code.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { RETRY_POLICY } from '../../../../nodes/ThroughLine/transport';
import { CREDENTIAL_ID, createCredentials, localCredential, shutdownN8nCore } from '../../../harness/runNode';
import { PollingWorkflow } from '../../../harness/runPoll';
import type { Helpline, SandboxServer } from '../../../../sandbox';
import { startServer } from '../../../../sandbox';

let server: SandboxServer;
const savedPolicy = { ...RETRY_POLICY };
const HOURLY = { item: [{ mode: 'everyHour', minute: 0 }] };
const HELPLINES = 'GET /v1/helplines';
const BY_ID = 'GET /v1/helplines/:id';

const trigger = (parameters: INodeParameters, staticData?: IDataObject) =>
	new PollingWorkflow(createCredentials(localCredential(server)), { pollTimes: HOURLY, ...parameters }, { staticData });
const events = (items: Array<{ json: IDataObject }> | null) =>
	(items ?? []).map(({ json }) => `${json.event} ${json.countryCode} ${(json.helpline as Helpline).name}`);
const ofCountry = (code: string) => server.data.helplines().filter((h) => h.country.code === code);
const helplineCalls = () => server.stats().byRoute[HELPLINES] ?? 0;
/** What a removed event can still say about a helpline: its ID, name and numbers. */
const lastKnown = (h: Helpline) =>
	Object.fromEntries(Object.entries(h).filter(([key]) => ['id', 'name', 'phoneNumber', 'smsNumber'].includes(key)));

beforeAll(async () => {
	// Short waits between retries; the number of retries stays as shipped.
	Object.assign(RETRY_POLICY, { rateLimitBaseMs: 1, failureBaseMs: 1, maxDelayMs: 5 });
	server = await startServer({ port: 0 });
});
afterAll(async () => {
	Object.assign(RETRY_POLICY, savedPolicy);
	await server.close();
	shutdownN8nCore();
});
beforeEach(() => server.reset());

describe('scheduled polls', () => {
	test('records a baseline silently, then reports additions, edits and removals once', async () => {
		const poller = trigger({ countries: ['NZ', 'US'] });
		const first = await poller.poll();
		expect(first).toEqual({ items: null });
		const stored = poller.nodeStaticData().snapshotsV2 as Record<string, Record<string, unknown>>;
		expect(Object.keys(stored.NZ)).toEqual(ofCountry('NZ').map((h) => h.id));
		expect(Object.keys(stored.US)).toEqual(ofCountry('US').map((h) => h.id));
		// One call per watched country, nothing else.
		expect(server.stats().byRoute).toEqual({ 'POST /oauth/token': 1, [HELPLINES]: 2 });

		expect(await poller.poll()).toEqual({ items: null });
		server.reset();

		const [gone, kept] = ofCountry('NZ');
		const edited = ofCountry('US')[3];
		server.data.removeHelpline(gone.id);
		const added = server.data.addHelpline({ name: 'Kia Ora Line', country: 'NZ', topics: ['Anxiety'] });
		server.data.updateHelpline(edited.id, { phoneNumber: '0800 000 111', smsNumber: '4242', website: null });
		server.data.updateHelpline(kept.id, { rank: 999 }); // a ranking move alone is not a change

		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(events(items)).toEqual([`removed NZ ${gone.name}`, `added NZ Kia Ora Line`, `changed US ${edited.name}`]);
		const [removedItem, addedItem, changedItem] = items!.map((item) => item.json);
		// A removal carries the last known ID, name and numbers, and was confirmed by one lookup (a 404).
		expect(removedItem.helpline).toEqual(lastKnown(gone));
		expect(server.stats().byRoute).toEqual({ [HELPLINES]: 2, [BY_ID]: 1 });
		expect(server.requests().find((r) => r.url.startsWith('/v1/helplines/'))!.url).toBe(`/v1/helplines/${gone.id}`);
		expect(addedItem.helpline).toEqual(server.data.getHelpline(added.id));
		expect(changedItem.helpline).toEqual(server.data.getHelpline(edited.id));
		// Old values of the name and numbers are kept; of other fields only whether they were there.
		expect(edited.website).toBeDefined();
		expect(changedItem.changes).toEqual([
			{ field: 'phoneNumber', old: edited.phoneNumber ?? null, new: '0800 000 111' },
			{ field: 'smsNumber', old: edited.smsNumber ?? null, new: '4242' },
			{ field: 'website', new: null },
		]);
		expect(Object.keys(addedItem)).toEqual(['event', 'countryCode', 'helpline']);

		expect(await poller.poll()).toEqual({ items: null });
	});

	test('a helpline removed and re-added is reported as removed, then as added', async () => {
		const poller = trigger({ countries: ['NZ'] });
		await poller.poll();
		const [victim] = ofCountry('NZ');
		server.data.removeHelpline(victim.id);
		expect(events((await poller.poll()).items)).toEqual([`removed NZ ${victim.name}`]);
		server.data.addHelpline({ ...victim, country: victim.country.code });
		const back = await poller.poll();
		expect(events(back.items)).toEqual([`added NZ ${victim.name}`]);
		expect(back.items![0].json.helpline).toEqual(victim);
	});

	test('a new topic on a helpline is a change, and brings it into a topic-narrowed watch', async () => {
		const poller = trigger({ countries: ['US'], topic: 'Gambling' });
		await poller.poll();
		const outsider = ofCountry('US').find((h) => !h.topics.includes('Gambling'))!;
		server.data.updateHelpline(outsider.id, { topics: [...outsider.topics, 'Gambling'] });
		const { items } = await poller.poll();
		expect(events(items)).toEqual([`added US ${outsider.name}`]);
		expect(items![0].json.topic).toBe('Gambling');
		expect(server.requests().at(-1)!.url).toContain('topic=Gambling');

		const plain = trigger({ countries: ['US'] });
		await plain.poll();
		server.data.updateHelpline(outsider.id, { topics: [...outsider.topics, 'Gambling', 'Stress'] });
		const changed = (await plain.poll()).items!.map((item) => item.json);
		expect(changed).toHaveLength(1);
		expect(changed[0].changes).toEqual([{ field: 'topics', new: [...outsider.topics, 'Gambling', 'Stress'] }]);
	});

	test('"Emit Every Helpline as Added" reports the whole first pull, once', async () => {
		const poller = trigger({ countries: ['NZ', 'US'], onFirstPoll: 'emitAll' });
		const { items } = await poller.poll();
		const expected = [...ofCountry('NZ'), ...ofCountry('US')];
		expect(items!.map((item) => item.json.helpline)).toEqual(expected);
		expect(new Set(items!.map((item) => item.json.event))).toEqual(new Set(['added']));
		expect(await poller.poll()).toEqual({ items: null });
	});

	// Review #16: one failing country no longer holds back the others.
	test('a country that fails keeps its snapshot and is reported; the others move on', async () => {
		const credentials = createCredentials(localCredential(server));
		const poller = new PollingWorkflow(credentials, { pollTimes: HOURLY, countries: ['NZ', 'US'] });
		await poller.poll();
		const before = poller.nodeStaticData().snapshotsV2 as IDataObject;
		// No token stored (as after a restart): the first request then goes alone and the others
		// wait for it, so NZ is answered before US is sent and the fault below hits US only.
		credentials.set(CREDENTIAL_ID, { ...credentials.get(CREDENTIAL_ID), accessToken: '' });
		const nzGone = ofCountry('NZ')[0];
		const usEdited = ofCountry('US')[0];
		server.data.removeHelpline(nzGone.id);
		server.data.updateHelpline(usEdited.id, { name: 'Renamed Line' });
		server.reset();

		// NZ is answered (slowly); once it has arrived, every later helpline request fails.
		server.setFault(HELPLINES, { latencyMs: 300, times: 1 });
		const failing = poller.poll();
		while (helplineCalls() < 1) await new Promise((resolve) => setTimeout(resolve, 5));
		server.setFault(HELPLINES, { status: 500 });
		const { items, error } = await failing;

		expect(error).toBeUndefined();
		expect(items!.map((item) => `${item.json.event} ${item.json.countryCode}`)).toEqual(['removed NZ', 'failed US']);
		expect(items![1].json).toEqual({
			event: 'failed',
			countryCode: 'US',
			message: `Could not check the helplines of US: ThroughLine's API failed (HTTP 500) (gave up after ${RETRY_POLICY.failureRetries + 1} attempts)`,
			description:
				'This is usually temporary. Try again in a few minutes. Nothing was recorded for US: the next successful poll reports every change since the last one.',
			httpCode: '500',
		});
		expect(server.requests().filter((r) => r.url.includes('country_code=NZ'))).toHaveLength(1);
		const after = poller.nodeStaticData().snapshotsV2 as IDataObject;
		expect(after.US).toEqual(before.US);
		expect(Object.keys(after.NZ as IDataObject)).not.toContain(nzGone.id);
		// Emitted, so n8n saved it: NZ moved on in the database too.
		expect(poller.saved).toEqual(poller.workflow.staticData);

		server.clearFaults();
		expect(events((await poller.poll()).items)).toEqual(['changed US Renamed Line']);
	});

	test('when every country fails, the poll fails with one clear error and records nothing', async () => {
		const poller = trigger({ countries: ['NZ', 'US'] });
		await poller.poll();
		const before = poller.nodeStaticData();
		const renamed = ofCountry('US')[2];
		server.data.updateHelpline(renamed.id, { name: 'Renamed During Outage' });
		server.setFault(HELPLINES, { status: 503 });
		const { items, error } = await poller.poll();
		expect(items).toBeNull();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(
			/^Could not check the helplines of (NZ|US): ThroughLine's API failed \(HTTP 503\) \(gave up after \d attempts\) \(and 1 more watched list failed\)$/,
		);
		expect(error?.description).toContain('Nothing from this poll was recorded');
		expect(poller.nodeStaticData()).toEqual(before);
		server.clearFaults();
		expect(events((await poller.poll()).items)).toEqual(['changed US Renamed During Outage']);
	});

	test('a pull that holds one helpline twice fails its list by name and keeps the snapshot; the next clean poll goes on', async () => {
		const poller = trigger({ countries: ['NZ'] });
		await poller.poll();
		const before = poller.nodeStaticData();
		const [first] = ofCountry('NZ');
		server.data.updateHelpline(first.id, { name: 'Renamed Meanwhile' });
		server.setFault(HELPLINES, { repeatedRecordRate: 1, times: 1 });
		const { items, error } = await poller.poll();
		expect(items).toBeNull();
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain('NZ');
		expect(error?.message).toContain(first.id);
		expect(poller.nodeStaticData()).toEqual(before);
		// Neither copy was taken as the helpline: the rename arrives once, from the clean pull.
		expect(events((await poller.poll()).items)).toEqual(['changed NZ Renamed Meanwhile']);
	});

	test('an empty answer for a country or topic ThroughLine does not know fails that list, never a baseline of "none"', async () => {
		server.setBehaviour({ unknownCountry: 'empty', unknownTopic: 'empty' });
		const countryPoller = trigger({ countries: ['NZ', 'ZZ'] });
		const unknownCountry = await countryPoller.poll();
		expect(unknownCountry.error?.message).toBe(
			'Could not check the helplines of ZZ: ThroughLine answered with no helplines, and ZZ is not a country in its directory',
		);
		expect(countryPoller.nodeStaticData().snapshotsV2 ?? {}).not.toHaveProperty('ZZ');

		const { error } = await trigger({ countries: ['NZ'], topic: 'No such topic' }).poll();
		expect(error?.message).toBe(
			'Could not check the helplines of NZ (topic "No such topic"): ThroughLine answered with no helplines, and the topic "No such topic" is not one it knows',
		);
		// A known topic, spelt in another case, with no helplines in the country is a real "none".
		const nzTopics = new Set(ofCountry('NZ').flatMap((h) => h.topics));
		const topic = server.data.topics().find((t) => !nzTopics.has(t.name))!.name;
		const quietPoller = trigger({ countries: ['NZ'], topic: topic.toUpperCase() });
		expect(await quietPoller.poll()).toEqual({ items: null });
		expect(Object.values(quietPoller.nodeStaticData().snapshotsV2 as IDataObject)).toEqual([{}]);
	});

	test('the snapshot survives a restart the way n8n stores it (saved when a poll emits)', async () => {
		const poller = trigger({ countries: ['NZ'], onFirstPoll: 'emitAll' });
		await poller.poll();
		const restarted = trigger({ countries: ['NZ', 'US'] }, JSON.parse(JSON.stringify(poller.saved)));
		const renamed = ofCountry('NZ')[1];
		server.data.updateHelpline(renamed.id, { name: 'After Restart' });
		// NZ continues from the saved snapshot; US is new to this workflow and gets a silent baseline.
		expect(events((await restarted.poll()).items)).toEqual(['changed NZ After Restart']);
		expect(Object.keys(restarted.nodeStaticData().snapshotsV2 as IDataObject)).toEqual(['NZ', 'US']);
	});
});

describe('"Fetch Test Event" (manual mode)', () => {
	test('returns a few current helplines as added events without touching the snapshot', async () => {
		const poller = trigger({ countries: ['NZ', 'US', 'GB', 'IE'] });
		await poller.poll();
		const before = poller.nodeStaticData();
		const renamed = ofCountry('NZ')[0];
		server.data.updateHelpline(renamed.id, { name: 'Renamed While Testing' });
		server.reset();

		const { items, error } = await poller.testEvent();
		expect(error).toBeUndefined();
		const expected = ['NZ', 'US', 'GB'].flatMap((code) => ofCountry(code).slice(0, 3));
		expect(items!.map((item) => item.json.helpline)).toEqual(expected);
		expect(new Set(items!.map((item) => item.json.event))).toEqual(new Set(['added']));
		expect(helplineCalls()).toBe(3);
		expect(poller.nodeStaticData()).toEqual(before);

		expect(events((await poller.poll()).items)).toEqual(['changed NZ Renamed While Testing']);
	});

	test('a list that fails fails the test run with what ThroughLine answered, not a sample of the other lists', async () => {
		const poller = trigger({ countries: ['NZ', 'US'] });
		// Not retried (a 400), so exactly one of the two lists fails.
		server.setFault(HELPLINES, { status: 400, times: 1 });
		const { items, error } = await poller.testEvent();
		expect(items).toBeNull();
		expect(error?.name).toBe('NodeApiError');
		expect(helplineCalls()).toBe(2);
	});

	test('before any poll it stores nothing, so the first scheduled poll is still a baseline', async () => {
		const poller = trigger({ countries: ['NZ'] });
		expect((await poller.testEvent()).items).toHaveLength(3);
		expect(poller.workflow.staticData).toEqual({});
		expect(await poller.poll()).toEqual({ items: null });
		expect(Object.keys(poller.nodeStaticData())).toEqual(['snapshotsV2']);
	});
});

describe('quota', () => {
	test("n8n's default Poll Times (every minute) are refused before any call", async () => {
		const poller = new PollingWorkflow(createCredentials(localCredential(server)), { countries: ['NZ'] });
		const { error } = await poller.poll();
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Polling 1 country 1,440 times a day would make 1,440 calls a day to ThroughLine, over its limit of 1,000');
		expect(error?.description).toContain('poll every 2 minutes or less often');
		expect(server.stats().total).toBe(0);
		expect((await poller.testEvent()).error?.message).toContain('over its limit of 1,000');
		expect(server.stats().total).toBe(0);
	});

	test('countries given by an expression count too: 42 hourly is over, 41 is not', async () => {
		const codes = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + (i % 26), 65 + Math.floor(i / 26)));
		const over = await trigger({ countries: codes(42).join(', ') }).poll();
		expect(over.error?.message).toContain('Polling 42 countries 24 times a day would make 1,008 calls');
		expect(over.error?.description).toContain('poll every 2 hours or less often');
		expect(server.stats().total).toBe(0);
		server.setFault(HELPLINES, { status: 400 });
		// Within the limit, the poll goes on to ThroughLine (here refused by the server, to keep it quick).
		expect((await trigger({ countries: codes(41) }).poll()).error?.name).toBe('NodeApiError');
	});

	test('an unusable country is refused clearly before any call, with what to do instead', async () => {
		const { error } = await trigger({ countries: 'US, Narnia' }).poll();
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Country code "Narnia" is not a two-letter ISO 3166-1 code');
		expect(error?.description).toMatch(/two-letter|list/i);
		expect(server.stats().total).toBe(0);
	});
});
