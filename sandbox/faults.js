// @ts-check
'use strict';

/**
 * Fault injection per route key (or '*' for every route without its own fault).
 * Decisions draw from a seeded PRNG so a test sees the same faults every run.
 */

const { createRng } = require('./prng');

const ROUTE_KEYS = [
	'POST /oauth/token',
	'GET /v1/countries',
	'GET /v1/topics',
	'GET /v1/helplines',
	'GET /v1/helplines/:id',
	'POST /v1/events/helpline_display',
	'POST /v1/events/helpline_click',
];

const RATE_KEYS = ['errorRate', 'malformedJsonRate', 'htmlErrorRate', 'dropRate', 'rateLimitRate', 'repeatedRecordRate'];
const KNOWN_KEYS = new Set([...RATE_KEYS, 'latencyMs', 'latencyJitterMs', 'status', 'unauthorizedOnCall', 'times']);
const ROTATION = [500, 502, 503];

/**
 * @typedef {object} Fault
 * @property {number} [latencyMs]
 * @property {number} [latencyJitterMs]
 * @property {number} [errorRate]
 * @property {number} [status]
 * @property {number} [malformedJsonRate]
 * @property {number} [htmlErrorRate]
 * @property {number} [dropRate]
 * @property {number} [unauthorizedOnCall]
 * @property {number} [rateLimitRate]
 * @property {number} [repeatedRecordRate] 0..1, a list answer that holds its first helpline twice (at the start and at the end)
 * @property {number} [times]
 */

/**
 * @typedef {object} Plan what the server must do for one request
 * @property {number} latencyMs
 * @property {'drop' | 'status' | 'unauthorized' | 'error' | 'html' | 'rateLimit' | null} action
 * @property {number} [status]
 * @property {boolean} malformed corrupt the JSON body of the normal answer
 * @property {boolean} [repeated] a list answer's first helpline sent twice
 */

/** @param {unknown} fault @returns {Fault} */
function validate(fault) {
	if (!fault || typeof fault !== 'object') throw new Error('fault must be an object');
	const f = /** @type {Record<string, unknown>} */ (fault);
	for (const [k, v] of Object.entries(f)) {
		if (!KNOWN_KEYS.has(k)) throw new Error(`unknown fault option: ${k}`);
		if (v === undefined) continue;
		if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`fault.${k} must be a number`);
		if (RATE_KEYS.includes(k) && (v < 0 || v > 1)) throw new Error(`fault.${k} must be between 0 and 1`);
		if ((k === 'latencyMs' || k === 'latencyJitterMs') && v < 0) throw new Error(`fault.${k} must be >= 0`);
		if (k === 'status' && (!Number.isInteger(v) || v < 100 || v > 599)) throw new Error('fault.status must be an HTTP status code');
		if ((k === 'times' || k === 'unauthorizedOnCall') && (!Number.isInteger(v) || v < 1))
			throw new Error(`fault.${k} must be a positive integer`);
	}
	return { ...f };
}

/** @param {number} seed */
function createFaults(seed) {
	let rng = createRng(seed);
	let rotation = 0;
	/** @type {Map<string, { fault: Fault, calls: number, remaining: number }>} */
	const active = new Map();

	/** @param {number | undefined} rate */
	function roll(rate) {
		if (!rate) return false;
		if (rate >= 1) return true;
		return rng.next() < rate;
	}

	return {
		ROUTE_KEYS,
		/** @param {string} routeKey @param {Fault | null} fault */
		set(routeKey, fault) {
			if (routeKey !== '*' && !ROUTE_KEYS.includes(routeKey)) {
				throw new Error(`unknown route key: ${routeKey} (use '*' or one of ${ROUTE_KEYS.join(', ')})`);
			}
			if (fault === null) return void active.delete(routeKey);
			const f = validate(fault);
			active.set(routeKey, { fault: f, calls: 0, remaining: f.times ?? Infinity });
		},
		clear() {
			active.clear();
		},
		/** Fresh PRNG and rotation so a reset server repeats the same fault sequence. */
		reset() {
			active.clear();
			rng = createRng(seed);
			rotation = 0;
		},
		list() {
			return Object.fromEntries([...active].map(([k, v]) => [k, { ...v.fault }]));
		},
		/**
		 * Consume one matching request and decide its fate.
		 * @param {string} routeKey
		 * @returns {Plan | null}
		 */
		decide(routeKey) {
			const key = active.has(routeKey) ? routeKey : active.has('*') ? '*' : null;
			if (!key) return null;
			const entry = /** @type {{ fault: Fault, calls: number, remaining: number }} */ (active.get(key));
			entry.calls++;
			entry.remaining--;
			if (entry.remaining <= 0) active.delete(key);
			const f = entry.fault;
			/** @type {Plan} */
			const plan = {
				latencyMs: (f.latencyMs ?? 0) + (f.latencyJitterMs ? rng.next() * f.latencyJitterMs : 0),
				action: null,
				malformed: false,
			};
			if (roll(f.dropRate)) plan.action = 'drop';
			else if (f.status !== undefined) {
				plan.action = 'status';
				plan.status = f.status;
			} else if (f.unauthorizedOnCall === entry.calls) plan.action = 'unauthorized';
			else if (roll(f.errorRate)) {
				plan.action = 'error';
				plan.status = ROTATION[rotation++ % ROTATION.length];
			} else if (roll(f.htmlErrorRate)) plan.action = 'html';
			else if (roll(f.rateLimitRate)) plan.action = 'rateLimit';
			else if (roll(f.malformedJsonRate)) plan.malformed = true;
			else if (roll(f.repeatedRecordRate)) plan.repeated = true;
			return plan;
		},
	};
}

module.exports = { createFaults, ROUTE_KEYS };
