// @ts-check
'use strict';

/**
 * The sandbox's helpline store: lookups, the /v1/helplines search and live
 * edits. Internal objects are only serialised by the server; everything the
 * public methods return is a deep copy so callers cannot corrupt the store.
 */

const C = require('./catalog');
const { buildDemo, buildScale, orderKeys, freshId } = require('./generate');

/** @typedef {import('./generate').Helpline} Helpline */
/** @typedef {import('./generate').Entry} Entry */

const REQUIRED = ['id', 'name', 'description', 'country', 'timezone', 'topics', 'supported_languages', 'specialties'];
const SUICIDAL = 'Suicidal thoughts';

/** @template T @param {T} v @returns {T} */
const copy = (v) => JSON.parse(JSON.stringify(v));

/**
 * @param {'demo' | { scale: { helplines?: number, countries?: number, seed?: number } } | undefined} spec
 * @param {number} seed used by scale mode when scale.seed is absent
 */
function createStore(spec, seed) {
	const set = !spec || spec === 'demo' ? buildDemo() : buildScale(spec.scale || {}, seed);
	const rng = set.rng;
	const countrySpecs = new Map(set.countries.map((c) => [c.code, c]));
	const sortedCountries = set.countries
		.map((c) => ({ name: c.name, code: c.code, emergencyNumber: c.emergencyNumber }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en'));
	/** @type {Map<string, Entry>} */
	const byId = new Map(set.entries.map((e) => [e.helpline.id, e]));
	const used = new Set(byId.keys());
	const priority = set.priority;
	const topicByKey = new Map();
	for (const t of C.TOPICS) {
		topicByKey.set(t.name.toLowerCase(), t.name);
		topicByKey.set(t.code, t.name);
	}

	// Ranked order, overall and per country, rebuilt lazily after edits.
	/** @type {Entry[] | null} */
	let ranked = null;
	/** @type {Map<string, Entry[]>} */
	let byCountry = new Map();
	function index() {
		if (ranked) return ranked;
		ranked = [...byId.values()].sort((a, b) => a.rank - b.rank || (a.helpline.id < b.helpline.id ? -1 : 1));
		byCountry = new Map();
		for (const e of ranked) {
			const code = e.helpline.country.code;
			const list = byCountry.get(code);
			if (list) list.push(e);
			else byCountry.set(code, [e]);
		}
		return ranked;
	}

	/** @param {unknown} code */
	function findCountry(code) {
		return typeof code === 'string' ? countrySpecs.get(code.trim().toUpperCase()) : undefined;
	}

	/** Topic name for a topic name or code, any case. @param {string} q */
	function findTopic(q) {
		return topicByKey.get(String(q).trim().toLowerCase());
	}

	/** @param {unknown} topics */
	function normaliseTopics(topics) {
		if (!Array.isArray(topics) || topics.length === 0) throw new Error('topics must be a non-empty array of topic names');
		return topics.map((t) => {
			const name = findTopic(String(t));
			if (!name) throw new Error(`unknown topic: ${t}`);
			return name;
		});
	}

	/** @param {unknown} c */
	function countryObject(c) {
		const code = typeof c === 'string' ? c : c && typeof c === 'object' ? /** @type {any} */ (c).code : undefined;
		const spec = findCountry(code);
		if (!spec) throw new Error(`unknown country: ${code}`);
		return { name: spec.name, code: spec.code, emergencyNumber: spec.emergencyNumber };
	}

	/** @param {Helpline} h */
	function checkRequired(h) {
		for (const k of REQUIRED) if (h[k] === undefined || h[k] === null) throw new Error(`helpline.${k} is required`);
		if (typeof h.id !== 'string' || h.id === '' || h.id.includes('/'))
			throw new Error('helpline.id must be a non-empty string without "/"');
	}

	function maxRank() {
		let max = 0;
		for (const e of byId.values()) max = Math.max(max, e.rank);
		return max;
	}

	/**
	 * Add a helpline; missing required fields get plausible defaults. `rank` (optional,
	 * not emitted) places it in the ranked order; default is last.
	 * @param {Partial<Helpline> & { rank?: number }} partial
	 */
	function addHelpline(partial = {}) {
		const { rank, ...p } = partial;
		if (p.id !== undefined && byId.has(p.id)) throw new Error(`duplicate helpline id: ${p.id}`);
		const country = countryObject(p.country ?? 'US');
		const spec = /** @type {import('./catalog').CountrySpec} */ (countrySpecs.get(country.code));
		const name = p.name ?? 'Sandbox Helpline';
		const h = orderKeys({
			description: `${name} was added to the sandbox at runtime.`,
			timezone: spec.timezones[0],
			topics: [SUICIDAL],
			supported_languages: [spec.languages[0]],
			specialties: ['Everyone'],
			...p,
			id: p.id ?? freshId(rng, used),
			name,
			country,
		});
		h.topics = normaliseTopics(h.topics);
		checkRequired(h);
		used.add(h.id);
		byId.set(h.id, { helpline: h, rank: typeof rank === 'number' ? rank : maxRank() + 1 });
		ranked = null;
		return copy(h);
	}

	/**
	 * Merge a patch; a null value removes an optional key (e.g. `{ smsNumber: null }`).
	 * @param {string} id
	 * @param {Partial<Helpline> & { rank?: number }} patch
	 */
	function updateHelpline(id, patch = {}) {
		const entry = byId.get(id);
		if (!entry) throw new Error(`unknown helpline: ${id}`);
		const { rank, ...p } = patch;
		if (p.id !== undefined && p.id !== id) throw new Error('helpline.id cannot change');
		/** @type {Helpline} */
		const next = { ...entry.helpline };
		for (const [k, v] of Object.entries(p)) {
			if (v === null || v === undefined) {
				if (REQUIRED.includes(k)) throw new Error(`helpline.${k} is required`);
				delete next[k];
			} else next[k] = k === 'country' ? countryObject(v) : k === 'topics' ? normaliseTopics(v) : v;
		}
		checkRequired(next);
		entry.helpline = orderKeys(next);
		if (typeof rank === 'number') entry.rank = rank;
		ranked = null;
		return copy(entry.helpline);
	}

	/** @param {string} id */
	function removeHelpline(id) {
		const ok = byId.delete(id);
		if (ok) ranked = null;
		return ok;
	}

	/** Curated ids that still exist, still belong to the country and still carry the topic. @param {string} code */
	function priorityEntries(code) {
		return (priority.get(code) ?? [])
			.map((id) => byId.get(id))
			.filter((e) => e && e.helpline.country.code === code && e.helpline.topics.includes(SUICIDAL))
			.map((e) => /** @type {Entry} */ (e).helpline);
	}

	/**
	 * Search as GET /v1/helplines does. Inputs are already validated.
	 * A priority list is never cut by limit (guessed); the weak filters cut it only when
	 * `priorityFilters` is set (the behaviour switch of the same name, guessed both ways).
	 * @param {{ country: string, topic?: string, priorityOnly?: boolean, limit: number, specialty?: string, contactMethod?: string, priorityFilters?: boolean }} q
	 * @returns {Helpline[]}
	 */
	function search(q) {
		const key = q.contactMethod ? C.CONTACT_KEYS[q.contactMethod] : undefined;
		const specialty = q.specialty?.trim().toLowerCase();
		/** @param {Helpline} h */
		const passes = (h) =>
			!(specialty && !h.specialties.some((/** @type {string} */ s) => s.toLowerCase() === specialty)) && !(key && h[key] === undefined);
		if (q.priorityOnly) {
			const curated = q.topic && q.topic !== SUICIDAL ? [] : priorityEntries(q.country);
			return q.priorityFilters ? curated.filter(passes) : curated;
		}
		index();
		/** @type {Helpline[]} */
		const out = [];
		for (const e of byCountry.get(q.country) ?? []) {
			const h = e.helpline;
			if (q.topic && !h.topics.includes(q.topic)) continue;
			if (!passes(h)) continue;
			out.push(h);
			if (out.length >= q.limit) break;
		}
		return out;
	}

	return {
		countries: () => copy(sortedCountries),
		topics: () => copy(C.TOPICS),
		helplines: () => copy(index().map((e) => e.helpline)),
		/** @param {string} id */
		getHelpline: (id) => {
			const e = byId.get(id);
			return e ? copy(e.helpline) : undefined;
		},
		/** The curated "Suicidal thoughts" list of a country, as priority_only returns it. @param {string} code */
		priority: (code) => copy(priorityEntries(String(code).toUpperCase())),
		/** Replace a country's curated list (ids in display order; [] removes it). @param {string} code @param {string[]} ids */
		setPriority: (code, ids) => {
			const c = findCountry(code);
			if (!c) throw new Error(`unknown country: ${code}`);
			for (const id of ids) if (!byId.has(id)) throw new Error(`unknown helpline: ${id}`);
			priority.set(c.code, ids.slice());
		},
		addHelpline,
		updateHelpline,
		removeHelpline,
		// Internal, used by the HTTP layer (returns live objects, do not mutate).
		_internal: {
			findCountry,
			findTopic,
			search,
			/** @param {string} id */
			get: (id) => byId.get(id)?.helpline,
			countryList: () => sortedCountries,
			topicList: () => C.TOPICS,
		},
	};
}

module.exports = { createStore };
