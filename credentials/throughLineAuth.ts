import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { backoffMs, CLIENT_DEFAULTS, clockTime, parseRetryAfter, RETRY_POLICY } from '../nodes/ThroughLine/transport/limits';

export const PRODUCTION_API_BASE_URL = 'https://api.throughlinecare.com';
export const PRODUCTION_TOKEN_URL = 'https://api.findahelpline.com/oauth/token';

/** The same choice as resolveEndpoints(), written as an n8n expression for the credential test. */
export const API_BASE_URL_EXPRESSION =
	"$credentials.environment === 'custom' ? String($credentials.baseUrl || '').trim().replace(/\\/+$/, '') : '" +
	PRODUCTION_API_BASE_URL +
	"'";

export interface ThroughLineEndpoints {
	apiBaseUrl: string;
	tokenUrl: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function resolveEndpoints(credentials: ICredentialDataDecryptedObject): ThroughLineEndpoints {
	if (credentials.environment !== 'custom') {
		return { apiBaseUrl: PRODUCTION_API_BASE_URL, tokenUrl: PRODUCTION_TOKEN_URL };
	}
	return {
		apiBaseUrl: text(credentials.baseUrl).replace(/\/+$/, '') || PRODUCTION_API_BASE_URL,
		tokenUrl: text(credentials.tokenUrl) || PRODUCTION_TOKEN_URL,
	};
}

const LOOPBACK_HINT = 'plain http:// is accepted only for a test server on this machine (localhost, 127.x.x.x or [::1])';

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when a URL may carry the secret or the token: https, or http to this machine only. */
export function isSafeTransport(url: string): boolean {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname));
	} catch {
		return false;
	}
}

/** What to tell the user when a URL of the credential would expose what it carries. */
export const insecureUrlMessage = (field: 'Token URL' | 'API Base URL', carries: string) =>
	`the ${field} must start with https:// (${LOOPBACK_HINT}), so that the ${carries} is encrypted on its way. Correct the ${field} in the ThroughLine credential.`;

/**
 * Which client ID and addresses a stored token was issued for. Never the secret: the fingerprint
 * is stored beside the token and must not help anyone guess it.
 */
export function endpointFingerprint(credentials: ICredentialDataDecryptedObject): string {
	const { apiBaseUrl, tokenUrl } = resolveEndpoints(credentials);
	const issuedFor = JSON.stringify([text(credentials.clientId), tokenUrl, apiBaseUrl]);
	return `v1:${createHash('sha256').update(issuedFor).digest('hex')}`;
}

/**
 * The stored token, if it was issued for the credential as it is now. A token saved before the
 * fingerprint existed, or before the client ID or an address was edited, counts as absent: the
 * request then goes out without it, ThroughLine answers 401, and n8n fetches a new one.
 */
export function usableToken(credentials: ICredentialDataDecryptedObject): string | undefined {
	const token = text(credentials.accessToken);
	if (!token || credentials.tokenFingerprint !== endpointFingerprint(credentials)) return undefined;
	return token;
}

/**
 * Every sign-in failure starts with this. n8n wraps the hook's error in a NodeApiError that keeps
 * only message and description, so the node recognises sign-in failures by it.
 */
export const AUTH_ERROR_PREFIX = 'ThroughLine sign-in failed: ';

/**
 * An error whose message is safe to show anywhere: it never carries the secret, the form body,
 * the raw token response or the underlying HTTP error (whose config holds the body). It has no
 * httpCode on purpose: n8n would replace the message with a generic one for that status.
 */
export class ThroughLineAuthError extends Error {
	constructor(
		reason: string,
		readonly description?: string,
	) {
		super(AUTH_ERROR_PREFIX + reason);
		this.name = 'ThroughLineAuthError';
	}
}

const REJECTED =
	"the client ID or secret was not accepted. Check both in ThroughLine's developer dashboard, and that the application is enabled.";

function statusOf(error: unknown): number | undefined {
	const candidate = error as { response?: { status?: unknown }; httpCode?: unknown; statusCode?: unknown };
	const status = candidate?.response?.status ?? candidate?.statusCode ?? candidate?.httpCode;
	const number = Number(status);
	return Number.isInteger(number) && number > 0 ? number : undefined;
}

function codeOf(error: unknown): string {
	const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
	return typeof code === 'string' ? code : '';
}

function retryAfterOf(error: unknown): number | undefined {
	const headers = (error as { response?: { headers?: Record<string, unknown> } })?.response?.headers;
	return parseRetryAfter(headers?.['retry-after']);
}

