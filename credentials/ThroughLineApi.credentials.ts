import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	API_BASE_URL_EXPRESSION,
	endpointFingerprint,
	isSafeTransport,
	requestAccessToken,
	resolveEndpoints,
	usableToken,
} from './throughLineAuth';

/** True when the request goes to the credential's API base URL (the token's only audience). */
function goesTo(apiBaseUrl: string, options: IHttpRequestOptions): boolean {
	// n8n's legacy request helper (the HTTP Request node) names the address `uri`.
	const url = options.url ?? (options as { uri?: unknown }).uri;
	try {
		const base = new URL(apiBaseUrl);
		const target = new URL(String(url), options.baseURL || undefined);
		const prefix = base.pathname.replace(/\/+$/, '') + '/';
		return target.origin === base.origin && `${target.pathname}/`.startsWith(prefix);
	} catch {
		return false;
	}
}

/**
 * The bearer token goes only where it was issued for, and only over https (or to this machine).
 * Otherwise the request goes out without it: ThroughLine answers 401 and n8n signs in again.
 */
export async function authenticateThroughLine(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const token = usableToken(credentials);
	const { apiBaseUrl } = resolveEndpoints(credentials);
	if (!token || !isSafeTransport(apiBaseUrl) || !goesTo(apiBaseUrl, requestOptions)) return requestOptions;
	return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
}

export class ThroughLineApi implements ICredentialType {
	name = 'throughLineApi';

	displayName = 'ThroughLine API';

	icon: Icon = {
		light: 'file:../nodes/ThroughLine/throughline.svg',
		dark: 'file:../nodes/ThroughLine/throughline.dark.svg',
	};

	documentationUrl = 'https://developer.throughlinecare.com';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: "ThroughLine's hosted API. Sandbox and Production applications both use it: the tier belongs to the client ID.",
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another API address, for example a local test server',
				},
			],
			default: 'production',
			description: "Which API the node signs in to and reads from: ThroughLine's own, or another address",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: "Your application's client ID, from ThroughLine's developer dashboard (developer.throughlinecare.com)",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The client secret shown with the client ID. n8n stores it encrypted and sends it only to the token URL.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.throughlinecare.com',
			placeholder: 'https://api.throughlinecare.com',
			description:
				'Address of the ThroughLine API, without /v1. Must start with https://; http:// only for a test server on this machine (localhost, 127.0.0.1).',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://api.findahelpline.com/oauth/token',
			placeholder: 'https://api.findahelpline.com/oauth/token',
			description:
				'Address of the OAuth token endpoint. Must start with https://; http:// only for a test server on this machine (localhost, 127.0.0.1).',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			// Filled by preAuthentication; n8n stores it encrypted and refreshes it after a 401.
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			// Which client ID and addresses the token above was issued for (see usableToken).
			displayName: 'Token Fingerprint',
			name: 'tokenFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const accessToken = await requestAccessToken(this.helpers, credentials);
		return { accessToken, tokenFingerprint: endpointFingerprint(credentials) };
	}

	// An own property, not a method: n8n copies credential types with a spread, which keeps
	// only own properties, and offers "Custom API Call" only where `authenticate` survives it.
	authenticate = authenticateThroughLine;

	// The Test button runs preAuthentication first, so it proves the token exchange and a data call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${API_BASE_URL_EXPRESSION} }}`,
			url: '/v1/topics',
			method: 'GET',
		},
	};
}
