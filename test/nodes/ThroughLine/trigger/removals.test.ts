/**
 * Removals, polled as n8n polls: never derived from a list that may be cut, and each confirmed by
 * a lookup by ID before it is reported (review #2).
 */
import type { IDataObject } from 'n8n-workflow';

import { createCredentials, localCredential, shortenRetryWaits, shutdownN8nCore } from '../../../harness/runNode';
import { REMOVAL_LOOKUPS_PER_POLL } from '../../../../nodes/ThroughLine/transport/limits';
import { PollingWorkflow } from '../../../harness/runPoll';
import type { SandboxServer } from '../../../../sandbox';
import { startServer } from '../../../../sandbox';

const HOURLY = { item: [{ mode: 'everyHour', minute: 0 }] };
const BY_ID = 'GET /v1/helplines/:id';

let demo: SandboxServer;
let restore: () => void;
beforeAll(async () => {
	restore = shortenRetryWaits();
	demo = await startServer({ port: 0 });
});
afterAll(async () => {
	restore();
	await demo.close();
	shutdownN8nCore();
});
beforeEach(() => demo.reset());

/** Polls a condition for at most 5 s. */
async function waitUntil(probe: () => boolean) {
	const deadline = Date.now() + 5000;
	while (!probe()) {
		if (Date.now() > deadline) throw new Error('timed out waiting for the lookup');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

const summary = (items: Array<{ json: IDataObject }> | null) =>
	(items ?? []).map(({ json }) => `${json.event} ${json.countryCode} ${(json.helpline as IDataObject | undefined)?.id ?? '-'}`);

describe('a list as long as the limit asked for', () => {
	let big: SandboxServer;
	let code: string;
	beforeAll(async () => {
		// One country holding 1,500 helplines; the server (like the node) returns at most 1,000 a call.
		big = await startServer({ port: 0, data: { scale: { helplines: 1500, countries: 1 } }, dailyLimit: 0 });
		code = big.data.countries()[0].code;
	});
	afterAll(async () => await big.close());

	// Review R6b: a helpline pushed across the cut by a ranking move was reported as removed.
	test('reports additions and changes but no removal, and says the list may be cut', async () => {
		const poller = new PollingWorkflow(createCredentials(localCredential(big)), { pollTimes: HOURLY, countries: [code] });
		const baseline = await poller.poll();
		expect(baseline.error).toBeUndefined();
		expect(summary(baseline.items)).toEqual([`incomplete ${code} -`]);
		expect(baseline.items![0].json.message).toBe(
			`ThroughLine returned 1,000 helplines for ${code}, as many as one call asks for: the list may be cut`,
		);

		const ranked = big.data.helplines().filter((h) => h.country.code === code);
		const outside = ranked[1200]; // beyond what one call returns
		const pushedOut = ranked[999];
		const edited = ranked[10];
		big.data.updateHelpline(outside.id, { rank: -1 }); // re-ranked to the top (availability, relevance)
		big.data.updateHelpline(edited.id, { phoneNumber: '0800 123 456' });
		big.reset();
		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(summary(items)).toEqual([`added ${code} ${outside.id}`, `changed ${code} ${edited.id}`, `incomplete ${code} -`]);
		expect(big.data.getHelpline(pushedOut.id)).toBeDefined();
		// Nothing was looked up: no removal is derived from such a list.
		expect(big.stats().byRoute[BY_ID]).toBeUndefined();
		// The helpline pushed out stays in the snapshot, so its return is no "added".
		expect(Object.keys((poller.nodeStaticData().snapshotsV2 as IDataObject)[code] as IDataObject)).toContain(pushedOut.id);
		big.data.updateHelpline(outside.id, { rank: 1200 });
		expect(summary((await poller.poll()).items)).toEqual([`incomplete ${code} -`]);
	});
});

describe('a helpline missing from the list', () => {
	test('is reported as removed only once a lookup by ID answers 404', async () => {
		const poller = new PollingWorkflow(createCredentials(localCredential(demo)), { pollTimes: HOURLY, countries: ['NZ'] });
		await poller.poll();
		const [gone] = demo.data.helplines().filter((h) => h.country.code === 'NZ');
		demo.data.removeHelpline(gone.id);
		demo.reset();
		const { items } = await poller.poll();
		expect(summary(items)).toEqual([`removed NZ ${gone.id}`]);
		expect(demo.requests().map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual(['GET /v1/helplines', `GET /v1/helplines/${gone.id}`]);
	});

	test('that ThroughLine still has under that country is kept, not removed, and reported as incomplete', async () => {
		const poller = new PollingWorkflow(createCredentials(localCredential(demo)), { pollTimes: HOURLY, countries: ['NZ'] });
		await poller.poll();
		const stored = poller.nodeStaticData();
		const [flicker] = demo.data.helplines().filter((h) => h.country.code === 'NZ');
		// Gone from the list when it is pulled, back by the time it is looked up (the lookup is held up).
		demo.data.removeHelpline(flicker.id);
		demo.setFault(BY_ID, { latencyMs: 300 });
		const polling = poller.poll();
		await waitUntil(() => demo.requests().some((r) => r.url.startsWith(`/v1/helplines/${flicker.id}`)));
		demo.data.addHelpline({ ...flicker, country: flicker.country.code });
		const { items, error } = await polling;
		expect(error).toBeUndefined();
		expect(summary(items)).toEqual(['incomplete NZ -']);
		expect(items![0].json.message).toBe(`ThroughLine's list for NZ left out a helpline it still has (${flicker.id})`);
		expect(poller.nodeStaticData()).toEqual(stored);
		demo.clearFaults();
		expect(await poller.poll()).toEqual({ items: null });
	});

	test('whose lookup fails leaves the list where it was, reported as failed; the next poll reports the removal', async () => {
		const poller = new PollingWorkflow(createCredentials(localCredential(demo)), { pollTimes: HOURLY, countries: ['NZ', 'US'] });
		await poller.poll();
		const stored = poller.nodeStaticData().snapshotsV2 as IDataObject;
		const [gone] = demo.data.helplines().filter((h) => h.country.code === 'NZ');
		const usEdited = demo.data.helplines().filter((h) => h.country.code === 'US')[1];
		demo.data.removeHelpline(gone.id);
		demo.data.updateHelpline(usEdited.id, { smsNumber: '1737' });
		demo.setFault(BY_ID, { status: 502 });
		const { items, error } = await poller.poll();
		expect(error).toBeUndefined();
		expect(summary(items)).toEqual([`changed US ${usEdited.id}`, 'failed NZ -']);
		expect(items![1].json.message).toMatch(/^Could not confirm that a helpline left NZ: ThroughLine's API failed \(HTTP 502\)/);
		expect((poller.nodeStaticData().snapshotsV2 as IDataObject).NZ).toEqual(stored.NZ);
		demo.clearFaults();
		expect(summary((await poller.poll()).items)).toEqual([`removed NZ ${gone.id}`]);
	});

	test('that moved to another topic has left a topic watch', async () => {
		const poller = new PollingWorkflow(createCredentials(localCredential(demo)), {
			pollTimes: HOURLY,
			countries: ['US'],
			topic: 'suicidal thoughts',
		});
		await poller.poll();
		const member = demo.data
			.helplines()
			.find((h) => h.country.code === 'US' && h.topics.includes('Suicidal thoughts') && h.topics.length > 1)!;
		demo.data.updateHelpline(member.id, { topics: member.topics.filter((t) => t !== 'Suicidal thoughts') });
		const { items } = await poller.poll();
		expect(summary(items)).toEqual([`removed US ${member.id}`]);
		expect(items![0].json.topic).toBe('suicidal thoughts');
	});
});

describe('many helplines missing at once', () => {
	// A list that comes back nearly empty must not spend the day's 1,000 calls on lookups.
	test(`are looked up at most ${REMOVAL_LOOKUPS_PER_POLL} a poll; the others keep their state and are checked at the next polls`, async () => {
		const small = await startServer({ port: 0, data: { scale: { helplines: 40, countries: 1 } }, dailyLimit: 0 });
		try {
			const code = small.data.countries()[0].code;
			const poller = new PollingWorkflow(createCredentials(localCredential(small)), { pollTimes: HOURLY, countries: [code] });
			expect((await poller.poll()).error).toBeUndefined();
			const gone = small.data
				.helplines()
				.slice(0, 15)
				.map((h) => h.id);
			for (const id of gone) small.data.removeHelpline(id);
			const reported: string[] = [];
			const lookupsPerPoll: number[] = [];
			for (let poll = 0; poll < 3; poll++) {
				small.reset();
				const { items, error } = await poller.poll();
				expect(error).toBeUndefined();
				lookupsPerPoll.push(small.stats().byRoute[BY_ID] ?? 0);
				const events = (items ?? []).map(({ json }) => json);
				reported.push(...events.filter((e) => e.event === 'removed').map((e) => (e.helpline as IDataObject).id as string));
				const waiting = gone.length - reported.length;
				// Loud while some wait: an item says how many are not checked yet.
				expect(events.filter((e) => e.event === 'incomplete').map((e) => e.message)).toEqual(
					waiting
						? [
								`${waiting} helplines are missing from ThroughLine's list for ${code} and not checked yet (${gone
									.filter((id) => !reported.includes(id))
									.slice(0, 3)
									.join(', ')}, …)`,
							]
						: [],
				);
			}
			expect(lookupsPerPoll).toEqual([REMOVAL_LOOKUPS_PER_POLL, gone.length - REMOVAL_LOOKUPS_PER_POLL, 0]);
			expect([...reported].sort()).toEqual([...gone].sort());
		} finally {
			await small.close();
		}
	});

	// The bound is per poll, not per list: two countries missing 8 each still make 10 lookups.
	test(`are looked up at most ${REMOVAL_LOOKUPS_PER_POLL} a poll across every watched country`, async () => {
		const two = await startServer({ port: 0, data: { scale: { helplines: 40, countries: 2 } }, dailyLimit: 0 });
		try {
			const codes = two.data.countries().map((c) => c.code);
			const poller = new PollingWorkflow(createCredentials(localCredential(two)), { pollTimes: HOURLY, countries: codes });
			expect((await poller.poll()).error).toBeUndefined();
			const gone = codes.flatMap((code) =>
				two.data
					.helplines()
					.filter((h) => h.country.code === code)
					.slice(0, 8)
					.map((h) => h.id),
			);
			expect(gone).toHaveLength(16);
			for (const id of gone) two.data.removeHelpline(id);
			const lookupsPerPoll: number[] = [];
			let removed = 0;
			for (let poll = 0; poll < 2; poll++) {
				two.reset();
				const { items, error } = await poller.poll();
				expect(error).toBeUndefined();
				lookupsPerPoll.push(two.stats().byRoute[BY_ID] ?? 0);
				removed += (items ?? []).filter(({ json }) => json.event === 'removed').length;
			}
			expect(lookupsPerPoll).toEqual([REMOVAL_LOOKUPS_PER_POLL, gone.length - REMOVAL_LOOKUPS_PER_POLL]);
			expect(removed).toBe(gone.length);
		} finally {
			await two.close();
		}
	});
});
