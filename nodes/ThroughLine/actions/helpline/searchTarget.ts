import type { IExecuteFunctions } from 'n8n-workflow';

import { countryInDirectory, topicInDirectory } from '../../helpers/directory';
import { InputError } from '../../helpers/inputError';
import { isAnyTopic, readCountryInput, readTopicInput, resolveCountry, resolveTopic, unknownCountryError } from '../../helpers/resolve';
import type { Country } from '../../helpers/types';
import { normalizeCountryCode } from '../../helpers/validation';
import type { ThroughLineClient } from '../../transport';
import { classifyFailure, fetchCountries, fetchTopics } from '../../transport';
import { acceptsNames } from '../toolMode';

/** What a search asks ThroughLine for, and what the node already checked against its lists. */
export interface SearchTarget {
	countryCode: string;
	/** A topic name, or '' for any topic. */
	topic: string;
	/** Set once the country was found in ThroughLine's list. */
	country?: Country;
	/** Version 1 as a plain node keeps its errors; otherwise errors list the nearest valid values. */
	acceptsNames: boolean;
}

const readValue = (context: IExecuteFunctions, name: string, itemIndex: number): unknown =>
	context.getNodeParameter(name, itemIndex, '', { extractValue: true });

/**
 * Country and topic of one item. Cheap where it can be: a two-letter code goes to the search
 * as it is and the country list is fetched only for a name (or later, for an empty answer);
 * the topic list is fetched when a topic is given, to send its name whatever the model typed.
 * Both lists come once per execution, shared by all items.
 */
export async function readSearchTarget(context: IExecuteFunctions, itemIndex: number, client: ThroughLineClient): Promise<SearchTarget> {
	if (!acceptsNames(context)) {
		return {
			countryCode: normalizeCountryCode(readValue(context, 'country', itemIndex)),
			topic: String(readValue(context, 'topic', itemIndex) ?? '').trim(),
			acceptsNames: false,
		};
	}
	const countryInput = readCountryInput(readValue(context, 'country', itemIndex));
	const topicInput = readTopicInput(readValue(context, 'topic', itemIndex));
	const topic = isAnyTopic(topicInput) ? '' : resolveTopic(topicInput, await fetchTopics(client));
	if ('code' in countryInput) return { countryCode: countryInput.code, topic, acceptsNames: true };
	const country = resolveCountry(countryInput.name, await fetchCountries(client));
	return { countryCode: String(country.code).toUpperCase(), topic, country, acceptsNames: true };
}

/**
 * ThroughLine may answer an unknown country or topic with an empty list (or refuse it with a
 * 400) instead of naming it. Zero helplines must not pass for "none there": check the country
 * and topic against ThroughLine's own lists, fetched once per execution, only when needed.
 * Returns the country when it is known.
 */
export async function checkAgainstLists(client: ThroughLineClient, target: SearchTarget): Promise<Country> {
	const country = target.country ?? countryInDirectory(await fetchCountries(client), target.countryCode);
	if (!country) {
		if (target.acceptsNames) throw unknownCountryError(target.countryCode, await fetchCountries(client));
		throw new InputError(
			`ThroughLine found no helplines: country ${target.countryCode} is not in its directory`,
			'Use a two-letter code from Country > Get Many, such as US, NZ or GB.',
		);
	}
	// Names and codes were already resolved through the topic list.
	if (!target.topic || target.acceptsNames) return country;
	if (!topicInDirectory(await fetchTopics(client), target.topic)) {
		throw new InputError(
			`ThroughLine found no helplines: topic "${target.topic}" is not one it knows`,
			'Use a topic name from Topic > Get Many, such as Suicidal thoughts, or leave Topic empty.',
		);
	}
	return country;
}

/** A 400 from the search, for a code the node sent unchecked, gets the nearest valid countries. */
export async function explainRefusal(client: ThroughLineClient, target: SearchTarget, error: unknown): Promise<never> {
	const refused = classifyFailure(error).httpCode === 400;
	if (refused && target.acceptsNames && !target.country) await checkAgainstLists(client, target);
	throw error;
}
