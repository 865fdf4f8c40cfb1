/** The answer cache on its own: copies, expiry, and its bounds in entries and size (LRU order). */
import { AnswerCache, sharedAnswers } from '../../../../nodes/ThroughLine/transport/answerCache';
import { ANSWER_CACHE } from '../../../../nodes/ThroughLine/transport/limits';

const MINUTE = 60_000;

/** A cache with a clock the test moves. */
function cacheAt(bounds = { maxEntries: 10, maxBytes: 10_000 }) {
	const cache = new AnswerCache(bounds);
	const clock = { now: 1_000_000 };
	jest.spyOn(cache, 'now').mockImplementation(() => clock.now);
	return { cache, clock };
}

describe('copies', () => {
	test('editing what was stored or handed out never edits what is kept', () => {
		const { cache } = cacheAt();
		const answer = [{ id: 'a', topics: ['Anxiety'] }];
		cache.store('k', answer, MINUTE);
		answer[0].topics.push('edited before');
		const first = cache.lookup('k', MINUTE)!.value as typeof answer;
		first[0].topics.push('edited after');
		first[0].id = 'changed';
		expect(cache.lookup('k', MINUTE)!.value).toEqual([{ id: 'a', topics: ['Anxiety'] }]);
		expect(cache.lookup('k', MINUTE)!.value).not.toBe(cache.lookup('k', MINUTE)!.value);
	});

	test('an undefined answer (a 404) is not kept', () => {
		const { cache } = cacheAt();
		cache.store('k', undefined, MINUTE);
		expect(cache.size).toBe(0);
		expect(cache.lookup('k', MINUTE)).toBeUndefined();
	});
});

describe('expiry', () => {
	test("an answer is fresh for the reader's lifetime and reports its age", () => {
		const { cache, clock } = cacheAt();
		cache.store('k', { n: 1 }, 60 * MINUTE);
		clock.now += 59 * MINUTE;
		expect(cache.lookup('k', 60 * MINUTE)).toEqual({ value: { n: 1 }, ageMs: 59 * MINUTE });
		// Another reader wants answers at most 30 minutes old.
		expect(cache.lookup('k', 30 * MINUTE)).toBeUndefined();
		clock.now += MINUTE;
		expect(cache.lookup('k', 60 * MINUTE)).toBeUndefined();
	});

	test("an answer exactly as old as the reader's lifetime is no longer fresh", () => {
		const { cache, clock } = cacheAt();
		cache.store('k', { n: 1 }, 120 * MINUTE);
		clock.now += 60 * MINUTE - 1;
		expect(cache.lookup('k', 60 * MINUTE)?.ageMs).toBe(60 * MINUTE - 1);
		clock.now += 1;
		expect(cache.lookup('k', 60 * MINUTE)).toBeUndefined();
		expect(cache.lookup('k', 61 * MINUTE)?.ageMs).toBe(60 * MINUTE);
	});

	test('an entry whose keep time ends right now is dropped when another is stored', () => {
		const { cache, clock } = cacheAt();
		cache.store('a', { n: 1 }, MINUTE);
		clock.now += MINUTE;
		cache.store('b', { n: 2 }, MINUTE);
		expect(cache.keys()).toEqual(['b']);
	});

	test('an entry goes once its keep time is over, whatever a reader would accept', () => {
		const { cache, clock } = cacheAt();
		cache.store('k', { n: 1 }, 10 * MINUTE);
		clock.now += 10 * MINUTE;
		expect(cache.lookup('k', 7 * 24 * 60 * MINUTE)).toBeUndefined();
		expect(cache.size).toBe(0);
		expect(cache.bytes).toBe(0);
	});

	test('a lifetime of 0 reads nothing and keeps nothing', () => {
		const { cache } = cacheAt();
		cache.store('a', { n: 1 }, 0);
		expect(cache.size).toBe(0);
		cache.store('b', { n: 1 }, MINUTE);
		expect(cache.lookup('b', 0)).toBeUndefined();
	});

	test('expired entries are dropped when another is stored', () => {
		const { cache, clock } = cacheAt();
		cache.store('short', { n: 1 }, MINUTE);
		cache.store('long', { n: 2 }, 60 * MINUTE);
		clock.now += 2 * MINUTE;
		cache.store('new', { n: 3 }, MINUTE);
		expect(cache.keys()).toEqual(['long', 'new']);
	});
});

