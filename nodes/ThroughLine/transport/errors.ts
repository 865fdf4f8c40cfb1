import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export type FailureKind =
	| 'auth'
	| 'rateLimit'
	| 'server'
	| 'network'
	| 'timeout'
	| 'malformed'
	| 'client'
	| 'notFound'
	| 'forbidden';

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
	'ThroughLine allows 30 requests a second per IP address and 1,000 calls a day per customer (all of its applications together, over a rolling 24 hours). ' +
	'Lower "Max Requests per Second" in the node options, spread scheduled pulls out, or ask ThroughLine to raise the limit.';

interface HttpFailure {
	status?: number;
	code?: string;
	headers?: Record<string, unknown>;
	body?: unknown;
	authMessage?: string;
}

/** Reads what n8n-core's httpRequestWithAuthentication threw (a NodeApiError around an AxiosError). */
export function inspectFailure(error: unknown): HttpFailure {
	const outer = error as { cause?: unknown; httpCode?: unknown; name?: unknown; message?: unknown };
	const chain: unknown[] = [error, outer?.cause, (outer?.cause as { cause?: unknown })?.cause];
	const failure: HttpFailure = {};
	for (const link of chain) {
		const candidate = link as {
			name?: unknown;
			message?: unknown;
			code?: unknown;
			response?: { status?: unknown; headers?: Record<string, unknown>; data?: unknown };
		};
		if (!candidate) continue;
		if (candidate.name === 'ThroughLineAuthError' && typeof candidate.message === 'string') {
			failure.authMessage = candidate.message;
		}
		if (candidate.response && typeof candidate.response.status === 'number') {
			failure.status ??= candidate.response.status;
			failure.headers ??= candidate.response.headers;
			failure.body ??= candidate.response.data;
		}
		if (typeof candidate.code === 'string') failure.code ??= candidate.code;
	}
	if (failure.status === undefined && outer?.httpCode && /^\d{3}$/.test(String(outer.httpCode))) {
		failure.status = Number(outer.httpCode);
	}
	return failure;
}

/** Retry-After in seconds or as an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ECONNABORTED_SOCKET',
]);

export function classifyFailure(error: unknown): ThroughLineRequestError {
	if (error instanceof ThroughLineRequestError) return error;
	const failure = inspectFailure(error);
	const status = failure.status;
	if (failure.authMessage) {
		return new ThroughLineRequestError('auth', failure.authMessage, 'The access token could not be obtained.', status);
	}
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
			parseRetryAfter(failure.headers?.['retry-after']),
		);
	}
	if (status === 403) {
		return new ThroughLineRequestError(
			'forbidden',
			'ThroughLine refused access (HTTP 403)',
			'Your application may not have access to this data: Sandbox applications cover only some countries (the US and New Zealand). Check the application in ThroughLine\'s developer dashboard.',
			403,
		);
	}
	if (status === 404) {
		return new ThroughLineRequestError('notFound', 'ThroughLine has no such record (HTTP 404)', serverMessage(failure.body), 404);
	}
	if (status !== undefined && status >= 500) {
		return new ThroughLineRequestError(
			'server',
			`ThroughLine's API failed (HTTP ${status})`,
			'This is usually temporary. Try again in a few minutes.',
			status,
		);
	}
	if (status !== undefined && status >= 400) {
		const said = serverMessage(failure.body);
		return new ThroughLineRequestError(
			'client',
			`ThroughLine refused the request (HTTP ${status})${said ? `: ${said}` : ''}`,
			'Check the values of this item (country code, topic, IDs).',
			status,
		);
	}
	const code = failure.code ?? '';
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(String((error as Error)?.message))) {
		return new ThroughLineRequestError(
			'timeout',
			'ThroughLine did not answer in time',
			'Raise "Timeout" in the node options, or try again later.',
		);
	}
	if (NETWORK_CODES.has(code) || code.startsWith('E')) {
		return new ThroughLineRequestError(
			'network',
			`Could not reach ThroughLine (${code})`,
			'Check the network and the API Base URL of the credential.',
		);
	}
	return new ThroughLineRequestError(
		'network',
		'The request to ThroughLine failed',
		'Check the network and the API Base URL of the credential.',
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
