// @ts-check
'use strict';

/**
 * Handlers for the public API routes. Each returns { status, body, headers? }
 * and never writes to the socket, so the HTTP layer can add faults around it.
 * Error bodies never echo credentials.
 */

const crypto = require('node:crypto');
const { CONTACT_METHODS } = require('./catalog');

/** @typedef {{ status: number, body: unknown, headers?: Record<string, string> }} Result */
/**
 * @typedef {object} Ctx
 * @property {any} state server state (see server.js)
 * @property {import('node:http').IncomingMessage} req
 * @property {URL} url
 * @property {string} raw request body
 * @property {Record<string, string>} params
 * @property {string | undefined} token bearer token presented
 */

/** @param {string} message @returns {Result} */
const bad = (message) => ({ status: 400, body: { error: 'invalid_request', message } });
/** @param {string} error @param {string} [description] @returns {Result} */
const oauthError = (error, description) => ({ status: 400, body: description ? { error, error_description: description } : { error } });

/**
 * POST /oauth/token. documented: form body with grant_type, client_id, client_secret; the answer's
 * fields; the secret never in a URL. guessed: the OAuth-style error bodies and statuses.
 * @param {Ctx} ctx @returns {Result}
 */
function token(ctx) {
	const { state, req, url, raw } = ctx;
	// The secret must never travel in a URL (api-security page): refuse even if the body is right.
	if (url.searchParams.has('client_secret') || url.searchParams.has('client_id')) {
		return oauthError('invalid_request', 'credentials must not be sent in the URL');
	}
	const type = String(req.headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (type !== 'application/x-www-form-urlencoded') {
		return oauthError('invalid_request', 'body must be application/x-www-form-urlencoded');
	}
	const form = new URLSearchParams(raw);
	for (const field of ['grant_type', 'client_id', 'client_secret']) {
		if (!form.get(field)) return oauthError('invalid_request', `missing field: ${field}`);
	}
	if (form.get('grant_type') !== 'client_credentials') return oauthError('unsupported_grant_type');
	if (!safeEqual(form.get('client_id'), state.clientId) || !safeEqual(form.get('client_secret'), state.clientSecret)) {
		return { status: 401, body: { error: 'invalid_client' } };
	}
	const accessToken = crypto.randomBytes(32).toString('base64url');
	state.tokens.set(accessToken, Date.now() + state.ttl * 1000);
	return {
		status: 200,
		body: { access_token: accessToken, token_type: 'Bearer', expires_in: state.ttl, scope: 'public' },
		headers: { 'Cache-Control': 'no-store' },
	};
}

/** @param {string | null} a @param {string} b */
function safeEqual(a, b) {
	const x = Buffer.from(String(a));
	const y = Buffer.from(String(b));
	return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * guessed (switch listOrder): the order of a list; the node's dropdowns must not depend on it.
 * @template T @param {Ctx} ctx @param {readonly T[]} list @returns {readonly T[]}
 */
const inListOrder = (ctx, list) => (ctx.state.behaviour.get().listOrder === 'reversed' ? [...list].reverse() : list);

/** seen: the shape. @param {Ctx} ctx @returns {Result} */
const countries = (ctx) => ({ status: 200, body: { countries: inListOrder(ctx, ctx.state.store._internal.countryList()) } });

/** seen: the shape. @param {Ctx} ctx @returns {Result} */
const topics = (ctx) => ({ status: 200, body: { topics: inListOrder(ctx, ctx.state.store._internal.topicList()) } });

/**
 * GET /v1/helplines. Each rule says where it comes from: documented (ThroughLine's pages), seen (real
 * answers recorded by third parties) or guessed (a switch in behaviour.js when it matters).
 * @param {Ctx} ctx @returns {Result}
 */
function helplines(ctx) {
	const q = ctx.url.searchParams;
	const data = ctx.state.store._internal;
	/** @type {import('./behaviour').Behaviour} */
	const b = ctx.state.behaviour.get();
	const empty = { status: 200, body: { helplines: [] } };
	// documented: country_code is required, ISO 3166-1 alpha-2; guessed: the 400 for a malformed one.
	const cc = q.get('country_code');
	if (cc === null || !/^[A-Za-z]{2}$/.test(cc.trim())) return bad('country_code must be a two-letter ISO 3166-1 code');
	// seen: `us` and `US` both work.
	const country = data.findCountry(cc);
	// guessed (switch unknownCountry): 400, or 200 with an empty list.
	if (!country) return b.unknownCountry === 'empty' ? empty : bad(`unknown country_code: ${cc.trim().toUpperCase()}`);

	/** @type {string | undefined} */
	let topic;
	const t = q.get('topic');
	if (t !== null && t.trim() !== '') {
		// documented: the topic name; guessed: that codes and any case work too.
		topic = data.findTopic(t);
		// guessed (switch unknownTopic): 400, or 200 with an empty list.
		if (!topic) return b.unknownTopic === 'empty' ? empty : bad(`unknown topic: ${t} (see GET /v1/topics)`);
	}

	// documented: priority_only=true; guessed: the 400 for other values.
	const p = q.get('priority_only');
	if (p !== null && !/^(true|false)$/i.test(p)) return bad('priority_only must be true or false');
	const priorityOnly = p !== null && p.toLowerCase() === 'true';

	// seen: default 20. guessed (switches maxLimit, oversizeLimit): the maximum, and what a larger limit gets.
	let limit = 20;
	const l = q.get('limit');
	if (l !== null) {
		if (!/^\d+$/.test(l) || Number(l) < 1) return bad(`limit must be an integer between 1 and ${b.maxLimit}`);
		if (Number(l) > b.maxLimit && b.oversizeLimit === 'reject') return bad(`limit must be an integer between 1 and ${b.maxLimit}`);
		limit = Math.min(Number(l), b.maxLimit);
	}

	// guessed (one unofficial OpenAPI file): the specialty and contact_method filters and their values.
	const cm = q.get('contact_method');
	if (cm !== null && cm !== '' && !CONTACT_METHODS.includes(cm.toLowerCase())) {
		return bad(`contact_method must be one of ${CONTACT_METHODS.join(', ')}`);
	}
	const specialty = q.get('specialty') || undefined;
	const found = data.search({
		country: country.code,
		topic,
		priorityOnly,
		limit,
		specialty,
		contactMethod: cm ? cm.toLowerCase() : undefined,
		// guessed (switch priorityFilters): whether the filters also cut a curated priority list.
		priorityFilters: b.priorityFilters === 'apply',
	});
	return { status: 200, body: { helplines: found } };
}

/** guessed (one source): the route and its shape; the 404 too. @param {Ctx} ctx @returns {Result} */
function helplineById(ctx) {
	const h = ctx.state.store._internal.get(ctx.params.id);
	return h ? { status: 200, body: { helpline: h } } : { status: 404, body: { error: 'not_found', message: 'no helpline with that id' } };
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * POST /v1/events/helpline_display and helpline_click. documented: the body fields (helpline_id,
 * session_id, timestamp, contact_method). seen: nothing. guessed: the path spelling, JSON body,
 * every 400 below and the answer (switch eventAnswer).
 * @param {'helpline_display' | 'helpline_click'} type
 * @returns {(ctx: Ctx) => Result}
 */
function event(type) {
	return (ctx) => {
		const ct = String(ctx.req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		if (ct !== 'application/json') return bad('Content-Type must be application/json');
		let b;
		try {
			b = JSON.parse(ctx.raw);
		} catch {
			return bad('body must be valid JSON');
		}
		if (!b || typeof b !== 'object' || Array.isArray(b)) return bad('body must be a JSON object');
		if (typeof b.helpline_id !== 'string' || b.helpline_id === '') return bad('helpline_id is required');
		if (!ctx.state.store._internal.get(b.helpline_id)) return bad('helpline_id does not match a known helpline');
		if (typeof b.session_id !== 'string' || b.session_id.trim() === '' || b.session_id.length > 200) {
			return bad('session_id must be a non-empty string of at most 200 characters');
		}
		if (typeof b.timestamp !== 'string' || !ISO_8601.test(b.timestamp) || Number.isNaN(Date.parse(b.timestamp))) {
			return bad('timestamp must be an ISO 8601 date-time, e.g. 2025-01-31T12:00:00Z');
		}
		// documented: the click adds contact_method. guessed (switch clickContactMethods): its values,
		// CONTACT_METHODS is partly invented (web_chat, website); the only value seen elsewhere is "chat".
		if (type === 'helpline_click') {
			const listed = CONTACT_METHODS.includes(b.contact_method);
			const anyString = typeof b.contact_method === 'string' && b.contact_method.trim() !== '';
			if (ctx.state.behaviour.get().clickContactMethods === 'any' ? !anyString : !listed) {
				return bad(`contact_method must be one of ${CONTACT_METHODS.join(', ')}`);
			}
		}
		const eventId = crypto.randomUUID();
		/** @type {Record<string, unknown>} */
		const rec = { event_id: eventId, type, helpline_id: b.helpline_id, session_id: b.session_id, timestamp: b.timestamp };
		if (type === 'helpline_click') rec.contact_method = b.contact_method;
		rec.received_at = new Date().toISOString();
		rec.token = ctx.token;
		rec.body = b;
		ctx.state.events.push(rec);
		// guessed (switch eventAnswer): the answer's status and shape are not public.
		const answer = ctx.state.behaviour.get().eventAnswer;
		if (answer === 'noContent') return { status: 204, body: undefined };
		if (answer === 'emptyOk') return { status: 200, body: undefined };
		return { status: 201, body: { status: 'recorded', event_id: eventId } };
	};
}

/** Route table: key -> handler. The token route is the only one without bearer auth. */
/** @type {Record<string, (ctx: Ctx) => Result>} */
const HANDLERS = {
	'POST /oauth/token': token,
	'GET /v1/countries': countries,
	'GET /v1/topics': topics,
	'GET /v1/helplines': helplines,
	'GET /v1/helplines/:id': helplineById,
	'POST /v1/events/helpline_display': event('helpline_display'),
	'POST /v1/events/helpline_click': event('helpline_click'),
};

/**
 * Match a request to a route key. Path ids are decoded; ids with '/' never match.
 * @param {string} method
 * @param {string} pathname raw (still percent-encoded) path
 * @returns {{ key: string, params: Record<string, string> } | { key: null, allowed?: string }}
 */
function matchRoute(method, pathname) {
	/** @type {Record<string, string>} */
	const params = {};
	let key = null;
	let path = pathname;
	const m = /^\/v1\/helplines\/([^/]*)$/.exec(pathname);
	if (m) {
		try {
			params.id = decodeURIComponent(m[1]);
		} catch {
			params.id = '';
		}
		path = '/v1/helplines/:id';
	}
	key = `${method} ${path}`;
	if (HANDLERS[key]) return { key, params };
	const allowed = Object.keys(HANDLERS).filter((k) => k.endsWith(` ${path}`));
	return allowed.length ? { key: null, allowed: allowed.map((k) => k.split(' ')[0]).join(', ') } : { key: null };
}

module.exports = { HANDLERS, matchRoute };
