// @ts-check
'use strict';

/**
 * HTTP layer of the ThroughLine-compatible sandbox: request log, counters,
 * fault injection, bearer auth and quotas around the handlers in routes.js.
 */

const http = require('node:http');
const { createStore } = require('./data');
const { createFaults } = require('./faults');
const { createLimiter, DEFAULT_LIMITS } = require('./limits');
const { HANDLERS, matchRoute } = require('./routes');
const { handleAdmin } = require('./admin');
const { createBehaviour } = require('./behaviour');

const DEMO_CLIENT_ID = 'demo-client-id';
const DEMO_CLIENT_SECRET = 'demo-secret-0f3c9a7e5b2d4c1a';
const TOKEN_ROUTE = 'POST /oauth/token';
const MAX_BODY = 1024 * 1024;
/**
 * The wall clock, as the limiter and every other process (tests, the benchmark) read it. A
 * monotonic clock (performance.now) drifts from it when the machine's clock is stepped: seen
 * here, 73 s within one test run, so a request logged before a test's Date.now() looked later.
 */
const now = () => Date.now();

const HTML_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** @type {Record<number, string>} */
const ERROR_NAMES = {
	400: 'invalid_request',
	401: 'invalid_token',
	403: 'forbidden',
	404: 'not_found',
	409: 'conflict',
	429: 'rate_limited',
	500: 'internal_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

function emptyStats() {
	return {
		tokenRequests: 0,
		total: 0,
		/** @type {Record<string, number>} */ byRoute: {},
		/** @type {Record<string, number>} */ byToken: {},
		/** @type {Record<string, number>} */ byStatus: {},
		rateLimited: 0,
		dropped: 0,
	};
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string | null>} null when too large */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let size = 0;
		req.on('data', (/** @type {Buffer} */ c) => {
			size += c.length;
			if (size <= MAX_BODY) chunks.push(c);
		});
		req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** @param {string | undefined} header */
function bearer(header) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	return m ? m[1] : undefined;
}

/**
 * @param {import('./index').ServerOptions} [options]
 */
