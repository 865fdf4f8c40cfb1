import type { ContactMethod } from './contactMethods';
import { FILTER_METHODS } from './contactMethods';
import type { Helpline, HelplineFilters } from './types';

const CONTACT_KEYS = Object.fromEntries(FILTER_METHODS.map(({ key, field }) => [key, field])) as Record<ContactMethod, keyof Helpline>;

const hasText = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const lower = (values: unknown) =>
	Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string').map((v) => v.toLowerCase()) : [];

export function hasFilters(filters: HelplineFilters): boolean {
	return Boolean(filters.contactMethods?.length || filters.specialties?.length || filters.languages?.length);
}

/**
 * Keeps helplines that offer at least one of the wanted contact methods, serve at least one of
 * the wanted specialties and speak at least one of the wanted languages. Order is untouched:
 * ThroughLine's ranking is part of the data.
 */
export function filterHelplines(helplines: Helpline[], filters: HelplineFilters): Helpline[] {
	const methods = filters.contactMethods ?? [];
	const specialties = (filters.specialties ?? []).map((s) => s.toLowerCase());
	const languages = (filters.languages ?? []).map((l) => l.toLowerCase());
	return helplines.filter((helpline) => {
		if (methods.length && !methods.some((method) => hasText(helpline[CONTACT_KEYS[method]]))) return false;
		if (specialties.length) {
			const offered = lower(helpline.specialties);
			if (!specialties.some((s) => offered.includes(s))) return false;
		}
		if (languages.length) {
			const spoken = lower(helpline.supported_languages);
			if (!languages.some((l) => spoken.includes(l))) return false;
		}
		return true;
	});
}