/** Turns whatever the token request threw into a message a user can act on, without leaking. */
export function describeTokenFailure(error: unknown, tokenUrl: string, attempts = 1): ThroughLineAuthError {
	const status = statusOf(error);
	const tries = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
	if (status === 400 || status === 401 || status === 403) {
		return new ThroughLineAuthError(REJECTED, `The token endpoint answered HTTP ${status}.`);
	}
	if (status === 429) {
		const retryAfter = retryAfterOf(error);
		const when = retryAfter === undefined ? 'Wait a minute and try again' : `It says to try again at about ${clockTime(retryAfter)}`;
		return new ThroughLineAuthError(`ThroughLine is limiting token requests (HTTP 429)${tries}. ${when}.`);
	}
	if (status !== undefined) {
		return new ThroughLineAuthError(`ThroughLine's token service answered HTTP ${status}${tries}. Try again later.`);
	}
	const code = codeOf(error);
	return new ThroughLineAuthError(
		`could not reach ThroughLine's token URL (${safeUrl(tokenUrl)})${code ? `: ${code}` : ''}${tries}. Check the network and the Token URL.`,
	);
}

/**
 * How long to wait before asking for a token again, or undefined to give up now. A refused ID
 * or secret is final; a busy or unreachable token service is worth a few more tries, as a read is.
 */
export function tokenRetryDelay(error: unknown, retriesSoFar: number): number | undefined {
	if (retriesSoFar >= RETRY_POLICY.tokenRetries) return undefined;
	const status = statusOf(error);
	if (status !== undefined) {
		if (status !== 429 && status < 500) return undefined;
		const retryAfter = retryAfterOf(error);
		if (retryAfter !== undefined) return retryAfter > RETRY_POLICY.maxRetryAfterMs ? undefined : retryAfter;
		return backoffMs(status === 429 ? RETRY_POLICY.rateLimitBaseMs : RETRY_POLICY.failureBaseMs, retriesSoFar);
	}
	// No answer at all: a reset, a refused connection, a timeout. A cancelled request is final.
	if (!/^E[A-Z_]+$/.test(codeOf(error)) || codeOf(error) === 'ERR_CANCELED') return undefined;
	return backoffMs(RETRY_POLICY.failureBaseMs, retriesSoFar);
}

/** Only scheme, host and path: a token URL pasted with a query string must not echo it. */
function safeUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
	} catch {
		return 'an invalid URL';
	}
}

function parseTokenResponse(body: unknown): string | undefined {
	let data = body;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			return undefined;
		}
	}
	const token = (data as IDataObject | undefined)?.access_token;
	return typeof token === 'string' && token.trim() !== '' ? token.trim() : undefined;
}

/** OAuth 2 client-credentials exchange: the secret travels only in the form body, only over https. */
export async function requestAccessToken(
	helpers: IHttpRequestHelper['helpers'],
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const clientId = text(credentials.clientId);
	const clientSecret = text(credentials.clientSecret);
	if (!clientId || !clientSecret) {
		throw new ThroughLineAuthError(
			"the credential needs a client ID and a client secret. Copy both from ThroughLine's developer dashboard.",
		);
	}
	const { tokenUrl, apiBaseUrl } = resolveEndpoints(credentials);
	if (!/^https?:\/\//i.test(tokenUrl) || tokenUrl.includes('?')) {
		throw new ThroughLineAuthError('the Token URL must be a plain https:// address without a query string.');
	}
	if (!isSafeTransport(tokenUrl)) throw new ThroughLineAuthError(insecureUrlMessage('Token URL', 'client secret'));
	// A token that could only be used in the clear is not worth asking for.
	if (!isSafeTransport(apiBaseUrl)) throw new ThroughLineAuthError(insecureUrlMessage('API Base URL', 'access token'));

	let response: unknown;
	for (let retries = 0; ; retries++) {
		// A deadline for the whole answer, not only an idle timer: a trickle cannot hold the sign-in.
		const deadline = AbortSignal.timeout(CLIENT_DEFAULTS.tokenTimeoutMs);
		try {
			response = await helpers.httpRequest({
				method: 'POST',
				url: tokenUrl,
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: clientId,
					client_secret: clientSecret,
				}).toString(),
				json: false,
				timeout: CLIENT_DEFAULTS.tokenTimeoutMs,
				abortSignal: deadline,
			});
			break;
		} catch (caught) {
			const error = deadline.aborted ? Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }) : caught;
			const delay = tokenRetryDelay(error, retries);
			if (delay === undefined) throw describeTokenFailure(error, tokenUrl, retries + 1);
			await sleep(delay);
		}
	}

	const token = parseTokenResponse(response);
	if (!token) {
		throw new ThroughLineAuthError(
			"the token endpoint answered without an access token. Check that the Token URL points at ThroughLine's OAuth endpoint.",
		);
	}
	return token;
}
