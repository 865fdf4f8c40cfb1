import type { Country, Topic } from './types';

// ThroughLine may answer an unknown country or topic with an empty list instead of naming it, so
// zero helplines pass for "none there" only once its own lists hold the country and the topic.
// The node's search and the trigger's watch both ask these two questions, the same way.

/** The country with this two-letter code (any case) in ThroughLine's country list, if it is there. */
export function countryInDirectory(countries: Country[], code: string): Country | undefined {
	const wanted = code.toUpperCase();
	return countries.find((country) => String(country.code).toUpperCase() === wanted);
}

/** Whether ThroughLine's topic list holds this topic, by its name or its code, in any case. */
export function topicInDirectory(topics: Topic[], topic: string): boolean {
	const wanted = topic.toLowerCase();
	return topics.some((known) => String(known.name).toLowerCase() === wanted || String(known.code).toLowerCase() === wanted);
}
