/**
 * An empty answer is checked against ThroughLine's lists (actions/helpline/searchTarget.ts): an
 * unknown country or topic may come back as [] instead of a 400, and zero helplines must not pass
 * for "none there". Run against a bare server that answers so.
 */
import { runNode, shutdownN8nCore } from '../../../../harness/runNode';
import { bareServer, line, search } from '../setup';

// No local server here, whose teardown would stop n8n-core's interval: without this jest never exits.
afterAll(() => shutdownN8nCore());

describe('an empty answer for a country or topic ThroughLine does not know is an error, not "none there"', () => {
	// The real API may answer an unknown code with 200 {"helplines": []}; this stand-in does.
	let bare: Awaited<ReturnType<typeof bareServer>>;
	beforeAll(async () => {
		bare = await bareServer((q) => (q.get('country_code') === 'NZ' && !q.get('topic') ? [line(1)] : []));
	});
	afterAll(async () => await bare.close());
	beforeEach(() => bare.seen.splice(0));

	test('an unknown country fails, naming the code and the item; the country list is fetched once', async () => {
		const input = [{ country: 'NZ' }, { country: 'ZZ' }, { country: 'QQ' }];
		const { items, error } = await runNode(bare.credentials(), search({ country: '={{ $json.country }}', limit: 5 }), input, {
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id ?? i.json.error)).toEqual([
			'h-1',
			'ThroughLine found no helplines: country ZZ is not in its directory (item 1)',
			'ThroughLine found no helplines: country QQ is not in its directory (item 2)',
		]);
		expect(bare.seen.filter((u) => u === '/v1/countries')).toHaveLength(1);
	});

	test('an unknown topic fails, naming the topic', async () => {
		const { error } = await runNode(bare.credentials(), search({ country: 'US', topic: 'No such topic', limit: 5 }));
		expect(error?.message).toBe('ThroughLine found no helplines: topic "No such topic" is not one it knows (item 0)');
	});

	test('a known country and topic with no helplines is an empty answer, not an error', async () => {
		const { items, error } = await runNode(bare.credentials(), search({ country: 'US', topic: 'suicidal thoughts', limit: 5 }));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
	});

	test('an answer with helplines costs no extra call', async () => {
		await runNode(bare.credentials(), search({ country: 'NZ', limit: 5 }));
		expect(bare.seen.filter((u) => u.startsWith('/v1/countries') || u.startsWith('/v1/topics'))).toHaveLength(0);
	});
});
