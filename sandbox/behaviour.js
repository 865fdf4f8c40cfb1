// @ts-check
'use strict';

/**
 * Switches for the API behaviours that ThroughLine's public pages do not settle
 * (/work/shared/throughline-api.md marks them "unknown" or "weak"). Each one is
 * GUESSED: the defaults keep what this sandbox has always done, and the other
 * values are the plausible alternatives a client must also survive. Tests that
 * only pass under the defaults prove that the node agrees with our guesses, not
 * that it is right: run them under every variant (test/variants).
 *
 * Set them with startServer({ behaviour }), server.setBehaviour(partial),
 * POST /__admin/behaviour, `npm run sandbox -- --variant NAME` or the
 * THROUGHLINE_SANDBOX_VARIANT environment variable (read by startServer).
 */

/**
 * @typedef {object} Behaviour
 * @property {number} maxLimit largest `limit` the search honours (guessed: the maximum is unknown)
 * @property {'reject' | 'clamp'} oversizeLimit a larger `limit`: 400, or silently answer at most maxLimit (guessed)
 * @property {'reject' | 'empty'} unknownCountry a well-formed code ThroughLine does not know: 400, or 200 {"helplines": []} (guessed)
 * @property {'reject' | 'empty'} unknownTopic a topic ThroughLine does not know: 400, or 200 {"helplines": []} (guessed)
 * @property {'ignore' | 'apply'} priorityFilters specialty/contact_method with priority_only=true: ignored, or applied to the curated list (guessed)
 * @property {'created' | 'noContent' | 'emptyOk'} eventAnswer an accepted event: 201 JSON, 204, or 200 with an empty body (guessed: the shape is not public)
 * @property {'list' | 'any'} clickContactMethods click contact_method: only CONTACT_METHODS (partly invented), or any non-empty string (guessed: the values are not public)
 * @property {'name' | 'reversed'} listOrder GET /v1/countries and /v1/topics: in name order, or not (guessed: their order is not documented)
 */

/** @type {Readonly<Behaviour>} */
const DEFAULT_BEHAVIOUR = Object.freeze({
	maxLimit: 1000,
	oversizeLimit: 'reject',
	unknownCountry: 'reject',
	unknownTopic: 'reject',
	priorityFilters: 'ignore',
	eventAnswer: 'created',
	clickContactMethods: 'list',
	listOrder: 'name',
});

/** Allowed values of each enumerated switch. */
/** @type {Record<string, readonly string[]>} */
const CHOICES = {
	oversizeLimit: ['reject', 'clamp'],
	unknownCountry: ['reject', 'empty'],
	unknownTopic: ['reject', 'empty'],
	priorityFilters: ['ignore', 'apply'],
	eventAnswer: ['created', 'noContent', 'emptyOk'],
	clickContactMethods: ['list', 'any'],
	listOrder: ['name', 'reversed'],
};

/**
 * Named variants: each a plausible real API, away from the defaults on one point. A limit of 100
 * is used for the limit variants because 1000 is the node's own guess (a variant at the same
 * number would never show a difference).
 * @type {Record<string, Partial<Behaviour>>}
 */
const VARIANTS = {
	default: {},
	'limit-reject-100': { maxLimit: 100, oversizeLimit: 'reject' },
	'limit-clamp-100': { maxLimit: 100, oversizeLimit: 'clamp' },
	'unknown-empty': { unknownCountry: 'empty', unknownTopic: 'empty' },
	'priority-filters-apply': { priorityFilters: 'apply' },
	'event-no-content': { eventAnswer: 'noContent' },
	'event-empty-ok': { eventAnswer: 'emptyOk' },
	'click-any': { clickContactMethods: 'any' },
	'lists-reversed': { listOrder: 'reversed' },
};

/**
 * Checks a partial behaviour; throws on an unknown switch or value (admin API answers 400).
 * @param {unknown} patch
 * @returns {Partial<Behaviour>}
 */
function checkBehaviour(patch) {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('behaviour must be an object');
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const [key, value] of Object.entries(patch)) {
		if (key === 'maxLimit') {
			if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error('maxLimit must be an integer >= 1');
		} else if (key in CHOICES) {
			if (typeof value !== 'string' || !CHOICES[key].includes(value)) throw new Error(`${key} must be one of ${CHOICES[key].join(', ')}`);
		} else throw new Error(`unknown behaviour switch: ${key} (known: maxLimit, ${Object.keys(CHOICES).join(', ')})`);
		out[key] = value;
	}
	return out;
}

/**
 * A variant spec: names from VARIANTS and `switch=value` pairs, comma-separated, applied in order,
 * e.g. "limit-clamp-100" or "unknown-empty,eventAnswer=noContent,maxLimit=50".
 * @param {string | undefined} spec
 * @returns {Partial<Behaviour>}
 */
function parseVariant(spec) {
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const part of String(spec ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)) {
		const eq = part.indexOf('=');
		if (eq < 0) {
			if (!(part in VARIANTS)) throw new Error(`unknown sandbox variant: ${part} (known: ${Object.keys(VARIANTS).join(', ')})`);
			Object.assign(out, VARIANTS[part]);
		} else {
			const key = part.slice(0, eq).trim();
			const raw = part.slice(eq + 1).trim();
			out[key] = key === 'maxLimit' ? Number(raw) : raw;
		}
	}
	return checkBehaviour(out);
}

/**
 * The live switches of one server. reset() goes back to what the server started with
 * (built-in defaults < THROUGHLINE_SANDBOX_VARIANT < startServer's `behaviour`).
 * @param {Partial<Behaviour> | undefined} initial
 * @param {string | undefined} envVariant
 */
function createBehaviour(initial, envVariant) {
	/** @type {Behaviour} */
	const start = { ...DEFAULT_BEHAVIOUR, ...parseVariant(envVariant), ...checkBehaviour(initial ?? {}) };
	/** @type {Behaviour} */
	let current = { ...start };
	return {
		get: () => ({ ...current }),
		/** @param {unknown} patch */
		set: (patch) => {
			current = { ...current, ...checkBehaviour(patch) };
			return { ...current };
		},
		reset: () => {
			current = { ...start };
		},
	};
}

module.exports = { DEFAULT_BEHAVIOUR, VARIANTS, checkBehaviour, parseVariant, createBehaviour };
