import fc from 'fast-check';

import { simplifyHelpline } from '../../../../nodes/ThroughLine/helpers/simplify';
import type { Helpline } from '../../../../nodes/ThroughLine/helpers/types';

const KEYS = ['country', 'countryCode', 'emergencyNumber', 'id', 'languages', 'name', 'phone', 'sms', 'topics', 'webChat', 'website', 'whatsapp'];

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
		description: 'dropped',
	};
	expect(simplifyHelpline(helpline)).toEqual({
		id: 'id-1',
		name: 'Line',
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
				expect(Object.keys(simple).sort()).toEqual(KEYS);
				for (const value of Object.values(simple)) expect(value).not.toBeUndefined();
				expect(simple.phone).toBe(helpline.phoneNumber ?? null);
				expect(Array.isArray(simple.topics)).toBe(true);
			},
		),
	);
});
