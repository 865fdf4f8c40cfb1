/**
 * The trigger's notices about a watched list, read by a person: the counts must agree with the
 * helplines named, a number must read as a number, and a failure must keep what the error said.
 */
import { ThroughLineRequestError } from '../../../../nodes/ThroughLine/transport';
import type { FailureKind } from '../../../../nodes/ThroughLine/transport/errors';
import {
	everyListFailed,
	failedNotice,
	isTransient,
	keptMissingNotice,
	mayBeCutNotice,
	notCheckedNotice,
} from '../../../../nodes/ThroughLine/trigger/report';
import type { WatchedList } from '../../../../nodes/ThroughLine/trigger/watch';

const NZ: WatchedList = { key: 'NZ', countryCode: 'NZ' };
const US_TOPIC: WatchedList = { key: 'US|Bullying', countryCode: 'US', topic: 'Bullying' };

const failure = (list: WatchedList, httpCode?: number) => ({
	list,
	error: new ThroughLineRequestError('server', `ThroughLine failed for ${list.countryCode}`, 'Try again later.', httpCode),
});

describe('a list that failed', () => {
	test('keeps the error’s message and says that nothing was recorded, with the HTTP code as text', () => {
		expect(failedNotice(failure(US_TOPIC, 503))).toEqual({
			event: 'failed',
			countryCode: 'US',
			topic: 'Bullying',
			message: 'ThroughLine failed for US',
			description:
				'Try again later. Nothing was recorded for US (topic "Bullying"): the next successful poll reports every change since the last one.',
			httpCode: '503',
		});
	});

	test('a failure without an HTTP code has no httpCode, and a list without a topic no topic', () => {
		const item = failedNotice(failure(NZ));
		expect(item).not.toHaveProperty('httpCode');
		expect(item).not.toHaveProperty('topic');
		expect(item.countryCode).toBe('NZ');
	});

	test('every list failed: the first error, then how many more lists, in the singular for one', () => {
		expect(everyListFailed([failure(NZ)]).message).toBe('ThroughLine failed for NZ');
		expect(everyListFailed([failure(NZ), failure(US_TOPIC)]).message).toBe('ThroughLine failed for NZ (and 1 more watched list failed)');
		expect(everyListFailed([failure(NZ), failure(US_TOPIC), failure(NZ)]).message).toBe(
			'ThroughLine failed for NZ (and 2 more watched lists failed)',
		);
		expect(everyListFailed([failure(NZ)]).description).toBe(
			'Try again later. Nothing from this poll was recorded: the next successful poll reports every change since the last one.',
		);
	});

	// Issue 14, point 10: only these leave a workflow active at activation; a sign-in failure, a
	// 403, a 404 or a refused country must refuse it.
	test.each<[FailureKind, boolean]>([
		['server', true],
		['network', true],
		['timeout', true],
		['rateLimit', true],
		['malformed', true],
		['auth', false],
		['forbidden', false],
		['notFound', false],
		['client', false],
		['cancelled', false],
	])('kind %s is transient: %s', (kind, transient) => {
		expect(isTransient(new ThroughLineRequestError(kind, 'm', 'd'))).toBe(transient);
	});
});

describe('a list that may be incomplete', () => {
	test('as long as one call asks for: the count with a thousands separator, and why removals are not reported', () => {
		const item = mayBeCutNotice(US_TOPIC, 1000);
		expect(item).toMatchObject({ event: 'incomplete', countryCode: 'US', topic: 'Bullying' });
		expect(item.message).toBe(
			'ThroughLine returned 1,000 helplines for US (topic "Bullying"), as many as one call asks for: the list may be cut',
		);
		expect(item.description).toMatch(/removals are not/);
	});

	test.each<[string[], string]>([
		[['h1'], 'left out a helpline it still has (h1)'],
		[['h1', 'h2', 'h3'], 'left out 3 helplines it still has (h1, h2, h3)'],
		[['h1', 'h2', 'h3', 'h4'], 'left out 4 helplines it still has (h1, h2, h3, …)'],
	])('left out but still found by ID %j', (ids, sentence) => {
		const item = keptMissingNotice(NZ, ids);
		expect(item.message).toBe(`ThroughLine's list for NZ ${sentence}`);
		expect(item.event).toBe('incomplete');
		expect(item.description).toMatch(/looked up by its ID and is still listed there, so it is not reported as removed/);
	});

	test.each<[string[], string]>([
		[['h1'], "A helpline is missing from ThroughLine's list for NZ and not checked yet (h1)"],
		[['h1', 'h2'], "2 helplines are missing from ThroughLine's list for NZ and not checked yet (h1, h2)"],
		[['h1', 'h2', 'h3'], "3 helplines are missing from ThroughLine's list for NZ and not checked yet (h1, h2, h3)"],
		[['h1', 'h2', 'h3', 'h4', 'h5'], "5 helplines are missing from ThroughLine's list for NZ and not checked yet (h1, h2, h3, …)"],
	])('missing and not looked up yet %j', (ids, sentence) => {
		const item = notCheckedNotice(NZ, ids, 5);
		expect(item.message).toBe(sentence);
		expect(item.description).toMatch(/at most 5 are made per poll/);
		expect(item.event).toBe('incomplete');
	});
});
