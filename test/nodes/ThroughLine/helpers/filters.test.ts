import fc from 'fast-check';

import { filterHelplines, hasFilters } from '../../../../nodes/ThroughLine/helpers/filters';
import type { ContactMethod, Helpline } from '../../../../nodes/ThroughLine/helpers/types';

const line = (id: string, extra: Partial<Helpline> = {}): Helpline => ({ id, name: id, ...extra });

describe('filterHelplines', () => {
	const list = [
		line('a', { phoneNumber: '988', supported_languages: ['en'], specialties: ['Everyone'] }),
		line('b', { whatsappUrl: 'https://wa.me/1', supported_languages: ['en', 'es'], specialties: ['Youth'] }),
		line('c', { smsNumber: '741741', webChatUrl: 'https://x', supported_languages: ['es'], specialties: ['LGBTQ+', 'Youth'] }),
		line('d', { phoneNumber: '  ', specialties: ['Veterans'] }),
	];

	test('no filters keeps everything in order', () => {
		expect(filterHelplines(list, {})).toEqual(list);
		expect(hasFilters({ contactMethods: [], specialties: [], languages: [] })).toBe(false);
	});
	test('contact methods: any of them, blank values do not count', () => {
		expect(filterHelplines(list, { contactMethods: ['phone'] }).map((h) => h.id)).toEqual(['a']);
		expect(filterHelplines(list, { contactMethods: ['sms', 'whatsapp'] }).map((h) => h.id)).toEqual(['b', 'c']);
		expect(filterHelplines(list, { contactMethods: ['webChat'] }).map((h) => h.id)).toEqual(['c']);
	});
	test('languages and specialties ignore case; all filters must hold', () => {
		expect(filterHelplines(list, { languages: ['ES'] }).map((h) => h.id)).toEqual(['b', 'c']);
		expect(filterHelplines(list, { specialties: ['youth'] }).map((h) => h.id)).toEqual(['b', 'c']);
		expect(filterHelplines(list, { specialties: ['lgbtq+'], languages: ['en'] })).toEqual([]);
	});
	test('any one of several languages is enough, as with specialties and contact methods', () => {
		expect(filterHelplines(list, { languages: ['en', 'fr'] }).map((h) => h.id)).toEqual(['a', 'b']);
	});
	test('values in a list that are not text (broken data) are skipped, not a crash', () => {
		const odd = line('o', { supported_languages: ['EN', 5, null] as never, specialties: [{}, 'Youth'] as never });
		expect(filterHelplines([odd], { languages: ['en'], specialties: ['youth'] })).toEqual([odd]);
	});
	test('hasFilters: any filter with a value counts, a filter left out does not', () => {
		expect(hasFilters({})).toBe(false);
		expect(hasFilters({ contactMethods: ['phone'] })).toBe(true);
		expect(hasFilters({ specialties: ['Youth'] })).toBe(true);
		expect(hasFilters({ languages: ['en'] })).toBe(true);
	});
	test('missing arrays never match a language or specialty filter', () => {
		expect(filterHelplines([line('x')], { languages: ['en'] })).toEqual([]);
	});

	const arbitraryHelpline = fc.record({
		id: fc.uuid(),
		name: fc.string(),
		phoneNumber: fc.option(fc.string(), { nil: undefined }),
		smsNumber: fc.option(fc.string(), { nil: undefined }),
		whatsappUrl: fc.option(fc.string(), { nil: undefined }),
		supported_languages: fc.option(fc.subarray(['en', 'es', 'fr', 'mi']), { nil: undefined }),
		specialties: fc.option(fc.subarray(['Youth', 'Adults', 'Veterans']), { nil: undefined }),
	}) as fc.Arbitrary<Helpline>;
	const arbitraryFilters = fc.record({
		contactMethods: fc.subarray<ContactMethod>(['phone', 'sms', 'webChat', 'whatsapp']),
		languages: fc.subarray(['en', 'ES', 'fr']),
		specialties: fc.subarray(['youth', 'Veterans']),
	});

	test('property: the result is an ordered sub-list, and filtering twice changes nothing', () => {
		fc.assert(
			fc.property(fc.array(arbitraryHelpline, { maxLength: 30 }), arbitraryFilters, (helplines, filters) => {
				const kept = filterHelplines(helplines, filters);
				let cursor = 0;
				for (const h of kept) {
					cursor = helplines.indexOf(h, cursor);
					expect(cursor).toBeGreaterThanOrEqual(0);
					cursor++;
				}
				expect(filterHelplines(kept, filters)).toEqual(kept);
			}),
		);
	});
});
