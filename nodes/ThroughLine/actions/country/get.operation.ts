import type { INodeProperties } from 'n8n-workflow';

import { countryParameters } from '../../fields/location';
import { InputError } from '../../helpers/inputError';
import { readCountryInput, resolveCountry } from '../../helpers/resolve';
import { normalizeCountryCode } from '../../helpers/validation';
import { ANSWER_CACHE } from '../../transport/limits';
import { fetchCountries } from '../../transport';
import type { Execute } from '../operation';
import { acceptsNames } from '../toolMode';

export const description: INodeProperties[] = countryParameters('country', 'get');

export const cacheMinutes = ANSWER_CACHE.listMinutes;

export const execute: Execute = async function (itemIndex, client) {
	const value = this.getNodeParameter('country', itemIndex, '', { extractValue: true });
	// ThroughLine has no per-country endpoint; the list is fetched once per execution and shared.
	if (acceptsNames(this)) {
		const input = readCountryInput(value);
		return [resolveCountry('code' in input ? input.code : input.name, await fetchCountries(client))];
	}
	const code = normalizeCountryCode(value);
	const country = (await fetchCountries(client)).find((c) => String(c.code).toUpperCase() === code);
	if (!country) {
		throw new InputError(
			`Country ${code} is not in ThroughLine's directory`,
			'Use Country > Get Many to see the countries ThroughLine covers.',
		);
	}
	return [country];
};
