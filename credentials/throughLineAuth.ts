import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

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
	const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code ??
		(error as { cause?: { code?: unknown } })?.cause?.code;
	return typeof code === 'string' ? code : '';
}

/** Turns whatever the token request threw into a message a user can act on, without leaking. */
export function describeTokenFailure(error: unknown, tokenUrl: string): ThroughLineAuthError {
	const status = statusOf(error);
	if (status === 400 || status === 401 || status === 403) {
		return new ThroughLineAuthError(REJECTED, `The token endpoint answered HTTP ${status}.`);
	}
	if (status === 429) {
		return new ThroughLineAuthError('ThroughLine is limiting token requests (HTTP 429). Wait a minute and try again.');
	}
	if (status !== undefined) {
		return new ThroughLineAuthError(`ThroughLine's token service answered HTTP ${status}. Try again later.`);
	}
	const code = codeOf(error);
	return new ThroughLineAuthError(
		`could not reach ThroughLine's token URL (${safeUrl(tokenUrl)})${code ? `: ${code}` : ''}. Check the network and the Token URL.`,
	);
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

/** OAuth 2 client-credentials exchange: the secret travels only in the form body. */
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
	const { tokenUrl } = resolveEndpoints(credentials);
	if (!/^https?:\/\//i.test(tokenUrl) || tokenUrl.includes('?')) {
		throw new ThroughLineAuthError(
			'the Token URL must be a plain http(s) address without a query string.',
		);
	}

	let response: unknown;
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
			timeout: 30_000,
		});
	} catch (error) {
		throw describeTokenFailure(error, tokenUrl);
	}

	const token = parseTokenResponse(response);
	if (!token) {
		throw new ThroughLineAuthError(
			"the token endpoint answered without an access token. Check that the Token URL points at ThroughLine's OAuth endpoint.",
		);
	}
	return token;
}
