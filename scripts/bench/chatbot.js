// @ts-check
'use strict';
/**
 * A chatbot's helpline look-up as n8n workflows, and the conversations that drive them. Each
 * conversation POSTs {country, topic} to a published Webhook that answers with the first helpline:
 * - ours: the ThroughLine node, Helpline > Search, limit 3, Simplify on, the answer cache ON with a
 *   given lifetime (it marks cached and stale answers with `answeredFrom`);
 * - http: HTTP Request (n8n's generic OAuth2 credential, Client Credentials) to /v1/helplines with
 *   the same query, and a Split Out of `helplines`: what a user without the package builds.
 * Conversations arrive on a fixed schedule (open loop: a slow answer does not delay the next
 * arrival), each sent to both sides at the same moment, each side against its own sandbox server
 * so that the calls each side makes are counted apart and neither side's calls slow the other's.
 */
const api = require('./api');
const wf = require('./workflows');
const { realNumber } = require('./conversations');

const LIMIT = 3;
const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
const nodeId = wf.nodeIds('c');

/**
 * @param {'ours'|'http'} side
 * @param {{name: string, path: string, credentialId: string, credentialName: string, serverUrl: string, cacheMinutes: number, staleMinutes?: number, budgetPerDay?: number, limitFromBody?: boolean}} o
 */
function chatbotWorkflow(side, o) {
	const credential = { id: o.credentialId, name: o.credentialName };
	const webhook = wf.webhookNode(nodeId(), o.path, 'firstEntryJson');
	if (side === 'ours') {
		const search = wf.throughLineSearchNode({
			id: nodeId(),
			position: [220, 0],
			credential,
			parameters: {
				country: '={{ $json.body.country }}',
				topic: '={{ $json.body.topic }}',
				limit: o.limitFromBody ? '={{ $json.body.limit }}' : LIMIT,
				simplify: true,
				options: {
					cacheAnswersFor: o.cacheMinutes,
					...(o.staleMinutes === undefined ? {} : { serveStaleAnswersFor: o.staleMinutes }),
					...(o.budgetPerDay === undefined ? {} : { dailyCallBudget: o.budgetPerDay }),
				},
			},
		});
		return wf.chainedWorkflow(o.name, [webhook, search]);
	}
	const request = wf.httpSearchNode({
		id: nodeId(),
		x: 220,
		credential,
		serverUrl: o.serverUrl,
		query: [
			{ name: 'country_code', value: '={{ $json.body.country }}' },
			{ name: 'topic', value: '={{ $json.body.topic }}' },
			{ name: 'limit', value: String(LIMIT) },
		],
		options: {},
	});
	return wf.chainedWorkflow(o.name, [webhook, request, wf.splitOutNode(nodeId(), 'Helplines', 'helplines', 440)]);
}

/**
 * A published chatbot workflow on one side, with its own credential against `server`.
 * @param {any} n8n @param {'ours'|'http'} side @param {any} server
 * @param {{cacheMinutes: number, staleMinutes?: number, budgetPerDay?: number, tag: string, limitFromBody?: boolean}} o
 */
async function publishChatbot(n8n, side, server, o) {
	const name = `${o.tag}-${side}`;
	const credentialId = await api.createCredential(n8n, wf.credential(side, server, name));
	const workflowId = await api.createActiveWorkflow(
		n8n,
		chatbotWorkflow(side, {
			name,
			path: name,
			credentialId,
			credentialName: name,
			serverUrl: server.url,
			cacheMinutes: o.cacheMinutes,
			staleMinutes: o.staleMinutes,
			budgetPerDay: o.budgetPerDay,
			limitFromBody: o.limitFromBody,
		}),
	);
	await webhookLive(n8n, name);
	return { side, path: name, workflowId, server };
}

/**
 * n8n answers "not registered" for a moment after a workflow is published (the soak's first
 * conversations met it). A GET does not run the POST workflow: n8n answers that the path exists
 * for another method once it is live.
 * @param {any} n8n @param {string} path
 */
async function webhookLive(n8n, path, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const res = await fetch(`${n8n.url}/webhook/${path}`).catch(() => undefined);
		const text = res ? await res.text() : '';
		if (res && (res.status !== 404 || !/is not registered\./.test(text))) return;
		await sleep(200);
	}
	throw new Error(`webhook ${path} not live ${timeoutMs} ms after publishing`);
}

/**
 * One conversation on one side: the round trip, the status, the first helpline's id and number,
 * and where our node says the answer came from (live when it says nothing).
 * @param {any} n8n @param {{path: string}} bot @param {{country: string, topic: string}} query
 */
async function converse(n8n, bot, query) {
	const t = performance.now();
	let status = 0;
	/** @type {any} */ let first = null;
	let text = '';
	try {
		const res = await api.callWebhook(n8n, bot.path, query);
		status = res.status;
		text = res.text;
		if (status === 200 && res.text) first = JSON.parse(res.text);
	} catch (error) {
		status = -1; // no answer at all (connection refused, timeout)
		text = String(error instanceof Error ? error.message : error);
	}
	const ms = performance.now() - t;
	const source = status === 200 ? (first?.answeredFrom?.source ?? 'live') : 'error';
	// A cached answer past its lifetime, kept because asking again would go over the daily budget.
	const held = first?.answeredFrom?.heldForDailyBudget === true;
	const number = realNumber(first);
	// What came back instead of a number, to say why (n8n's error text, or the record without one).
	const problem = number === null ? text.slice(0, 300) : undefined;
	return {
		ms,
		status,
		id: first?.id ?? null,
		number,
		source,
		...(held ? { held, ageMinutes: first.answeredFrom.ageMinutes } : {}),
		...(problem === undefined ? {} : { problem }),
	};
}

/**
 * Sends conversation i at start + i × spacing to every bot, at most `maxInFlight` conversations
 * open at once (then an arrival waits, and the lag is recorded). `at(i)` runs before conversation
 * i is sent (the outage switches faults there).
 * @param {{n8n: any, bots: any[], queries: Array<{country: string, topic: string}>, durationMs: number, maxInFlight?: number, at?: (i: number) => void, log?: (l: string) => void}} o
 */
async function drive(o) {
	const spacing = o.durationMs / o.queries.length;
	const maxInFlight = o.maxInFlight ?? 64;
	/** @type {Record<string, any[]>} */
	const results = Object.fromEntries(o.bots.map((b) => [b.side, new Array(o.queries.length)]));
	const open = new Set();
	let maxLagMs = 0;
	let lastSentMs = 0;
	const start = performance.now();
	let lastLog = start;
	for (let i = 0; i < o.queries.length; i++) {
		const due = start + i * spacing;
		const wait = due - performance.now();
		if (wait > 0) await sleep(wait);
		while (open.size >= maxInFlight) await Promise.race(open);
		maxLagMs = Math.max(maxLagMs, performance.now() - due);
		o.at?.(i);
		const sentAtMs = performance.now() - start;
		lastSentMs = sentAtMs;
		for (const bot of o.bots) {
			const p = converse(o.n8n, bot, o.queries[i]).then((r) => {
				results[bot.side][i] = { ...r, i, sentAtMs };
				open.delete(p);
			});
			open.add(p);
		}
		if (performance.now() - lastLog > 30_000) {
			lastLog = performance.now();
			o.log?.(`${i + 1}/${o.queries.length} conversations sent, ${open.size} open`);
		}
	}
	await Promise.all(open);
	return { results, wallMs: performance.now() - start, maxLagMs, lastSentMs };
}

module.exports = { chatbotWorkflow, publishChatbot, converse, drive, LIMIT };
