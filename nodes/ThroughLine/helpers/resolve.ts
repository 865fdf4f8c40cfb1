import { InputError } from './inputError';
import type { Candidate } from './match';
import { comparable, nearest } from './match';
import type { Country, Topic } from './types';
import { ALIASES, describe } from './validation';

/**
 * Country and topic as a person or a model gives them, resolved through ThroughLine's own
 * lists. Pure: the caller fetches the lists (once per execution) and only when needed.
 */

const COUNTRY_HINT = 'Send a two-letter country code such as US, GB or NZ, or an English country name such as New Zealand.';

/** Names people use for a country that ThroughLine lists under another name. */
const COUNTRY_NAME_ALIASES: Record<string, string> = {
	usa: 'US',
	'u s': 'US',
	'u s a': 'US',
	america: 'US',
	'united states of america': 'US',
	uk: 'GB',
	'u k': 'GB',
	britain: 'GB',
	'great britain': 'GB',
	england: 'GB',
	scotland: 'GB',
	wales: 'GB',
	'northern ireland': 'GB',
	aotearoa: 'NZ',
	holland: 'NL',
};

export type CountryInput = { code: string } | { name: string };

/**
 * A two-letter code (any case, UK → GB) can go to the search as it is; anything else is a name
 * to look up in the country list. Empty or non-text input is refused here, before any request.
 */
export function readCountryInput(value: unknown): CountryInput {
	if (typeof value !== 'string') {
		const what = value === undefined || value === null ? 'is missing' : `must be text, not ${describe(value)}`;
		throw new InputError(`Country ${what}`, COUNTRY_HINT);
	}
	const text = value.trim();
	if (text === '') throw new InputError('Country is missing', COUNTRY_HINT);
	if (/^[A-Za-z]{2}$/.test(text)) {
		const code = text.toUpperCase();
		return { code: ALIASES[code] ?? code };
	}
	return { name: text };
}

const countryCandidates = (countries: Country[]): Candidate[] =>
	countries.map((c) => ({ label: `${c.name} (${String(c.code).toUpperCase()})`, keys: [c.name, c.code] }));

export function unknownCountryError(input: string, countries: Country[]): InputError {
	return new InputError(
		`Country "${input}" is not one ThroughLine covers`,
		// "South Korea" is close to "South Africa": a near name is never the person's country.
		`${COUNTRY_HINT} Closest: ${nearest(input, countryCandidates(countries)).join(', ')}. If the person is in none of these, ThroughLine has no helplines for their country: do not search another country instead.`,
	);
}

/** The country a name (or "Name (CODE)", a code, an alias) stands for, or a nearest-match error. */
export function resolveCountry(input: string, countries: Country[]): Country {
	const byCode = (code: string) => countries.find((c) => String(c.code).toUpperCase() === code.toUpperCase());
	const labelled = /\(\s*([A-Za-z]{2})\s*\)\s*$/.exec(input)?.[1];
	const wanted = comparable(input);
	const found =
		countries.find((c) => comparable(c.name) === wanted) ??
		(labelled ? byCode(ALIASES[labelled.toUpperCase()] ?? labelled) : undefined) ??
		(COUNTRY_NAME_ALIASES[wanted] ? byCode(COUNTRY_NAME_ALIASES[wanted]) : undefined) ??
		(/^[a-z]{2}$/.test(wanted) ? byCode(ALIASES[wanted.toUpperCase()] ?? wanted) : undefined);
	if (!found) throw unknownCountryError(input, countries);
	return found;
}

const TOPIC_HINT = "Send a topic name from ThroughLine's list, or an empty topic for helplines on every topic.";

/** What people and models send when they mean "no particular topic". */
const ANY_TOPIC = new Set(['', 'any', 'all', 'any topic', 'all topics', 'none']);

/** Empty (or "any") for no topic, text otherwise; numbers, objects and lists are refused. */
export function readTopicInput(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw new InputError(`Topic must be text, not ${describe(value)}`, TOPIC_HINT);
	return value.trim();
}

/**
 * The topic NAME to search with (ThroughLine documents the name as the query value), from a
 * name or a code in any case; '' for any topic; otherwise a nearest-match error.
 */
export function resolveTopic(input: string, topics: Topic[]): string {
	const wanted = comparable(input);
	const found = topics.find((t) => comparable(t.name) === wanted || comparable(String(t.code)) === wanted);
	if (found) return found.name;
	if (ANY_TOPIC.has(wanted)) return '';
	const candidates = topics.map((t) => ({ label: t.name, keys: [t.name, String(t.code)] }));
	throw new InputError(`Topic "${input}" is not one ThroughLine knows`, `${TOPIC_HINT} Closest: ${nearest(input, candidates).join(', ')}.`);
}

/** Whether a topic needs the topic list at all: "any topic" does not. */
export const isAnyTopic = (input: string) => ANY_TOPIC.has(comparable(input));
