/**
 * The published workflow the restart and queue suites call: a GET Webhook (`?country=`), the
 * ThroughLine node's Helpline > Search with the suite's parameters, and Respond to Webhook with
 * every item it gets. The ThroughLine node uses the examples' credential (scripts/demo/examples).
 */
import * as demo from '../../../scripts/demo/examples';

export function webhookSearchWorkflow(o: {
	id: string;
	name: string;
	path: string;
	/** the first eight hex digits of every node id (ids stay fixed, as in a saved workflow) */
	idPrefix: string;
	searchName: string;
	/** Helpline > Search's parameters beside resource and operation */
	search: Record<string, unknown>;
	respondOptions?: Record<string, unknown>;
}) {
	const nodeId = (n: string) => `${o.idPrefix}-0000-4000-8000-0000000000${n}`;
	return {
		id: o.id,
		name: o.name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: nodeId('01'),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: nodeId('aa'),
				parameters: { httpMethod: 'GET', path: o.path, responseMode: 'responseNode', options: {} },
			},
			{
				id: nodeId('02'),
				name: o.searchName,
				type: 'n8n-nodes-throughline.throughLine',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'helpline', operation: 'search', ...o.search },
				credentials: { throughLineApi: { id: demo.CREDENTIAL.id, name: demo.CREDENTIAL.name } },
			},
			{
				id: nodeId('03'),
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: { respondWith: 'allIncomingItems', options: o.respondOptions ?? {} },
			},
		],
		connections: {
			Webhook: { main: [[{ node: o.searchName, type: 'main', index: 0 }]] },
			[o.searchName]: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
	};
}