describe('bounds', () => {
	test('beyond the entry bound the least recently used goes first', () => {
		const { cache } = cacheAt({ maxEntries: 3, maxBytes: 10_000 });
		for (const key of ['a', 'b', 'c']) cache.store(key, { key }, MINUTE);
		cache.lookup('a', MINUTE); // a is now the most recently used
		cache.store('d', { key: 'd' }, MINUTE);
		expect(cache.keys()).toEqual(['c', 'a', 'd']);
		expect(cache.lookup('b', MINUTE)).toBeUndefined();
		expect(cache.size).toBe(3);
	});

	test('beyond the size bound the least recently used go until it fits; the size is counted exactly', () => {
		// Each entry: a 1-character key and a 100-character JSON text.
		const answer = { text: 'x'.repeat(100 - '{"text":""}'.length) };
		expect(JSON.stringify(answer)).toHaveLength(100);
		const { cache } = cacheAt({ maxEntries: 100, maxBytes: 303 });
		for (const key of ['a', 'b', 'c']) cache.store(key, answer, MINUTE);
		expect(cache.bytes).toBe(303);
		cache.lookup('a', MINUTE);
		cache.store('d', answer, MINUTE);
		expect(cache.keys()).toEqual(['c', 'a', 'd']);
		expect(cache.bytes).toBe(303);
	});

	test('an answer bigger than the whole cache is not kept, and evicts nothing', () => {
		const { cache } = cacheAt({ maxEntries: 10, maxBytes: 50 });
		cache.store('a', { n: 1 }, MINUTE);
		cache.store('big', { text: 'x'.repeat(100) }, MINUTE);
		expect(cache.keys()).toEqual(['a']);
	});

	test('an answer exactly as big as the whole cache is kept', () => {
		const text = JSON.stringify({ text: 'x'.repeat(40) });
		const { cache } = cacheAt({ maxEntries: 10, maxBytes: 'k'.length + text.length });
		cache.store('k', { text: 'x'.repeat(40) }, MINUTE);
		expect(cache.keys()).toEqual(['k']);
		expect(cache.lookup('k', MINUTE)?.value).toEqual({ text: 'x'.repeat(40) });
	});

	test('storing a key again replaces it and counts its size once', () => {
		const { cache } = cacheAt();
		cache.store('a', { n: 1 }, MINUTE);
		const size = cache.bytes;
		cache.store('a', { n: 2 }, MINUTE);
		expect(cache.bytes).toBe(size);
		expect(cache.lookup('a', MINUTE)!.value).toEqual({ n: 2 });
	});

	test('the process-wide cache is bounded at 500 answers and 5 MB', () => {
		expect(ANSWER_CACHE).toMatchObject({ maxEntries: 500, maxBytes: 5_000_000 });
		sharedAnswers.clear();
		for (let i = 0; i < 600; i++) sharedAnswers.store(`k${i}`, { i }, MINUTE);
		expect(sharedAnswers.size).toBe(500);
		expect(sharedAnswers.keys()[0]).toBe('k100');
		const big = { text: 'x'.repeat(1_000_000) };
		for (let i = 0; i < 6; i++) sharedAnswers.store(`big${i}`, big, MINUTE);
		expect(sharedAnswers.bytes).toBeLessThanOrEqual(5_000_000);
		expect(sharedAnswers.keys()).not.toContain('big0');
		sharedAnswers.clear();
	});
});
