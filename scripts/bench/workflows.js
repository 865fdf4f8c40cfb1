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
	if (side === 'ours') {
		return {
			name,
			type: 'throughLineApi',
			data: {
				environment: 'custom',
				clientId: server.clientId,
				clientSecret: server.clientSecret,
				baseUrl: server.url,
				tokenUrl: `${server.url}/oauth/token`,
			},
		};
	}
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

let seq = 0;
const nodeId = () => `b0000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

/**
 * @param {Side} side
 * @param {{name: string, path: string, credentialId: string, credentialName: string, serverUrl: string, query: Query}} o
 */
function workflow(side, o) {
	/** @type {any[]} */
	const nodes = [
		{
			id: nodeId(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: o.path,
			parameters: { httpMethod: 'POST', path: o.path, responseMode: 'lastNode', responseData: 'noData', options: {} },
		},
		{
			id: nodeId(),
			name: 'Items',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
		},
	];
	const chain = ['Webhook', 'Items'];
	if (side === 'ours') {
		nodes.push({
			id: nodeId(),
			name: 'ThroughLine',
			type: OURS_TYPE,
			typeVersion: 1,
			position: [440, 0],
			credentials: { throughLineApi: { id: o.credentialId, name: o.credentialName } },
			parameters: {
				resource: 'helpline',
				operation: 'search',
				country: '={{ $json.country }}',
				...(o.query.returnAll ? { returnAll: true } : { limit: o.query.limit ?? 20 }),
				// These jobs compare the two transports, so every execution asks ThroughLine; what the
				// answer cache saves is a job of its own (the HTTP Request side has no cache).
				options: { cacheAnswersFor: 0, serveStaleAnswersFor: 0 },
			},
		});
		chain.push('ThroughLine');
	} else {
		nodes.push(
			{
				id: nodeId(),
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.5,
				position: [440, 0],
				credentials: { oAuth2Api: { id: o.credentialId, name: o.credentialName } },
				parameters: {
					url: `${o.serverUrl}/v1/helplines`,
					authentication: 'genericCredentialType',
					genericAuthType: 'oAuth2Api',
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'country_code', value: '={{ $json.country }}' },
							// "Return All" in our node asks for ThroughLine's maximum page, 1,000.
							{ name: 'limit', value: String(o.query.returnAll ? 1000 : (o.query.limit ?? 20)) },
						],
					},
					options: { batching: { batch: { ...HTTP_BATCH } } },
				},
			},
			{
				id: nodeId(),
				name: 'Helplines',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [660, 0],
				parameters: { fieldToSplitOut: 'helplines', include: 'noOtherFields', options: {} },
			},
		);
		chain.push('HTTP Request', 'Helplines');
	}
	/** @type {Record<string, any>} */
	const connections = {};
	for (let i = 0; i + 1 < chain.length; i++) {
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	}
	return { name: o.name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The node whose output is the result (one item per helpline) and the node whose time is the work. */
const RESULT_NODE = { ours: 'ThroughLine', http: 'Helplines' };
const WORK_NODE = { ours: 'ThroughLine', http: 'HTTP Request' };

module.exports = { credential, workflow, RESULT_NODE, WORK_NODE, HTTP_BATCH, OURS_TYPE };
