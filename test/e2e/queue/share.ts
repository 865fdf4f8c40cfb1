/**
 * Issue 17's queue-mode targets: workers share ThroughLine's per-IP limit (30 a second) with no
 * *Max Requests per Second* set and the cache off, so every search reaches the API. One webhook
 * call alone cannot reach 30 a second on two cores (n8n's own work per execution caps a cluster
 * near 16 executions a second), so each call asks for the helplines of five countries: Split Out
 * makes five items, and the node's five searches run at once, paced by the worker they run on.
 */

export const SHARE = {
	webhookPath: 'throughline-queue-share',
	workflowId: 'tlQueueShare0001',
	countriesPerCall: 5,
	/** Calls per load: 600 searches, about 20 seconds at 30 a second. */
	calls: 120,
	/** The issue's targets, at the server: its busiest second, and 429s as a share of its requests. */
	peakPerSecond: 33,
	rateLimitedShare: 0.01,
};

/** The countries one call asks for: five in a row of the rotation, from `first`. */
export function countriesFrom(first: string, rotation: string[]): string[] {
	const start = rotation.indexOf(first);
	return Array.from({ length: SHARE.countriesPerCall }, (_, i) => rotation[(start + i) % rotation.length]);
}

export const shareUrl = (base: string, countries: string[]) =>
	`${base}/webhook/${SHARE.webhookPath}?${countries.map((c) => `country=${c}`).join('&')}`;

/** Webhook (?country=…&country=…) → Split Out → ThroughLine Search, cache off, no rate set → Respond. */
export function shareWorkflow(credential: { id: string; name: string }) {
	return {
		id: SHARE.workflowId,
		name: 'ThroughLine queue share: helplines for five countries a call',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'd4e5f6a7-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: 'd4e5f6a7-0000-4000-8000-0000000000aa',
				parameters: { httpMethod: 'GET', path: SHARE.webhookPath, responseMode: 'responseNode', options: {} },
			},
			{
				id: 'd4e5f6a7-0000-4000-8000-000000000002',
				name: 'One item per country',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'query.country', include: 'noOtherFields', options: { destinationFieldName: 'country' } },
			},
			{
				id: 'd4e5f6a7-0000-4000-8000-000000000003',
				name: 'Helplines',
				type: 'n8n-nodes-throughline.throughLine',
				typeVersion: 1,
				position: [440, 0],
				// No Max Requests per Second: the workers must find their shares themselves.
				parameters: {
					resource: 'helpline',
					operation: 'search',
					country: '={{ $json.country }}',
					returnAll: true,
					simplify: true,
					options: { cacheAnswersFor: 0, serveStaleAnswersFor: 0 },
				},
				credentials: { throughLineApi: credential },
			},
			{
				id: 'd4e5f6a7-0000-4000-8000-000000000004',
				name: 'Respond',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [660, 0],
				parameters: {
					respondWith: 'allIncomingItems',
					options: { responseHeaders: { entries: [{ name: 'x-execution-id', value: '={{ $execution.id }}' }] } },
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per country', type: 'main', index: 0 }]] },
			'One item per country': { main: [[{ node: 'Helplines', type: 'main', index: 0 }]] },
			Helplines: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * The most requests within any `widthMs` (from an arrival, that arrival included, up to but not
 * including widthMs later), and when that window began, in seconds after the first arrival.
 */
function busiestWindow(receivedAt: number[], widthMs: number): { requests: number; startsAtSecond: number } {
	const times = [...receivedAt].sort((a, b) => a - b);
	let best = { requests: 0, startsAtSecond: 0 };
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= widthMs) j++;
		if (i - j + 1 > best.requests) best = { requests: i - j + 1, startsAtSecond: Math.round((times[j] - times[0]) / 100) / 10 };
	}
	return best;
}

/** The server's busiest second, from the times it logged each request (429s included). */
export const busiestSecond = (receivedAt: number[]) => busiestWindow(receivedAt, 1000);

/**
 * The most requests the server logged within any `ms`: requests that arrive evenly at 30 a second
 * are about 33 ms apart, so many within a few ms were sent together, or arrived while the process
 * that runs the server was busy and were read at once. A busy spell of d ms alone makes the
 * busiest second 30 + 30·d/1000 at the server's clock: the bunch plus the full second after it
 * (a spell of 330 ms: 40).
 */
export const tightestBunch = (receivedAt: number[], ms: number) => busiestWindow(receivedAt, ms).requests;

/** Each target as measured: met or missed, never left out of the figures. */
export function shareTargets(f: {
	peakApiRequestsPerSecond: number;
	serverBusiestSecond: number;
	rateLimited429: number;
	apiRequests: number;
	failed: number;
}) {
	const rateLimitedShare = f.apiRequests ? f.rateLimited429 / f.apiRequests : 0;
	const peak = Math.max(f.peakApiRequestsPerSecond, f.serverBusiestSecond);
	return {
		peakPerSecond: { target: SHARE.peakPerSecond, measured: peak, met: peak <= SHARE.peakPerSecond },
		rateLimitedShare: {
			target: SHARE.rateLimitedShare,
			measured: Math.round(rateLimitedShare * 10_000) / 10_000,
			met: rateLimitedShare <= SHARE.rateLimitedShare,
		},
		failedCalls: { target: 0, measured: f.failed, met: f.failed === 0 },
	};
}
