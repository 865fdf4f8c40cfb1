import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

// Not re-exported by n8n-core's index; the class is what its DI container holds.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { ThroughLineApi } from '../../credentials/ThroughLineApi.credentials';
import { ThroughLine } from '../../nodes/ThroughLine/ThroughLine.node';
import { RETRY_POLICY } from '../../nodes/ThroughLine/transport';
import { sharedAnswers } from '../../nodes/ThroughLine/transport/answerCache';
import { processBudget } from '../../nodes/ThroughLine/transport/callBudget';
import type { SandboxServer, ServerOptions } from '../../sandbox';
import { startServer } from '../../sandbox';
import { TestCredentialsHelper } from './credentialsHelper';

export const NODE_TYPE = 'n8n-nodes-throughline.throughLine';
/** The variant n8n derives for AI agents and MCP (usableAsTool); it runs the same node. */
export const TOOL_NODE_TYPE = `${NODE_TYPE}Tool`;
export const CREDENTIAL_ID = 'cred-1';

/** The tool variant as n8n derives it from `usableAsTool` (only the part that matters here: its name). */
function toolVariant(): INodeType {
	const type = new ThroughLine();
	type.description = { ...type.description, name: `${type.description.name}Tool` };
	return type;
}

/** The node types this harness knows, as n8n's NodeTypes would hand them out. */
export function nodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const types: Record<string, INodeType> = { [NODE_TYPE]: new ThroughLine(), [TOOL_NODE_TYPE]: toolVariant(), ...extra };
	return {
		getByName: (type) => types[type],
		getByNameAndVersion: (type) => types[type],
		getKnownTypes: () => ({}),
	};
}

/** One credential store shared by several executions, like n8n's database. */
export function createCredentials(data: ICredentialDataDecryptedObject): TestCredentialsHelper {
	const helper = new TestCredentialsHelper(new ThroughLineApi());
	helper.set(CREDENTIAL_ID, { environment: 'custom', accessToken: '', ...data });
	return helper;
}

/** Custom-environment credential data pointing at a local ThroughLine-compatible server. */
export const localCredential = (server: { url: string; clientId: string; clientSecret: string }) => ({
	environment: 'custom',
	baseUrl: server.url,
	tokenUrl: `${server.url}/oauth/token`,
	clientId: server.clientId,
	clientSecret: server.clientSecret,
});

/** What n8n hands an execution besides the workflow; only credentials and hooks matter here. */
export function additionalData(credentials: TestCredentialsHelper, hooks?: ExecutionLifecycleHooks) {
	return {
		credentialsHelper: credentials,
		hooks,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function makeNode(parameters: INodeParameters, settings: Partial<INode> = {}): INode {
	return {
		id: 'node-1',
		name: 'ThroughLine',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { throughLineApi: { id: CREDENTIAL_ID, name: 'ThroughLine account' } },
		...settings,
	};
}

export interface NodeRun {
	/** The first (success) output. */
	items: INodeExecutionData[];
	/** Every output: with On Error "Continue (using error output)", [success, error]. */
	outputs: INodeExecutionData[][];
	/** The error n8n recorded for the node, if it failed. */
	error?: { message: string; description?: string | null; itemIndex?: number; httpCode?: string | null; name?: string };
	run: IRun;
}

export interface RunOptions {
	/** The node's "On Error: Continue" setting (continueRegularOutput). */
	continueOnFail?: boolean;
	/** The node's On Error setting as n8n stores it; wins over `continueOnFail`. */
	onError?: INode['onError'];
	/** Node settings such as `typeVersion`, or `type: TOOL_NODE_TYPE` to run it as a model's tool. */
	node?: Partial<INode>;
	/** The workflow's static data, as n8n loaded it from its database (default: none yet). */
	staticData?: IDataObject;
}

/**
 * Runs the ThroughLine node once, as n8n's WorkflowExecute runs it, with `input` as its incoming
 * items. `continueOnFail` or `onError` set the node's On Error setting.
 */
export async function runNode(
	credentials: TestCredentialsHelper,
	parameters: INodeParameters,
	input: IDataObject[] = [{}],
	options: RunOptions = {},
): Promise<NodeRun> {
	const onError = options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined);
	const node = makeNode(parameters, { ...options.node, ...(onError ? { onError } : {}) });
	const run = await executeNode(credentials, node, input, { staticData: options.staticData });
	const task = run.data.resultData.runData[node.name]?.[0];
	const error = (task?.error ?? run.data.resultData.error) as NodeRun['error'];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	return { items: outputs[0] ?? [], outputs, error, run };
}

/**
 * One execution of a workflow of `node` alone, as n8n's WorkflowExecute runs it, with `input` as
 * its incoming items; `types` adds node types beside ThroughLine's (scripts/bench/nodeTimeInProcess.js
 * runs a control node through it).
 */
export async function executeNode(
	credentials: TestCredentialsHelper,
	node: INode,
	input: IDataObject[],
	options: { staticData?: IDataObject; types?: Record<string, INodeType> } = {},
): Promise<IRun> {
	const workflow = new Workflow({
		id: 'wf-1',
		name: 'Test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypes(options.types),
		staticData: options.staticData ?? {},
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		id: 'wf-1',
		name: 'Test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [input.map((json) => ({ json }))] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalData(credentials, hooks), 'manual', runExecutionData);
	return await execute.processRunExecutionData(workflow);
}

/** Calls one of the node's loadOptions methods the way the editor does. */
export async function loadOptions(
	credentials: TestCredentialsHelper,
	method: string,
	parameters: INodeParameters = {},
	settings: Partial<INode> = {},
): Promise<INodePropertyOptions[]> {
	const node = makeNode(parameters, settings);
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: nodeTypes(),
	});
	const context = new LoadOptionsContext(workflow, node, additionalData(credentials), 'parameters');
	const type = new ThroughLine();
	const fn = (type.methods.loadOptions as Record<string, (this: unknown) => Promise<INodePropertyOptions[]>>)[method];
	return await fn.call(context);
}

/** n8n-core keeps an interval for SSH tunnels; without this jest never exits. */
export function shutdownN8nCore() {
	Container.get(SSHClientsManager).onShutdown();
}

/** Shorter retry waits for a test file (the retry counts stay as shipped); returns the restore. */
export function shortenRetryWaits(): () => void {
	const shipped = { ...RETRY_POLICY };
	Object.assign(RETRY_POLICY, { rateLimitBaseMs: 20, failureBaseMs: 20, maxDelayMs: 100 });
	return () => Object.assign(RETRY_POLICY, shipped);
}

/**
 * Starts a local ThroughLine-compatible server for a test file and stops it (and n8n-core's
 * timers) afterwards. Each test starts with counters, faults and limits reset, and with the node's
 * answer cache empty (as in a fresh n8n process).
 */
export function useLocalServer(options: ServerOptions = {}) {
	const handle = { server: undefined as unknown as SandboxServer, credentials: () => createCredentials(localCredential(handle.server)) };
	beforeAll(async () => {
		handle.server = await startServer({ port: 0, ...options });
	});
	afterAll(async () => {
		await handle.server?.close();
		shutdownN8nCore();
	});
	beforeEach(() => {
		sharedAnswers.clear();
		processBudget.clear();
		handle.server.reset();
		handle.server.clearFaults();
		handle.server.setLimits({ perSecondLimit: 30, dailyLimit: 1000, retryAfter: true });
	});
	return handle;
}
