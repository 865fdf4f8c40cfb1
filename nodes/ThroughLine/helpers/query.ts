import type { IDataObject } from 'n8n-workflow';

/** Query names the node sets itself; Additional Query Parameters may not override them. */
const RESERVED = ['country_code', 'topic', 'priority_only', 'limit'];

/**
 * Whether a name could reach one of the node's own parameters: servers commonly fold case and
 * read `name[]` / `name[0]` as `name`, so `Priority_Only` and `country_code[]` count too.
 */
export function isReservedName(name: string): boolean {
	const base = name.trim().toLowerCase().replace(/\[.*$/, '').trim();
	return RESERVED.includes(base);
}

/** The user's extra parameters as a query object, without blank or reserved names. */
export function extraQuery(parameters: IDataObject | undefined): IDataObject {
	const extra: IDataObject = {};
	for (const entry of (parameters?.parameter as IDataObject[] | undefined) ?? []) {
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		if (name && !isReservedName(name)) extra[name] = entry.value;
	}
	return extra;
}
