import type { INodeProperties } from 'n8n-workflow';

import { helplineIdParameter, readHelplineId } from '../../fields/helpline';
import { InputError } from '../../helpers/inputError';
import { simplifyHelpline } from '../../helpers/simplify';
import { fetchHelpline } from '../../transport';
import { ANSWER_CACHE } from '../../transport/limits';
import type { Execute } from '../operation';
import { simplifyParameter, toolOutputParameter } from '../shared';
import { isToolRun } from '../toolMode';

export const description: INodeProperties[] = [
	helplineIdParameter(
		{
			placeholder: 'e.g. 3f2b6c1e-8a4d-4f7e-9c1b-2d5e7a9b0c3f',
			description: 'The ID of the helpline, as returned by Search (the "ID" field)',
		},
		{ resource: ['helpline'], operation: ['get'] },
	),
	simplifyParameter('helpline', ['get']),
	toolOutputParameter('helpline', ['get']),
];

export const cacheMinutes = ANSWER_CACHE.helplineMinutes;

export const execute: Execute = async function (itemIndex, client) {
	const id = readHelplineId(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
	const helpline = await fetchHelpline(client, id);
	if (!helpline) {
		throw new InputError(
			`ThroughLine has no helpline with ID "${id}"`,
			'Check the ID: it comes from the "id" field of a Search result, and helplines can be removed from the directory.',
		);
	}
	if (isToolRun(this)) {
		return [this.getNodeParameter('toolOutput', itemIndex, 'compact') === 'full' ? helpline : simplifyHelpline(helpline)];
	}
	return [simplify ? simplifyHelpline(helpline) : helpline];
};
