/**
 * What the browser suite puts into n8n before it starts (a ThroughLine credential for the local
 * server, a small lookup workflow) and what it expects to see, taken from the package's own
 * descriptions and from the local server, so that relabelling a field does not break the suite.
 */
import crypto from 'node:crypto';

import type { ICredentialType, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ThroughLineApi } from '../../../credentials/ThroughLineApi.credentials';
import { ThroughLine } from '../../../nodes/ThroughLine/ThroughLine.node';
import { ThroughLineTrigger } from '../../../nodes/ThroughLine/ThroughLineTrigger.node';
import * as demo from '../../../scripts/demo/examples';
import type { Helpline, SandboxServer } from '../../../sandbox';

export const NODE: INodeTypeDescription = new ThroughLine().description;
export const TRIGGER: INodeTypeDescription = new ThroughLineTrigger().description;
export const CREDENTIAL_TYPE: ICredentialType = new ThroughLineApi();

export const OWNER = Object.freeze({
	email: 'browser-test@example.com',
	firstName: 'Browser',
	lastName: 'Test',
	password: 'Browser-test-1',
});

/** Imported before n8n starts: the one the demo and the examples use, for the local server. */
export const CREDENTIAL = demo.CREDENTIAL;
export const localCredential = demo.localCredential;

/** Manual trigger -> ThroughLine Helpline > Search (one country and topic, a few, Simplified). */
export const LOOKUP = Object.freeze({
	id: 'tlBrowserLookup1',
	name: 'Crisis lines (browser test)',
	node: 'Crisis lines',
	country: 'NZ',
	topic: 'Suicidal thoughts',
	limit: 5,
});

export function lookupWorkflow() {
	return {
		id: LOOKUP.id,
		name: LOOKUP.name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: crypto.randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: crypto.randomUUID(),
				name: LOOKUP.node,
				type: 'n8n-nodes-throughline.throughLine',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'helpline',
					operation: 'search',
					country: LOOKUP.country,
					topic: LOOKUP.topic,
					limit: LOOKUP.limit,
					simplify: true,
				},
				credentials: { throughLineApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
			},
		],
		connections: { Start: { main: [[{ node: LOOKUP.node, type: 'main', index: 0 }]] } },
	};
}

/** Helplines as the local server answers a search (its own HTTP API, its own token). */
export async function serverSearch(server: SandboxServer, query: Record<string, string>): Promise<Helpline[]> {
	const token = await fetch(`${server.url}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: server.clientId, client_secret: server.clientSecret }),
	});
	const { access_token: accessToken } = (await token.json()) as { access_token: string };
	const res = await fetch(`${server.url}/v1/helplines?${new URLSearchParams(query)}`, {
		headers: { authorization: `Bearer ${accessToken}` },
	});
	if (!res.ok) throw new Error(`local server search answered ${res.status}: ${await res.text()}`);
	return ((await res.json()) as { helplines: Helpline[] }).helplines;
}

// ---- what the node's description says the editor should show ---------------------------------

/** The version the editor gives a node added from the nodes panel (the trigger has one). */
const added = (description: INodeTypeDescription) => ({
	typeVersion: description.defaultVersion ?? (Array.isArray(description.version) ? Math.max(...description.version) : description.version),
});

/** Top-level parameters the editor shows for these values on a newly added node: labels, or a notice's text. */
export function shownParameters(description: INodeTypeDescription, values: INodeParameters): string[] {
	const node = added(description);
	const full = NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ?? {};
	return description.properties
		.filter((p) => p.type !== 'hidden' && NodeHelpers.displayParameter(full, p, node, description))
		.map((p) => p.displayName);
}

/** Credential fields shown for these values, in order (ours only; n8n adds its own after them). */
export function shownCredentialFields(values: INodeParameters): INodeProperties[] {
	const full = NodeHelpers.getNodeParameters(CREDENTIAL_TYPE.properties, values, true, false, null, null) ?? {};
	return CREDENTIAL_TYPE.properties.filter((p) => p.type !== 'hidden' && NodeHelpers.displayParameter(full, p, null, null));
}

export function property(description: { properties: INodeProperties[] }, name: string): INodeProperties {
	const found = description.properties.find((p) => p.name === name);
	if (!found) throw new Error(`no parameter ${name}`);
	return found;
}

type Choice = { name: string; value: string; description?: string; action?: string };

export function resourceOptions(): Choice[] {
	return property(NODE, 'resource').options as Choice[];
}

/** The operation list shown for a resource. */
export function operationOptions(resource: string): Choice[] {
	const operation = NODE.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
	if (!operation) throw new Error(`no operations for ${resource}`);
	return operation.options as Choice[];
}

/** Every action the nodes panel lists for the node (one per resource and operation). */
export function allActions(): string[] {
	return resourceOptions().flatMap((r) => operationOptions(r.value).map((o) => o.action ?? o.name));
}

export function noticeText(description: INodeTypeDescription, name: string): string {
	const notice = property(description, name);
	if (notice.type !== 'notice') throw new Error(`${name} is not a notice`);
	return notice.displayName;
}

/** The package's own crisis-line lookup example (examples/crisis-line-lookup.json), as shipped. */
export function crisisLookupExample(): Record<string, unknown> {
	const [workflow] = demo.loadExamples({ only: ['crisisLineLookup'] });
	return workflow;
}
