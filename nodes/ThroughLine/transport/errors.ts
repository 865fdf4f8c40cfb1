import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { AUTH_ERROR_PREFIX } from '../../../credentials/throughLineAuth';
import { clockTime, parseRetryAfter, THROUGHLINE_LIMITS } from './limits';

export { parseRetryAfter } from './limits';

export type FailureKind =
	| 'auth'
	| 'rateLimit'
	| 'server'
	| 'network'
	| 'timeout'
	| 'malformed'
	| 'client'
	| 'notFound'
	| 'forbidden'
	/** The execution was stopped: nothing to retry, nothing to report. */
	| 'cancelled';

/**
 * What went wrong with a ThroughLine call, already stripped of request details: the underlying
 * HTTP error holds headers (the bearer token) and must never reach output, messages or logs.
 */
export class ThroughLineRequestError extends Error {
	constructor(
		readonly kind: FailureKind,
		message: string,
		readonly description: string,
		readonly httpCode?: number,
		readonly retryAfterMs?: number,
	) {
		super(message);
		this.name = 'ThroughLineRequestError';
	}
}

const LIMITS_EXPLAINED =
	`ThroughLine allows ${THROUGHLINE_LIMITS.requestsPerSecond} requests a second per IP address and ${THROUGHLINE_LIMITS.callsPerDay.toLocaleString('en-US')} calls a day per customer (all of its applications together, over a rolling 24 hours). ` +
	'Lower "Max Requests per Second" in the node options, spread scheduled pulls out, or ask ThroughLine to raise the limit.';

/** A complete HTTP answer, as the transport receives it with returnFullResponse. */
export interface HttpAnswer {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** A short, safe message from an error body: ThroughLine's own words, capped, never HTML. */
function serverMessage(body: unknown): string {
	let data = body;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			return '';
		}
	}
	const fields = data as { message?: unknown; error_description?: unknown; error?: unknown };
	const text = [fields?.message, fields?.error_description, fields?.error].find(
		(value) => typeof value === 'string' && value.trim() !== '',
	) as string | undefined;
	return text ? text.trim().slice(0, 300) : '';
}

/** A non-2xx answer, with everything the server said (status, Retry-After, reason). */
export function classifyAnswer(answer: HttpAnswer): ThroughLineRequestError {
	const status = answer.statusCode;
	if (status === 401) {
		return new ThroughLineRequestError(
			'auth',
			'ThroughLine did not accept the access token, even after requesting a new one',
			'Check the ThroughLine credential: its client ID and secret, and that the Environment and URLs match.',
			401,
		);
	}
	if (status === 429) {
		return new ThroughLineRequestError(
			'rateLimit',
			'ThroughLine is rate limiting requests (HTTP 429)',
			LIMITS_EXPLAINED,
			429,
			parseRetryAfter(answer.headers?.['retry-after']),
		);
	}
	if (status === 403) {
		return new ThroughLineRequestError(
			'forbidden',
			'ThroughLine refused access (HTTP 403)',
			"Your application may not have access to this data: Sandbox applications cover only some countries (the US and New Zealand). Check the application in ThroughLine's developer dashboard.",
			403,
		);
	}
	if (status === 404) {
		return new ThroughLineRequestError('notFound', 'ThroughLine has no such record (HTTP 404)', serverMessage(answer.body), 404);
	}
	if (status >= 500) {
		return new ThroughLineRequestError(
			'server',
			`ThroughLine's API failed (HTTP ${status})`,
			'This is usually temporary. Try again in a few minutes.',
			status,
			parseRetryAfter(answer.headers?.['retry-after']),
		);
	}
	const said = serverMessage(answer.body);
	return new ThroughLineRequestError(
		'client',
		`ThroughLine refused the request (HTTP ${status})${said ? `: ${said}` : ''}`,
		'Check the values of this item (country code, topic, IDs).',
		status,
	);
}

/**
 * What n8n-core threw: a NodeApiError that keeps only a message, a description and an httpCode
 * (an HTTP status, or a network code such as ECONNRESET); the HTTP error itself is dropped.
 */
export function classifyFailure(error: unknown): ThroughLineRequestError {
	if (error instanceof ThroughLineRequestError) return error;
	const thrown = (error ?? {}) as { message?: unknown; description?: unknown; httpCode?: unknown; messages?: unknown };
	const message = typeof thrown.message === 'string' ? thrown.message : '';
	const earlier = Array.isArray(thrown.messages) ? thrown.messages.filter((m) => typeof m === 'string') : [];
	const signIn = [message, ...earlier].find((m) => m.startsWith(AUTH_ERROR_PREFIX));
	if (signIn) {
		const description = typeof thrown.description === 'string' ? thrown.description : '';
		return new ThroughLineRequestError('auth', signIn, description || 'Check the ThroughLine credential.');
	}
	const code = thrown.httpCode === undefined || thrown.httpCode === null ? '' : String(thrown.httpCode);
	if (/^\d{3}$/.test(code)) return classifyAnswer({ statusCode: Number(code) });
	const text = `${code} ${message} ${earlier.join(' ')}`;
	const names = `${String((error as { code?: unknown })?.code ?? '')} ${String((error as { name?: unknown })?.name ?? '')}`;
	if (/ERR_CANCELED|CanceledError/.test(`${text} ${names}`)) return cancelled();
	if (/ECONNABORTED|ETIMEDOUT|timeout/i.test(text)) return timedOut();
	const networkCode = /\b(E[A-Z_]{3,})\b/.exec(text)?.[1];
	return new ThroughLineRequestError(
		'network',
		networkCode ? `Could not reach ThroughLine (${networkCode})` : 'The request to ThroughLine failed',
		'Check the network and the API Base URL of the credential.',
	);
}

export const cancelled = () =>
	new ThroughLineRequestError('cancelled', 'The execution was stopped before ThroughLine answered', 'Nothing was retried.');

export const timedOut = () =>
	new ThroughLineRequestError('timeout', 'ThroughLine did not answer in time', 'Raise "Timeout" in the node options, or try again later.');

/**
 * A 429 that will not go away by itself within this run. `retryAfterMs` is ThroughLine's own
 * Retry-After, when it sent one; beyond the wait cap it is read as the time the quota resets.
 */
export function quotaSpent(retryAfterMs: number | undefined, suffix: string): ThroughLineRequestError {
	const reset = retryAfterMs === undefined ? '' : `; ThroughLine accepts requests again at about ${clockTime(retryAfterMs)}`;
	return new ThroughLineRequestError(
		'rateLimit',
		`ThroughLine is rate limiting requests (HTTP 429)${suffix}: the daily quota is probably used up${reset}`,
		LIMITS_EXPLAINED,
		429,
		retryAfterMs,
	);
}

export function malformedResponse(what: string): ThroughLineRequestError {
	return new ThroughLineRequestError(
		'malformed',
		`ThroughLine answered with data that is not the expected ${what}`,
		'This is usually a temporary fault at ThroughLine or a proxy in between. Try again later; if it persists, check the API Base URL of the credential.',
	);
}

/** The one place a transport failure becomes an n8n error, with the item it belongs to. */
export function toNodeApiError(node: INode, error: ThroughLineRequestError, itemIndex?: number): NodeApiError {
	const safe: JsonObject = { message: error.message, kind: error.kind };
	if (error.httpCode) safe.httpCode = String(error.httpCode);
	return new NodeApiError(node, safe, {
		message: error.message,
		description: error.description,
		httpCode: error.httpCode ? String(error.httpCode) : undefined,
		itemIndex,
	});
}
