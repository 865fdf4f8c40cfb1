import fc from 'fast-check';

import { shortDescription, simplifyHelpline } from '../../../../nodes/ThroughLine/helpers/simplify';
import type { Helpline } from '../../../../nodes/ThroughLine/helpers/types';
import { SIMPLIFIED_KEYS } from './simplifiedKeys';

test('maps each ThroughLine key to its compact name', () => {
	const helpline: Helpline = {
		id: 'id-1',
		name: 'Line',
		phoneNumber: '988',
		smsNumber: '741741',
		webChatUrl: 'https://chat',
		whatsappUrl: 'https://wa.me/1',
		website: 'https://site',
		topics: ['Anxiety'],
		supported_languages: ['en'],
		country: { name: 'United States', code: 'US', emergencyNumber: '911' },
		description: 'Support for young people.\r\nOpen every day.',
		specialties: ['Youth'],
		timezone: 'America/New_York',
	};
	expect(simplifyHelpline(helpline)).toEqual({
		id: 'id-1',
		name: 'Line',
		description: 'Support for young people.',
		specialties: ['Youth'],
		phone: '988',
		sms: '741741',
		webChat: 'https://chat',
		whatsapp: 'https://wa.me/1',
		website: 'https://site',
		topics: ['Anxiety'],
		languages: ['en'],
		country: 'United States',
		countryCode: 'US',
		emergencyNumber: '911',
	});
});

test('property: always the same keys; absent values become null, never undefined', () => {
	fc.assert(
		fc.property(
			fc.record(
				{
					id: fc.uuid(),
					name: fc.string(),
					phoneNumber: fc.string(),
					website: fc.webUrl(),
					topics: fc.array(fc.string()),
					country: fc.record({ name: fc.string(), code: fc.string(), emergencyNumber: fc.string() }, { requiredKeys: ['name', 'code'] }),
				},
				{ requiredKeys: ['id', 'name'] },
			),
			(helpline) => {
				const simple = simplifyHelpline(helpline as Helpline);
				expect(Object.keys(simple).sort()).toEqual(SIMPLIFIED_KEYS);
				for (const value of Object.values(simple)) expect(value).not.toBeUndefined();
				expect(simple.phone).toBe(helpline.phoneNumber ?? null);
				expect(Array.isArray(simple.topics)).toBe(true);
				expect(simple.specialties).toEqual([]);
				expect(simple.description).toBeNull();
			},
		),
	);
});

describe('shortDescription', () => {
	test.each([
		['Free support for adults.\r\n\r\nOpen 24/7.', 'Free support for adults.'],
		['  Line one\r\ncontinues here! Then more.', 'Line one continues here!'],
		['Call 1.800.555 now. Or text.', 'Call 1.800.555 now.'],
		['No full stop at all', 'No full stop at all'],
		['Is it for me? Yes.', 'Is it for me?'],
	])('%p → %p', (input, expected) => expect(shortDescription(input)).toBe(expected));

	test.each([undefined, null, '', ' \r\n ', 42, ['a']])('%p → null', (input) => expect(shortDescription(input)).toBeNull());

	test('a first sentence longer than 200 characters is cut at a word, with an ellipsis', () => {
		const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
		const short = shortDescription(`${words}. Second.`)!;
		expect(short.endsWith('…')).toBe(true);
		expect(short.length).toBeLessThanOrEqual(201);
		expect(words.startsWith(short.slice(0, -1))).toBe(true);
		expect(words[short.length - 1]).toBe(' '); // cut before a space, not inside a word
	});

	test('a first sentence of exactly 200 characters is kept whole', () => {
		const sentence = `${'a'.repeat(198)}.`.padStart(200, 'b');
		expect(sentence).toHaveLength(200);
		expect(shortDescription(`${sentence} Second.`)).toBe(sentence);
	});

	test('a word that ends exactly at the 200th character is kept, not cut', () => {
		const text = `${'w'.repeat(150)} ${'x'.repeat(49)} and more words follow here without a stop`;
		expect(text.indexOf(' and')).toBe(200);
		expect(shortDescription(text)).toBe(`${text.slice(0, 200)}…`);
	});

	test('one word longer than 200 characters is cut at 200, with an ellipsis', () => {
		const word = 'x'.repeat(250);
		expect(shortDescription(word)).toBe(`${'x'.repeat(200)}…`);
	});

	test('property: one line, at most 201 characters, and a prefix of the text with spaces collapsed', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 400 }), (text) => {
				const short = shortDescription(text);
				const flat = text.replace(/\s+/g, ' ').trim();
				if (flat === '') return expect(short).toBeNull();
				expect(short).not.toMatch(/[\r\n]/);
				expect(short!.length).toBeLessThanOrEqual(201);
				expect(flat.startsWith(short!.replace(/…$/, ''))).toBe(true);
			}),
		);
	});
});
