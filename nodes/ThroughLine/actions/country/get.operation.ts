import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/inputError';
import { normalizeCountryCode } from '../../helpers/validation';
import type { ThroughLineClient } from '../../transport';
import { fetchCountries } from '../../transport';
import { countryParameter } from '../shared';

export const description: INodeProperties[] = [countryParameter('country', 'get')];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: ThroughLineClient,
): Promise<IDataObject[]> {
	const code = normalizeCountryCode(this.getNodeParameter('country', itemIndex));
	// ThroughLine has no per-country endpoint; the list is fetched once per execution and shared.
	const country = (await fetchCountries(client)).find((c) => String(c.code).toUpperCase() === code);
	if (!country) {
		throw new InputError(
			`Country ${code} is not in ThroughLine's directory`,
			'Use Country > Get Many to see the countries ThroughLine covers.',
		);
	}
	return [country];
}
