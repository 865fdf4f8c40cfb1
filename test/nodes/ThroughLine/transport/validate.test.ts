/**
 * The shape checks every ThroughLine answer passes (transport/validate.ts). The shapes are the
 * API's documented ones (throughline-api.md): lists under `helplines`, `topics`, `countries`, one
 * record under `helpline`. A body of another shape is a "malformed" failure (retried for reads,
 * then loud), never a silent empty list or a record of the wrong kind.
 */
import { anyObject, listOf, objectOf } from '../../../../nodes/ThroughLine/transport/validate';

const malformed = (what: string) =>
	expect.objectContaining({ kind: 'malformed', message: `ThroughLine answered with data that is not the expected ${what}` });

function failure(read: () => unknown) {
	try {
		read();
	} catch (error) {
		return error;
	}
	throw new Error('expected the read to fail');
}

describe('a list under its key', () => {
	const helplines = listOf<{ id: string }>('helplines');

	test('the list itself, the same entries', () => {
		const list = [{ id: 'a' }, { id: 'b' }];
		expect(helplines({ helplines: list, meta: {} })).toBe(list);
		expect(helplines({ helplines: [] })).toEqual([]);
	});

	test.each([
		['no body', undefined],
		['null', null],
		['a text', 'oops'],
		['the list under another key', { topics: [{ id: 'a' }] }],
		['an object instead of a list', { helplines: { id: 'a' } }],
		['a text instead of a list', { helplines: 'none' }],
		['a list with a null entry', { helplines: [{ id: 'a' }, null] }],
		['a list with a text entry', { helplines: [{ id: 'a' }, 'b'] }],
		['a list of numbers', { helplines: [1, 2] }],
	])('%s: malformed, naming the list', (_case, body) => {
		expect(failure(() => helplines(body))).toEqual(malformed('list of helplines'));
	});
});

describe('one record under its key', () => {
	const helpline = objectOf<{ id: string }>('helpline');

	test('the record itself', () => {
		const record = { id: 'a' };
		expect(helpline({ helpline: record })).toBe(record);
	});

	test.each([
		['no body', undefined],
		['null', null],
		['the record under another key', { helplines: { id: 'a' } }],
		['null under the key', { helpline: null }],
		['a list under the key', { helpline: [{ id: 'a' }] }],
		['a text under the key', { helpline: 'a' }],
		['a number under the key', { helpline: 7 }],
	])('%s: malformed, naming the record', (_case, body) => {
		expect(failure(() => helpline(body))).toEqual(malformed('helpline'));
	});
});

describe('any object (an event acknowledgement, whose shape is not documented)', () => {
	test.each([
		['no body (a 204)', undefined],
		['null', null],
		['an empty text (a 200 with no content)', ''],
	])('%s: an empty acknowledgement', (_case, body) => {
		expect(anyObject(body)).toEqual({});
	});

	test('an object as it came', () => {
		const ack = { ok: true, id: 'e1' };
		expect(anyObject(ack)).toBe(ack);
	});

	test.each([
		['a text', 'accepted'],
		['a number', 201],
		['a list', [{ ok: true }]],
		['true', true],
	])('%s: malformed', (_case, body) => {
		expect(failure(() => anyObject(body))).toEqual(malformed('JSON object'));
	});
});
