// @ts-check
'use strict';
/**
 * The chatbot scenarios' pure parts: which queries a day of conversations asks (countries × topics
 * with a seeded Zipf-like popularity), how a day is compressed into a run, the bound on calls the
 * cache promises, percentiles, and what counts as "a real number" in an answer.
 */
const { createRng } = require('../../sandbox/prng');

const DAY_MINUTES = 24 * 60;

/** Zipf weights 1/rank^s for ranks 1..n, summing to 1. */
function zipfWeights(/** @type {number} */ n, s = 1) {
	const raw = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
	const total = raw.reduce((a, b) => a + b, 0);
	return raw.map((w) => w / total);
}

/**
 * `count` conversations, each a query drawn from `queries` with Zipf popularity; which query gets
 * which rank is shuffled with the same seed, so a run is the same every time.
 * @template T
 * @param {T[]} queries
 * @param {number} count
 * @param {{seed?: number, exponent?: number}} [o]
 * @returns {T[]}
 */
function drawConversations(queries, count, o = {}) {
	const rng = createRng(o.seed ?? 17);
	const ranked = [...queries];
	for (let i = ranked.length - 1; i > 0; i--) {
		const j = rng.int(i + 1);
		[ranked[i], ranked[j]] = [ranked[j], ranked[i]];
	}
	/** @type {number[]} */
	const cumulative = [];
	let sum = 0;
	for (const w of zipfWeights(ranked.length, o.exponent ?? 1)) cumulative.push((sum += w));
	return Array.from({ length: count }, () => {
		const r = rng.next() * sum;
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] > r) hi = mid;
			else lo = mid + 1;
		}
		return ranked[lo];
	});
}

/**
 * The cache lifetime, in the node's unit (minutes), that is the same share of a run of
 * `runSeconds` as `realMinutes` is of 24 hours: a day compressed into the run.
 */
function scaledMinutes(/** @type {number} */ runSeconds, /** @type {number} */ realMinutes) {
	return (runSeconds / 60) * (realMinutes / DAY_MINUTES);
}

/**
 * The Daily Call Budget that is the same pace in a run of `runSeconds` as `perDay` is in 24 hours:
 * with the lifetime scaled by scaledMinutes, the node's budget then keeps `perDay` calls per run.
 */
function scaledBudget(/** @type {number} */ runSeconds, /** @type {number} */ perDay) {
	return Math.round((perDay * DAY_MINUTES * 60) / runSeconds);
}

/**
 * What the cache promises over a run: each query is asked of ThroughLine at most once per lifetime.
 * `issueBound` is the issue's distinct × (day ÷ lifetime); `strictBound` counts the call that opens
 * each window (a call at 0, L, 2L, … within a day of length D is ⌊D/L⌋ + 1 calls).
 */
function callBounds(/** @type {number} */ distinct, /** @type {number} */ dayMs, /** @type {number} */ lifetimeMs) {
	return { issueBound: Math.round(distinct * (dayMs / lifetimeMs)), strictBound: distinct * (Math.floor(dayMs / lifetimeMs) + 1) };
}

/**
 * Calls a day is expected to make when each query's conversations arrive at random (Poisson)
 * over the day: a query asked n times opens a window, waits out the lifetime, then waits for its
 * next conversation, so it makes about W·n / (n + W) calls, W = day ÷ lifetime windows.
 * @param {number[]} weights each query's share of the conversations
 * @param {number} conversations
 * @param {number} windows day ÷ lifetime
 */
function expectedCalls(weights, conversations, windows) {
	return Math.round(weights.reduce((sum, w) => sum + (windows * w * conversations) / (w * conversations + windows), 0));
}

/** The lifetime (minutes) at which `distinct` queries stay within `quota` calls a day. */
function lifetimeForQuota(/** @type {number} */ distinct, quota = 1000) {
	return Math.ceil((distinct * DAY_MINUTES) / quota);
}

/** Nearest-rank percentile (p in 0..100) of the finite values; NaN when there are none. */
function percentile(/** @type {number[]} */ values, /** @type {number} */ p) {
	const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (!s.length) return NaN;
	const rank = Math.max(1, Math.ceil((p / 100) * s.length));
	return s[rank - 1];
}

/** A phone or SMS number in an answer record, whichever field names it uses (Simplify or raw). */
function realNumber(/** @type {any} */ record) {
	if (!record || typeof record !== 'object') return null;
	for (const key of ['phone', 'phoneNumber', 'phone_number', 'sms', 'smsNumber', 'sms_number']) {
		const v = record[key];
		if (typeof v === 'string' && /\d{3}/.test(v)) return v;
	}
	return null;
}

module.exports = {
	zipfWeights,
	drawConversations,
	scaledMinutes,
	scaledBudget,
	callBounds,
	expectedCalls,
	lifetimeForQuota,
	percentile,
	realNumber,
	DAY_MINUTES,
};
