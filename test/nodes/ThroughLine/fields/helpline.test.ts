/**
 * The one vocabulary of contact methods: the values saved workflows hold stay, and each method
 * names the field of ThroughLine's record that offers it (throughline-api.md, the helpline shape).
 */
import { contactClickOptions, contactFilterOptions } from '../../../../nodes/ThroughLine/fields/helpline';
import { CONTACT_METHODS } from '../../../../nodes/ThroughLine/helpers/contactMethods';

test('the Contact Methods filter keeps the values saved searches hold, listed by name', () => {
	expect(contactFilterOptions).toEqual([
		{ name: 'Phone', value: 'phone' },
		{ name: 'SMS', value: 'sms' },
		{ name: 'Web Chat', value: 'webChat' },
		{ name: 'WhatsApp', value: 'whatsapp' },
	]);
});

test("Report Click's Contact Method keeps the values ThroughLine is sent, listed by name", () => {
	expect(contactClickOptions).toEqual([
		{ name: 'Phone', value: 'phone' },
		{ name: 'SMS', value: 'sms' },
		{ name: 'Web Chat', value: 'web_chat' },
		{ name: 'Website', value: 'website' },
		{ name: 'WhatsApp', value: 'whatsapp' },
	]);
});

test("each method reads the field of ThroughLine's helpline record that offers it", () => {
	expect(Object.fromEntries(CONTACT_METHODS.map(({ key, field }) => [key, field]))).toEqual({
		phone: 'phoneNumber',
		sms: 'smsNumber',
		webChat: 'webChatUrl',
		whatsapp: 'whatsappUrl',
		website: 'website',
	});
});
