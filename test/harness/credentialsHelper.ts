import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/**
 * Mirrors n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts) for one credential
 * type, keeping credential data in memory the way n8n keeps it in its database:
 * - preAuthentication runs only when the expirable hidden field is empty, after a 401
 *   (credentialsExpired) or for the credential test, and its result is saved;
 * - generic `authenticate` expressions are resolved against $credentials;
 * - getDecrypted returns a fresh copy with property defaults applied, as a database read would.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly store = new Map<string, ICredentialDataDecryptedObject>();
	/** How often preAuthentication was called and how often its result was saved. */
	preAuthenticationCalls = 0;
	saves = 0;

	constructor(private readonly type: ICredentialType) {
		super();
	}

	set(id: string, data: ICredentialDataDecryptedObject) {
		this.store.set(id, { ...data });
	}

	get(id: string): ICredentialDataDecryptedObject | undefined {
		const data = this.store.get(id);
		return data ? { ...data } : undefined;
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties(): INodeProperties[] {
		return this.type.properties;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (!stored) throw new Error(`No credential with ID ${nodeCredentials.id}`);
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.type.properties) {
			defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...stored };
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		this.saves++;
		this.store.set(nodeCredentials.id ?? '', { ...data });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof this.type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;
		this.preAuthenticationCalls++;
		const output = await this.type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const updated = Object.assign(credentials, output);
		const details = node.credentials?.[typeName];
		if (details) await this.updateCredentials(details, typeName, updated);
		return updated;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions & Record<string, Record<string, string>>;
		const auth = this.type.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (auth?.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(auth.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][this.resolve(key, credentials, workflow, node)] = this.resolve(value, credentials, workflow, node);
				}
			}
		}
		return requestOptions;
	}

	private resolve(value: string, credentials: ICredentialDataDecryptedObject, workflow: Workflow, node: INode) {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
		return resolved ? String(resolved) : '';
	}
}
