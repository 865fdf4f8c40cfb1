import { malformedResponse } from './errors';

/** `{ key: [ {...}, ... ] }` → the list, or a clear "malformed" error instead of a silent empty list. */
export function listOf<T>(key: string) {
	return (body: unknown): T[] => {
		const list = (body as Record<string, unknown> | null)?.[key];
		if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'object' || entry === null)) {
			throw malformedResponse(`list of ${key}`);
		}
		return list as T[];
	};
}

/** `{ key: {...} }` → the object. */
export function objectOf<T>(key: string) {
	return (body: unknown): T => {
		const value = (body as Record<string, unknown> | null)?.[key];
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw malformedResponse(key);
		}
		return value as T;
	};
}

/** Any JSON object (event acknowledgements, whose shape ThroughLine does not document). */
export function anyObject(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body !== 'object' || Array.isArray(body)) throw malformedResponse('JSON object');
	return body as Record<string, unknown>;
}
