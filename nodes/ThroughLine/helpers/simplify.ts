import type { IDataObject } from 'n8n-workflow';

import { CONTACT_METHODS } from './contactMethods';
import type { Helpline } from './types';

/** Longest short description; a first sentence longer than this is cut at a word. */
export const SHORT_DESCRIPTION_MAX = 200;

/**
 * The first sentence of a description (ThroughLine's often hold CRLF line breaks), on one line;
 * or its first ~200 characters cut at a word, with an ellipsis. Null when there is none.
 */
export function shortDescription(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.replace(/\s+/g, ' ').trim();
	if (text === '') return null;
	const sentence = /^.*?[.!?](?= |$)/.exec(text)?.[0] ?? text;
	if (sentence.length <= SHORT_DESCRIPTION_MAX) return sentence;
	// One character more, so that a word ending exactly at the maximum is kept whole.
	const lastSpace = text.slice(0, SHORT_DESCRIPTION_MAX + 1).lastIndexOf(' ');
	return `${lastSpace > 0 ? text.slice(0, lastSpace) : text.slice(0, SHORT_DESCRIPTION_MAX)}…`;
}

/**
 * A compact record for chat messages and AI agents. Every key is always present (null or [] when
 * ThroughLine has no value) so spreadsheets and prompts see the same columns for every helpline.
 * Specialties and the short description stay: they tell the two services of a priority pair
 * apart (adults and youth, two languages).
 */
export function simplifyHelpline(helpline: Helpline): IDataObject {
	const country = helpline.country;
	const list = (value: unknown) => (Array.isArray(value) ? value : []);
	return {
		id: helpline.id,
		name: helpline.name,
		description: shortDescription(helpline.description),
		// phone, sms, webChat, whatsapp, website
		...Object.fromEntries(CONTACT_METHODS.map(({ key, field }) => [key, helpline[field] ?? null])),
		topics: list(helpline.topics),
		specialties: list(helpline.specialties),
		languages: list(helpline.supported_languages),
		country: country?.name ?? null,
		countryCode: country?.code ?? null,
		emergencyNumber: country?.emergencyNumber ?? null,
	};
}
