import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters, INodeType, WorkflowActivateMode } from 'n8n-workflow';
import { createRunExecutionData, deepCopy, Workflow } from 'n8n-workflow';

// Not re-exported by n8n-core's index: the "Poll Times" parameter n8n's loader puts in front of a
// polling node's own, and the service n8n's ActiveWorkflows calls on every cron tick.
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';

import { ThroughLineTrigger } from '../../nodes/ThroughLine/ThroughLineTrigger.node';
import type { TestCredentialsHelper } from './credentialsHelper';
import { additionalData, CREDENTIAL_ID, nodeTypes } from './runNode';

export const TRIGGER_TYPE = 'n8n-nodes-throughline.throughLineTrigger';
const WORKFLOW_ID = 'wf-poll';

/** The trigger as n8n's loader hands it out: a polling node gets "Poll Times" prepended. */
export function loadedTrigger(): INodeType {
	const type = new ThroughLineTrigger();
	type.description = {
		...type.description,
		properties: [...(commonPollingParameters as typeof type.description.properties), ...type.description.properties],
	};
	return type;
}

export interface PollError {
	name?: string;
	message: string;
	description?: string | null;
	httpCode?: string | null;
}

export interface PollResult {
	/** What the poll emitted: null when it returned null (n8n starts no execution). */
	items: INodeExecutionData[] | null;
	error?: PollError;
}

/**
 * An active workflow with the trigger, polled the way n8n's ActiveWorkflows polls it: one
 * PollContext for the activation (mode "trigger"), one Workflow object whose static data lives in
 * memory across polls, and a save of that static data (as n8n's WorkflowStaticDataService does)
 * whenever a poll emits. Errors are caught and returned, as n8n hands them to __emitError.
 *
 * The first poll is the activation poll, as in n8n 2.41.1 (ActiveWorkflowTriggers.activatePollTrigger
 * runs it on the same context before scheduling any other): an error there refuses the
 * activation, and n8n never polls the workflow again (later polls here return an error saying
 * so); when it passes, the static data is saved even without an emit (ActiveWorkflowManager.add).
 */
export class PollingWorkflow {
	readonly workflow: Workflow;
	readonly node: INode;
	/** The static data n8n would have written to its database so far (saved on emit only). */
	saved: IDataObject;
	polls = 0;
	/** False once the activation poll failed: n8n then leaves the workflow unpublished. */
	active = true;
	private readonly context: PollContext;
	private emitted: INodeExecutionData[][] | undefined;

	constructor(
		private readonly credentials: TestCredentialsHelper,
		parameters: INodeParameters,
		options: { staticData?: IDataObject; activationMode?: WorkflowActivateMode } = {},
	) {
		this.node = {
			id: 'trigger-1',
			name: 'ThroughLine Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters,
			credentials: { throughLineApi: { id: CREDENTIAL_ID, name: 'ThroughLine account' } },
		};
		this.saved = deepCopy(options.staticData ?? {});
		this.workflow = new Workflow({
			id: WORKFLOW_ID,
			name: 'Poll test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: nodeTypes({ [TRIGGER_TYPE]: loadedTrigger() }),
			staticData: deepCopy(this.saved),
			settings: {},
		});
		this.context = new PollContext(
			this.workflow,
			this.node,
			additionalData(credentials),
			'trigger',
			options.activationMode ?? 'activate',
			(data) => {
				this.emitted = data;
				this.save();
			},
			() => {},
		);
	}

	/** The activation poll first (see above), then one scheduled poll per call. */
	async poll(): Promise<PollResult> {
		if (!this.active) {
			return { items: null, error: { message: 'Not polled: the workflow is not active (its activation failed)' } };
		}
		const activation = this.polls === 0;
		this.polls++;
		this.emitted = undefined;
		try {
			const response = await Container.get(TriggersAndPollers).runPoll(this.workflow, this.node, this.context);
			if (response !== null) this.context.__emit(response);
			if (activation) this.save();
			return { items: this.emitted?.[0] ?? null };
		} catch (error) {
			if (activation) this.active = false;
			return { items: null, error: error as PollError };
		}
	}

	/** The node's static data as held in memory now (a copy). */
	nodeStaticData(): IDataObject {
		return deepCopy((this.workflow.staticData[`node:${this.node.name}`] as IDataObject | undefined) ?? {});
	}

	/** "Fetch Test Event": the editor's manual run of the trigger, through WorkflowExecute, on this same workflow. */
	async testEvent(): Promise<PollResult> {
		const hooks = new ExecutionLifecycleHooks('manual', 'exec-manual', {
			id: WORKFLOW_ID,
			name: 'Poll test',
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: [this.node],
			connections: {},
		});
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: this.node, data: { main: [[{ json: {} }]] }, source: null }],
			},
		});
		const execute = new WorkflowExecute(additionalData(this.credentials, hooks), 'manual', runExecutionData);
		const run = await execute.processRunExecutionData(this.workflow);
		const task = run.data.resultData.runData[this.node.name]?.[0];
		const error = (task?.error ?? run.data.resultData.error) as PollError | undefined;
		return { items: task?.data?.main?.[0] ?? null, error };
	}

	/** As WorkflowStaticDataService.saveStaticData: written only when something changed it. */
	private save() {
		const data = this.workflow.staticData;
		if (data.__dataChanged !== true) return;
		const copy = deepCopy(data);
		delete copy.__dataChanged;
		this.saved = copy;
		data.__dataChanged = false;
	}
}
