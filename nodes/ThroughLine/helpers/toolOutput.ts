import type { IDataObject } from 'n8n-workflow';

import type { InputError } from './inputError';

/**
 * Output shaped for a model. A model reads keys in order, so the rule ThroughLine sets for
 * priority lists (two services, e.g. adults and youth: show both or neither) comes first on
 * every priority record, in words, with how many there are.
 */
export function priorityRule(position: number, total: number): string {
	if (total === 1) return 'Priority service for this country and topic: always show it to the person.';
	return `Priority service ${position} of ${total} for this country and topic: show all ${total} priority services to the person, never only some of them.`;
}

/** Records for a model: priority marks first when they come from a priority list. */
export function markForTool(records: IDataObject[], priorityList: boolean): IDataObject[] {
	return records.map((record, index) =>
		priorityList ? { priorityRule: priorityRule(index + 1, records.length), priority: true, ...record } : { priority: false, ...record },
	);
}

/**
 * The one item a model gets for a search that found nothing: no number it could repeat wrongly.
 * `where` is e.g. "Japan on the topic Anxiety".
 */
export function noHelplinesRecord(where: string, options: { priorityOnly?: boolean; emergencyNumber?: string } = {}): IDataObject {
	const found = options.priorityOnly ? `ThroughLine has no priority services for ${where}` : `ThroughLine lists no helplines for ${where}`;
	const emergency = options.emergencyNumber
		? ` If someone is in immediate danger, the emergency number there is ${options.emergencyNumber}.`
		: '';
	return { noHelplines: `${found}. Do not give any other helpline number.${emergency}` };
}

/** A problem with what the model sent, as one short plain-text answer it can act on. */
export function toolErrorRecord(error: InputError): IDataObject {
	return { error: `${error.message}. ${error.hint}` };
}
