import type { Helpline } from './types';

/**
 * The ways to reach a helpline, listed once: the name people see, the key of the compact record
 * (which the Contact Methods filter stores too), the field of ThroughLine's record, and the value
 * Report Click sends. Keys and values are what saved workflows and ThroughLine hold: never rename
 * one. In the order of the compact record.
 */
export const CONTACT_METHODS = [
	{ name: 'Phone', key: 'phone', field: 'phoneNumber', clickValue: 'phone', filter: true },
	{ name: 'SMS', key: 'sms', field: 'smsNumber', clickValue: 'sms', filter: true },
	{ name: 'Web Chat', key: 'webChat', field: 'webChatUrl', clickValue: 'web_chat', filter: true },
	{ name: 'WhatsApp', key: 'whatsapp', field: 'whatsappUrl', clickValue: 'whatsapp', filter: true },
	// Not a choice of the filter (it never was: adding it would be a new option, not this list).
	{ name: 'Website', key: 'website', field: 'website', clickValue: 'website', filter: false },
] as const satisfies ReadonlyArray<{ name: string; key: string; field: keyof Helpline; clickValue: string; filter: boolean }>;

type Method = (typeof CONTACT_METHODS)[number];

/** The values of the Contact Methods filter. */
export type ContactMethod = Extract<Method, { filter: true }>['key'];

/** The filter's methods, each with the field of ThroughLine's record that offers it. */
export const FILTER_METHODS = CONTACT_METHODS.filter((method): method is Extract<Method, { filter: true }> => method.filter);
