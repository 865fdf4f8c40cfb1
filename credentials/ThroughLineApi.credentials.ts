import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { API_BASE_URL_EXPRESSION, requestAccessToken } from './throughLineAuth';

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
					description:
						"ThroughLine's hosted API. Sandbox and Production applications both use it: the tier belongs to the client ID.",
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another API address, for example a local test server',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				"Your application's client ID, from ThroughLine's developer dashboard (developer.throughlinecare.com)",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The client secret shown with the client ID. n8n stores it encrypted and sends it only to the token URL.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.throughlinecare.com',
			placeholder: 'http://127.0.0.1:3999',
			description: 'Address of the ThroughLine API, without /v1',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://api.findahelpline.com/oauth/token',
			placeholder: 'http://127.0.0.1:3999/oauth/token',
			description: 'Address of the OAuth token endpoint',
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
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const accessToken = await requestAccessToken(this.helpers, credentials);
		return { accessToken };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// The Test button runs preAuthentication first, so it proves the token exchange and a data call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${API_BASE_URL_EXPRESSION} }}`,
			url: '/v1/topics',
			method: 'GET',
		},
	};
}