async function startServer(options = {}) {
	const seed = options.seed ?? 1;
	const state = {
		clientId: options.clientId ?? DEMO_CLIENT_ID,
		clientSecret: options.clientSecret ?? DEMO_CLIENT_SECRET,
		ttl: options.tokenTtlSeconds ?? 7200,
		store: createStore(options.data, seed),
		faults: createFaults(seed),
		limiter: createLimiter({
			perSecondLimit: options.perSecondLimit ?? DEFAULT_LIMITS.perSecondLimit,
			dailyLimit: options.dailyLimit ?? DEFAULT_LIMITS.dailyLimit,
			retryAfter: options.retryAfter ?? true,
		}),
		// The guessed API behaviours (behaviour.js); the environment lets a whole suite run under a variant.
		behaviour: createBehaviour(options.behaviour, process.env.THROUGHLINE_SANDBOX_VARIANT),
		/** @type {Map<string, number>} token -> expiry (ms epoch) */
		tokens: new Map(),
		stats: emptyStats(),
		/** @type {{ method: string, url: string, headers: Record<string, unknown>, body: string, receivedAt: number, answeredAt?: number }[]} */
		log: [],
		/** @type {Record<string, unknown>[]} */
		events: [],
		/** @type {unknown[]} */
		sink: [],
		/** @type {Map<NodeJS.Timeout, () => void>} pending latency sleeps */
		timers: new Map(),
	};

	/** Latency that close() can cut short. @param {number} ms */
	const sleep = (ms) =>
		new Promise((resolve) => {
			const t = setTimeout(() => {
				state.timers.delete(t);
				resolve(undefined);
			}, ms);
			state.timers.set(t, () => resolve(undefined));
		});

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {number} status
	 * @param {string} body
	 * @param {Record<string, string>} headers
	 */
	function write(res, status, body, headers) {
		state.stats.byStatus[status] = (state.stats.byStatus[status] ?? 0) + 1;
		if (status === 429) state.stats.rateLimited++;
		/** @type {Record<string, string>} */
		const all = { 'Content-Type': 'application/json; charset=utf-8', ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
		// An empty Content-Type means "none" (a 204 carries neither a type nor a length).
		if (all['Content-Type'] === '') delete all['Content-Type'];
		if (status === 204) delete all['Content-Length'];
		res.writeHead(status, all);
		res.end(body);
	}

	/** @param {number} status */
	function injected(status) {
		/** @type {Record<string, string>} */
		const headers = {};
		if ((status === 429 || status === 503) && state.limiter.config().retryAfter) headers['Retry-After'] = '1';
		return { status, body: { error: ERROR_NAMES[status] ?? 'error', message: `injected fault: HTTP ${status}` }, headers };
	}

	/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
	async function handle(req, res) {
		const raw = await readBody(req);
		const rawUrl = req.url ?? '/';
		const url = new URL(rawUrl, 'http://sandbox.local');
		const method = req.method ?? 'GET';
		if (url.pathname === '/__admin' || url.pathname.startsWith('/__admin/')) {
			return handleAdmin(api, state, req, res, url, raw ?? '');
		}
		// Epoch milliseconds with fractions: when the request was read and when its answer left
		// (the benchmark subtracts the API's own time from a node's execution time with these).
		const entry = {
			method,
			url: rawUrl,
			headers: { ...req.headers },
			body: raw ?? '',
			receivedAt: now(),
			answeredAt: /** @type {number | undefined} */ (undefined),
		};
		res.once('finish', () => (entry.answeredAt = now()));
		state.log.push(entry);
		state.stats.total++;
		if (raw === null) return write(res, 413, JSON.stringify({ error: 'invalid_request', message: 'body too large' }), {});

		const match = matchRoute(method, url.pathname);
		if (!match.key) {
			if ('allowed' in match && match.allowed) {
				return write(res, 405, JSON.stringify({ error: 'method_not_allowed', message: `${method} is not allowed here` }), {
					Allow: match.allowed,
				});
			}
			return write(res, 404, JSON.stringify({ error: 'not_found', message: `no route for ${method} ${url.pathname}` }), {});
		}
		const key = match.key;
		state.stats.byRoute[key] = (state.stats.byRoute[key] ?? 0) + 1;
		if (key === TOKEN_ROUTE) state.stats.tokenRequests++;
		const token = key === TOKEN_ROUTE ? undefined : bearer(req.headers.authorization);
		if (token) state.stats.byToken[token] = (state.stats.byToken[token] ?? 0) + 1;

		// Faults act like an unreliable gateway in front of the API: before auth and quotas.
		const plan = state.faults.decide(key);
		if (plan && plan.latencyMs > 0) await sleep(plan.latencyMs);
		if (!res.socket || res.socket.destroyed) return;
		/** @type {{ status: number, body: unknown, headers?: Record<string, string> } | null} */
		let result = null;
		if (plan && plan.action) {
			switch (plan.action) {
				case 'drop':
					state.stats.dropped++;
					req.socket.destroy();
					return;
				case 'html':
					return write(res, 502, HTML_502, { 'Content-Type': 'text/html; charset=utf-8' });
				case 'unauthorized':
					result = { status: 401, body: { error: key === TOKEN_ROUTE ? 'invalid_client' : 'invalid_token' } };
					break;
				case 'rateLimit':
					result = injected(429);
					break;
				default:
					result = injected(/** @type {number} */ (plan.status));
			}
		}
		if (!result && key !== TOKEN_ROUTE) {
			const expiry = token ? state.tokens.get(token) : undefined;
			if (!token || expiry === undefined || expiry <= Date.now()) {
				if (token && expiry !== undefined) state.tokens.delete(token);
				result = { status: 401, body: { error: 'invalid_token' }, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } };
			} else result = state.limiter.check();
		}
		if (!result) result = HANDLERS[key]({ state, req, url, raw: raw ?? '', params: match.params, token });

		// No body at all (204, or the emptyOk event answer): nothing to cut in half either.
		if (result.body === undefined)
			return write(res, result.status, '', result.status === 204 ? { 'Content-Type': '' } : (result.headers ?? {}));
		// A repeated record: a list answer that holds its first helpline twice (the trigger must not pick one).
		const list = result.body && typeof result.body === 'object' ? /** @type {{helplines?: unknown}} */ (result.body).helplines : undefined;
		if (plan && plan.repeated && Array.isArray(list) && list.length) result.body = { ...result.body, helplines: [...list, list[0]] };
		let body = JSON.stringify(result.body);
		// Malformed JSON: the right status and headers, a body cut in half (never parses).
		if (plan && plan.malformed) body = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
		return write(res, result.status, body, result.headers ?? {});
	}

	const httpServer = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			if (!res.headersSent && !res.destroyed)
				write(res, 500, JSON.stringify({ error: 'internal_error', message: String(err && err.message) }), {});
		});
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(options.port ?? 0, host, () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (httpServer.address());
	const urlHost = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : address.address;

	const copy = (/** @type {unknown} */ v) => JSON.parse(JSON.stringify(v));
	const api = {
		url: `http://${urlHost}:${address.port}`,
		port: address.port,
		clientId: state.clientId,
		clientSecret: state.clientSecret,
		data: state.store,
		stats: () => copy(state.stats),
		requests: () => copy(state.log),
		events: () => copy(state.events),
		sink: () => copy(state.sink),
		faults: () => state.faults.list(),
		limits: () => state.limiter.config(),
		behaviour: () => state.behaviour.get(),
		/** @param {Partial<import('./behaviour').Behaviour>} patch */
		setBehaviour: (patch) => state.behaviour.set(patch),
		reset() {
			state.behaviour.reset();
			state.stats = emptyStats();
			state.log = [];
			state.events = [];
			state.sink = [];
			state.limiter.reset();
			state.faults.reset();
		},
		/** @param {string} routeKey @param {import('./faults').Fault | null} fault */
		setFault: (routeKey, fault) => state.faults.set(routeKey, fault),
		clearFaults: () => state.faults.clear(),
		expireTokens: () => state.tokens.clear(),
		/** @param {Partial<import('./limits').LimitConfig>} limits */
		setLimits: (limits) => state.limiter.set(limits),
		close: () =>
			new Promise((resolve) => {
				for (const [t, wake] of state.timers) {
					clearTimeout(t);
					wake();
				}
				state.timers.clear();
				httpServer.close(() => resolve(undefined));
				httpServer.closeAllConnections();
			}),
	};
	return api;
}

module.exports = { startServer, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET };
