import fc from 'fast-check';

import { InputError } from '../../../../nodes/ThroughLine/helpers/inputError';
import {
	normalizeCountryCode,
	normalizeLimit,
	normalizeTimestamp,
	requireText,
	splitList,
} from '../../../../nodes/ThroughLine/helpers/validation';

import { refusal } from './refusal';

describe('normalizeCountryCode', () => {
	test.each([
		['us', 'US'],
		[' nz ', 'NZ'],
		['Gb', 'GB'],
		// ISO 3166-1 reserves UK for the United Kingdom, whose code is GB.
		['UK', 'GB'],
		[' uk ', 'GB'],
	])('%p → %p', (input, expected) => expect(normalizeCountryCode(input)).toBe(expected));

	test.each(['', 'USA', 'u', 'u1', '🇺🇸', 'U S', null, undefined, 12, {}, ['US']])('%p is refused', (input) => {
		expect(() => normalizeCountryCode(input)).toThrow(InputError);
	});

	test('property: accepts exactly the strings that trim to two ASCII letters', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 6 }), (input) => {
				const valid = /^[a-z]{2}$/i.test(input.trim());
				const upper = input.trim().toUpperCase();
				if (valid) expect(normalizeCountryCode(input)).toBe(upper === 'UK' ? 'GB' : upper);
				else expect(() => normalizeCountryCode(input)).toThrow(InputError);
			}),
		);
	});
});

describe('normalizeLimit', () => {
	// A cap here would hide the cut: the search checks the answer against what was asked for.
	test('does not cap a large Limit', () => expect(normalizeLimit(10 ** 9)).toBe(10 ** 9));
	test('accepts numeric strings from expressions', () => expect(normalizeLimit('7')).toBe(7));
	test.each([0, -1, 1.5, NaN, Infinity, '', 'x', null, undefined, true])('%p is refused', (input) => {
		expect(() => normalizeLimit(input)).toThrow(/at least 1/);
	});
	test('property: any whole number ≥ 1 is kept as it is', () => {
		fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 7 }), (n) => normalizeLimit(n) === n));
	});
});

describe('normalizeTimestamp', () => {
	const now = () => new Date('2026-02-03T04:05:06.000Z');
	test('empty means now', () => {
		expect(normalizeTimestamp('', now)).toBe('2026-02-03T04:05:06.000Z');
		expect(normalizeTimestamp(undefined, now)).toBe('2026-02-03T04:05:06.000Z');
	});
	test('ISO strings with offsets become UTC', () => {
		expect(normalizeTimestamp('2026-01-31T14:05:00+02:00')).toBe('2026-01-31T12:05:00.000Z');
	});
	test('Date objects and epoch milliseconds are accepted', () => {
		expect(normalizeTimestamp(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
		expect(normalizeTimestamp(86_400_000)).toBe('1970-01-02T00:00:00.000Z');
	});
	// Date.parse reads 'Tue 2026-01-31' and '2026-01-3' as dates; neither is ISO 8601.
	test.each(['yesterday', '31/01/2026', 'Tue, 1 Jan 2026', 'Tue 2026-01-31', '2026-01-3', {}, true])('%p is refused', (input) => {
		expect(() => normalizeTimestamp(input)).toThrow(/ISO 8601/);
	});
});

describe('requireText and splitList', () => {
	test('requireText trims and keeps numbers', () => {
		expect(requireText('  abc ', 'Field', 'hint')).toBe('abc');
		expect(requireText(42, 'Field', 'hint')).toBe('42');
	});
	test.each(['', '   ', null, undefined, {}, []])('requireText refuses %p and names the field', (input) => {
		expect(() => requireText(input, 'Session ID', 'hint')).toThrow(/^Session ID is empty/);
	});
	test('splitList', () => {
		expect(splitList(' en, ,es ,')).toEqual(['en', 'es']);
		expect(splitList(['fr', ' de ', 3])).toEqual(['fr', 'de']);
		expect(splitList(undefined)).toEqual([]);
	});
});

describe('a refusal names what was given and says what to do instead', () => {
	test.each([
		['USA', '"USA"'],
		[null, 'nothing'],
		[undefined, 'nothing'],
		[12, 'number 12'],
		[['US'], 'a list'],
		[{ code: 'US' }, 'an object'],
		[true, 'boolean true'],
	])('a country code %p is named as %s, with codes to use instead', (value, named) => {
		const { name, message, hint } = refusal(() => normalizeCountryCode(value));
		expect(name).toBe('InputError');
		expect(message).toContain(`Country code ${named} `);
		expect(message).toMatch(/two-letter/);
		expect(hint).toMatch(/\bUS\b.*\bGB\b/);
		expect(hint).toMatch(/list/);
	});

	test('a Limit below 1 is named, and the way out is Return All or a Limit of 1 or more', () => {
		const { message, hint } = refusal(() => normalizeLimit(0));
		expect(message).toContain('(got number 0)');
		expect(hint).toMatch(/1 or more/);
		expect(hint).toMatch(/Return All/);
		expect(refusal(() => normalizeLimit('ten')).message).toContain('(got "ten")');
	});

	test('a timestamp that is not one is named, with an example of one', () => {
		const { message, hint } = refusal(() => normalizeTimestamp('yesterday'));
		expect(message).toContain('Timestamp "yesterday" ');
		expect(hint).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
		expect(hint).toMatch(/empty/);
	});
});

describe('normalizeTimestamp, at its edges', () => {
	test('null, as an expression that found nothing gives, means now too', () => {
		const now = () => new Date('2026-02-03T04:05:06.000Z');
		expect(normalizeTimestamp(null, now)).toBe('2026-02-03T04:05:06.000Z');
	});

	test('without a clock given, now is the real time', () => {
		const before = Date.now();
		const stamped = Date.parse(normalizeTimestamp(''));
		expect(stamped).toBeGreaterThanOrEqual(before);
		expect(stamped).toBeLessThanOrEqual(Date.now());
	});

	test('spaces around an ISO timestamp (a pasted value) are not an error', () => {
		expect(normalizeTimestamp('  2026-01-31T14:05:00Z ')).toBe('2026-01-31T14:05:00.000Z');
	});
});
