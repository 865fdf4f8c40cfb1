import { extraQuery, isReservedName } from '../../../../nodes/ThroughLine/helpers/query';

describe('isReservedName', () => {
	test.each([
		'country_code',
		'topic',
		'priority_only',
		'limit',
		'Priority_Only',
		'PRIORITY_ONLY',
		'priority_only[]',
		'country_code[]',
		'limit[0]',
		' Topic [] ',
	])('%p is one of the names the node sets itself', (name) => expect(isReservedName(name)).toBe(true));
	test.each(['specialty', 'contact_method', 'priority', 'country', 'limits', 'topic_code', 'x&limit=1'])('%p is free', (name) =>
		expect(isReservedName(name)).toBe(false),
	);
});

test('extraQuery keeps free names as given and drops blank and reserved ones', () => {
	const parameters = {
		parameter: [
			{ name: ' specialty ', value: 'Youth' },
			{ name: '', value: 'x' },
			{ name: 'Priority_Only', value: 'true' },
			{ name: 'priority_only[]', value: 'true' },
			{ name: 'country_code[]', value: 'GB' },
			{ name: 'x&limit=1', value: 'y' },
		],
	};
	expect(extraQuery(parameters)).toEqual({ specialty: 'Youth', 'x&limit=1': 'y' });
	expect(extraQuery(undefined)).toEqual({});
});

test('an entry whose name is not text (an expression gave a number or nothing) is dropped, not a crash', () => {
	expect(extraQuery({ parameter: [{ name: 5, value: 'x' }, { value: 'y' }, { name: 'specialty', value: 'Youth' }] })).toEqual({
		specialty: 'Youth',
	});
});
