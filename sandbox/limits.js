// @ts-check
'use strict';

/**
 * Quotas on the authenticated data routes. The real API counts 30/s per IP and
 * 1,000/day per customer over a 24-hour window advanced hourly; the sandbox
 * has one client, so both are counted per server.
 */

/**
 * The real API's quotas, as this server plays them. Kept here, not read from the node's
 * transport/limits.ts: the sandbox is the server's side of the contract, an independent witness
 * (a wrong number in the node must meet a 429 here, not move both). A test holds the two equal
 * (test/nodes/ThroughLine/transport/limits.test.ts).
 */
const DEFAULT_LIMITS = Object.freeze({ perSecondLimit: 30, dailyLimit: 1000 });

const SECOND = 1000;
const HOUR = 3600 * 1000;

/**
 * @typedef {object} LimitConfig
 * @property {number} perSecondLimit 0 or Infinity disables
 * @property {number} dailyLimit 0 or Infinity disables
 * @property {boolean} retryAfter add Retry-After to 429 answers
 */

/** @param {unknown} v @param {string} name */
function checkLimit(v, name) {
	// null is accepted as "disabled" because JSON (admin API) cannot carry Infinity.
	if (v === null) return Infinity;
	if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new Error(`${name} must be a number >= 0 (0 or Infinity disables)`);
	return v === 0 ? Infinity : v;
}

/**
 * @param {Partial<LimitConfig>} initial
 * @param {() => number} [now]
 */
function createLimiter(initial, now = Date.now) {
	/** @type {LimitConfig} */
	const cfg = { ...DEFAULT_LIMITS, retryAfter: true };
	/** @type {number[]} accepted request times within the last second */
	let window = [];
	/** @type {Map<number, number>} hour number -> accepted requests */
	let hours = new Map();

	/** @param {Partial<LimitConfig>} p */
	function set(p) {
		if (p.perSecondLimit !== undefined) cfg.perSecondLimit = checkLimit(p.perSecondLimit, 'perSecondLimit');
		if (p.dailyLimit !== undefined) cfg.dailyLimit = checkLimit(p.dailyLimit, 'dailyLimit');
		if (p.retryAfter !== undefined) cfg.retryAfter = Boolean(p.retryAfter);
	}
	set(initial);

	/**
	 * Admit one request, or describe the 429 to send.
	 * @returns {null | { status: number, body: object, headers: Record<string, string> }}
	 */
	function check() {
		const t = now();
		while (window.length && window[0] <= t - SECOND) window.shift();
		const hour = Math.floor(t / HOUR);
		let day = 0;
		for (const [h, n] of hours) {
			if (h <= hour - 24) hours.delete(h);
			else day += n;
		}
		if (window.length >= cfg.perSecondLimit) {
			return reject(`Too many requests: limit is ${cfg.perSecondLimit} per second`, (window[0] + SECOND - t) / 1000);
		}
		if (day >= cfg.dailyLimit) {
			const oldest = Math.min(...hours.keys());
			return reject(`Daily quota of ${cfg.dailyLimit} requests exceeded`, ((oldest + 24) * HOUR - t) / 1000);
		}
		window.push(t);
		hours.set(hour, (hours.get(hour) ?? 0) + 1);
		return null;
	}

	/** @param {string} message @param {number} waitSeconds */
	function reject(message, waitSeconds) {
		/** @type {Record<string, string>} */
		const headers = {};
		if (cfg.retryAfter) headers['Retry-After'] = String(Math.max(1, Math.ceil(waitSeconds)));
		return { status: 429, body: { error: 'rate_limited', message }, headers };
	}

	return {
		check,
		set,
		config: () => ({ ...cfg }),
		reset() {
			window = [];
			hours = new Map();
		},
	};
}

module.exports = { createLimiter, DEFAULT_LIMITS };
