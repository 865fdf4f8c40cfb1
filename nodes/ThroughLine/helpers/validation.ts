import { InputError } from './inputError';

/** A value as an error message names it: "NZ", number 42, an object, nothing. */
export const describe = (value: unknown): string => {
	if (value === null || value === undefined) return 'nothing';
	if (typeof value === 'string') return `"${value}"`;
	if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
	return `${typeof value} ${String(value)}`;
};

/** ISO 3166-1 reserves these for the country whose code is the value; people type them often. */
export const ALIASES: Record<string, string> = { UK: 'GB' };

/** " us " → "US", "uk" → "GB". Anything but two letters is refused before a request is made. */
export function normalizeCountryCode(value: unknown): string {
	const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (/^[A-Z]{2}$/.test(code)) return ALIASES[code] ?? code;
	throw new InputError(
		`Country code ${describe(value)} is not a two-letter ISO 3166-1 code`,
		'Use a two-letter code such as US, NZ or GB, or pick the country from the list.',
	);
}

/** A non-empty trimmed string, or a clear error naming the field. */
export function requireText(value: unknown, field: string, hint: string): string {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (text !== '') return text;
	throw new InputError(`${field} is empty (got ${describe(value)})`, hint);
}

export function normalizeLimit(value: unknown): number {
	const limit = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof limit !== 'number' || !Number.isFinite(limit) || !Number.isInteger(limit) || limit < 1) {
		throw new InputError(
			`Limit must be a whole number of at least 1 (got ${describe(value)})`,
			'Set Limit to 1 or more, or turn on Return All.',
		);
	}
	// Not capped here: a Limit above what one search returns is checked against the answer.
	return limit;
}

/** An ISO 8601 timestamp; empty means now. Accepts Date objects and epoch milliseconds from expressions. */
export function normalizeTimestamp(value: unknown, now: () => Date = () => new Date()): string {
	if (value === undefined || value === null || value === '') return now().toISOString();
	const date =
		value instanceof Date
			? value
			: typeof value === 'number'
				? new Date(value)
				: typeof value === 'string'
					? new Date(value.trim())
					: new Date(NaN);
	if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value.trim()))) {
		throw new InputError(
			`Timestamp ${describe(value)} is not an ISO 8601 date and time`,
			'Use a value like 2026-01-31T14:05:00Z, or leave it empty for now.',
		);
	}
	return date.toISOString();
}

/** "en, es" or ["en","es"] → ["en","es"]; blanks dropped. */
export function splitList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return parts.map((part) => (typeof part === 'string' ? part.trim() : '')).filter((part) => part !== '');
}
