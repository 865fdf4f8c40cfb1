// @ts-check
'use strict';
/**
 * The two sides of the benchmark as n8n workflows and credentials. Both sides start the same way:
 * a Webhook (POST, answers when the last node is done, with no data) whose body carries the input
 * items, and a Split Out of `body.items`. Then:
 * - ours: the ThroughLine node, Helpline > Search, country from the item;
 * - http: what a user without the package builds: HTTP Request with n8n's generic OAuth2 credential
 *   (Client Credentials, credentials sent in the body), batched to stay under 30 requests a second,
 *   and a Split Out of `helplines` so that both sides emit one item per helpline.
 */

const { localCredentialData } = require('../demo/examples');

const OURS_TYPE = 'n8n-nodes-throughline.throughLine';

/**
 * HTTP Request batching: 30 items per batch, one batch per 1,050 ms, the same pace as our node's
 * own limiter (30 starts in any 1,050 ms window). Sending everything at once gets 429s, which the
 * HTTP Request node turns into a failed execution.
 */
const HTTP_BATCH = Object.freeze({ batchSize: 30, batchInterval: 1050 });

/** @typedef {'ours'|'http'} Side */
/** @typedef {{limit?: number, returnAll?: boolean}} Query how many helplines per country */

/**
 * @param {Side} side
 * @param {{url: string, clientId: string, clientSecret: string}} server
 * @param {string} name
 */
function credential(side, server, name) {
	if (side === 'ours') return { name, type: 'throughLineApi', data: localCredentialData(server) };
	return {
		name,
		type: 'oAuth2Api',
		data: {
			grantType: 'clientCredentials',
			accessTokenUrl: `${server.url}/oauth/token`,
			clientId: server.clientId,
			clientSecret: server.clientSecret,
			scope: '',
			authentication: 'body',
		},
	};
}

/**
 * Node ids unique within a process, one first digit per kind of workflow (b: these, c: the
 * chatbot's, d: node time's), so that an id says which builder made it.
 * @param {string} digit
 */
function nodeIds(digit) {
	let seq = 0;
	return () => `${digit}0000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
}
const nodeId = nodeIds('b');

/**
 * The Webhook every bench workflow starts with: POST, answering when the last node is done.
 * @param {string} id @param {string} path @param {'noData'|'firstEntryJson'} responseData
 */
const webhookNode = (id, path, responseData) => ({
	id,
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: path,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData, options: {} },
});

/** @param {string} id @param {string} name @param {string} field @param {number} x */
const splitOutNode = (id, name, field, x) => ({
	id,
	name,
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	position: [x, 0],
	parameters: { fieldToSplitOut: field, include: 'noOtherFields', options: {} },
});

/**
 * Our node, Helpline > Search with the given parameters.
 * @param {{id: string, name?: string, typeVersion?: number, position: number[], credential: {id: string, name: string}, parameters: Record<string, unknown>}} o
 */
const throughLineSearchNode = (o) => ({
	id: o.id,
	name: o.name ?? 'ThroughLine',
	type: OURS_TYPE,
	typeVersion: o.typeVersion ?? 1,
	position: o.position,
	credentials: { throughLineApi: o.credential },
	parameters: { resource: 'helpline', operation: 'search', ...o.parameters },
});

/**
 * What a user without the package builds: HTTP Request to /v1/helplines with n8n's generic OAuth2 credential.
 * @param {{id: string, x: number, credential: {id: string, name: string}, serverUrl: string, query: Array<{name: string, value: string}>, options: Record<string, unknown>}} o
 */
const httpSearchNode = (o) => ({
	id: o.id,
	name: 'HTTP Request',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.5,
	position: [o.x, 0],
	credentials: { oAuth2Api: o.credential },
	parameters: {
		url: `${o.serverUrl}/v1/helplines`,
		authentication: 'genericCredentialType',
		genericAuthType: 'oAuth2Api',
		sendQuery: true,
		queryParameters: { parameters: o.query },
		options: o.options,
	},
});

/**
 * A workflow whose nodes run one after the other, in the order given.
 * @param {string} name @param {any[]} nodes
 */
function chainedWorkflow(name, nodes) {
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * @param {Side} side
 * @param {{name: string, path: string, credentialId: string, credentialName: string, serverUrl: string, query: Query, maxRequestsPerSecond?: number}} o
 *   maxRequestsPerSecond: our node's option; absent, the node finds its share (a slow start).
 */
function workflow(side, o) {
	const credential = { id: o.credentialId, name: o.credentialName };
	const start = [webhookNode(nodeId(), o.path, 'noData'), splitOutNode(nodeId(), 'Items', 'body.items', 220)];
	if (side === 'ours') {
		const search = throughLineSearchNode({
			id: nodeId(),
			position: [440, 0],
			credential,
			parameters: {
				country: '={{ $json.country }}',
				...(o.query.returnAll ? { returnAll: true } : { limit: o.query.limit ?? 20 }),
				// These jobs compare the two transports, so every execution asks ThroughLine; what the
				// answer cache saves is a job of its own (the HTTP Request side has no cache).
				options: {
					cacheAnswersFor: 0,
					serveStaleAnswersFor: 0,
					...(o.maxRequestsPerSecond === undefined ? {} : { maxRequestsPerSecond: o.maxRequestsPerSecond }),
				},
			},
		});
		return chainedWorkflow(o.name, [...start, search]);
	}
	const request = httpSearchNode({
		id: nodeId(),
		x: 440,
		credential,
		serverUrl: o.serverUrl,
		query: [
			{ name: 'country_code', value: '={{ $json.country }}' },
			// "Return All" in our node asks for ThroughLine's maximum page, 1,000.
			{ name: 'limit', value: String(o.query.returnAll ? 1000 : (o.query.limit ?? 20)) },
		],
		options: { batching: { batch: { ...HTTP_BATCH } } },
	});
	return chainedWorkflow(o.name, [...start, request, splitOutNode(nodeId(), 'Helplines', 'helplines', 660)]);
}

/** The node whose output is the result (one item per helpline) and the node whose time is the work. */
const RESULT_NODE = { ours: 'ThroughLine', http: 'Helplines' };
const WORK_NODE = { ours: 'ThroughLine', http: 'HTTP Request' };

module.exports = {
	credential,
	workflow,
	nodeIds,
	webhookNode,
	splitOutNode,
	throughLineSearchNode,
	httpSearchNode,
	chainedWorkflow,
	RESULT_NODE,
	WORK_NODE,
	HTTP_BATCH,
	OURS_TYPE,
};
