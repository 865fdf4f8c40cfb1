// @ts-check
'use strict';

/**
 * Builds the sandbox data sets: the fixed demo set and the scale-mode set.
 * Both are pure functions of their seed, so two servers built with the same
 * options hold identical helplines (ids included).
 */

const { createRng } = require('./prng');
const C = require('./catalog');

/** The demo set never depends on the server seed: tests and docs can rely on it. */
const DEMO_SEED = 20240601;

/** @typedef {import('./prng').Rng} Rng */
/** @typedef {import('./catalog').CountrySpec} CountrySpec */
/** @typedef {Record<string, any>} Helpline */
/** @typedef {{ helpline: Helpline, rank: number }} Entry */
/** @typedef {{ countries: CountrySpec[], entries: Entry[], priority: Map<string, string[]>, rng: Rng }} DataSet */

/**
 * @param {Rng} rng
 * @param {Set<string>} used ids already taken
 */
function freshId(rng, used) {
	let id = rng.uuid();
	while (used.has(id)) id = rng.uuid();
	used.add(id);
	return id;
}

/**
 * @param {string[]} days
 * @param {string} open
 * @param {string} close
 */
const week = (days, open, close) => ({ alwaysOpen: false, periods: days.map((day) => ({ day, open, close })) });
// Shared, never mutated in place (the store replaces whole values), so scale mode allocates less.
const HOURS = [week(C.DAYS.slice(0, 5), '09:00', '17:00'), week(C.DAYS, '18:00', '23:30'), week(C.DAYS, '08:00', '22:00')];
const ALWAYS_OPEN = { alwaysOpen: true, periods: [] };

/** @param {Rng} rng */
function makeHours(rng) {
	const r = rng.next();
	if (r < 0.4) return ALWAYS_OPEN;
	if (r > 0.75) return undefined;
	return rng.pick(HOURS);
}

const SLUGS = new Map();
/** @param {string} name */
function slugOf(name) {
	let s = SLUGS.get(name);
	if (s === undefined) SLUGS.set(name, (s = C.slug(name)));
	return s;
}
const SPECIFIC = C.SPECIALTIES.slice(1);

/**
 * One synthetic helpline. `over` replaces generated fields (used for the curated priority services).
 * @param {Rng} rng
 * @param {Set<string>} used
 * @param {CountrySpec} country
 * @param {string} primaryTopic
 * @param {Partial<Helpline>} [over]
 * @returns {Helpline}
 */
function makeHelpline(rng, used, country, primaryTopic, over = {}) {
	let topics = [primaryTopic];
	for (const t of rng.sample(C.TOPIC_NAMES, rng.int(6))) if (t !== primaryTopic) topics.push(t);
	if (!topics.includes('Suicidal thoughts') && rng.chance(0.4)) topics.push('Suicidal thoughts');
	if (over.topics) topics = over.topics;

	const prefix = rng.pick(C.NAME_PREFIXES);
	const name =
		over.name ??
		(primaryTopic === 'Suicidal thoughts'
			? `${prefix} ${rng.pick(['Crisis Line', 'Lifeline', 'Crisis Support', 'Suicide Prevention Line'])}`
			: rng.chance(0.6)
				? `${prefix} ${C.TOPIC_WORDS[primaryTopic]} ${rng.pick(C.NAME_KINDS)}`
				: `${prefix} ${rng.pick(C.NAME_KINDS)}`);

	const hours = makeHours(rng);
	const specialties = over.specialties ?? (rng.chance(0.4) ? ['Everyone'] : rng.sample(SPECIFIC, 1 + rng.int(3)));
	const audience = specialties.includes('Everyone')
		? 'anyone'
		: specialties.join(', ').toLowerCase().replace('& hoh', '& hard of hearing people');
	const topicText = topics.slice(0, 3).join(', ').toLowerCase();
	const paragraphs = [
		`${name} offers free, confidential support for ${audience} dealing with ${topicText}.`,
		hours && hours.alwaysOpen
			? 'Trained counsellors are available 24 hours a day, 7 days a week.'
			: 'Trained volunteers answer calls and messages during opening hours.',
	];
	if (rng.chance(0.5)) paragraphs.push(`If you are in immediate danger, call ${country.emergencyNumber}.`);
	// Real descriptions are often pasted from Windows editors: keep CRLF in a good share.
	const sep = rng.chance(0.4) ? rng.pick(['\r\n', '\r\n\r\n']) : ' ';

	const site = `https://${slugOf(name)}.example.${country.domain}`;
	/** @type {Helpline} */
	const h = {
		id: freshId(rng, used),
		name,
		description: paragraphs.join(sep),
	};
	if (rng.chance(0.9)) h.website = site;
	h.country = countryRef(country);
	h.timezone = rng.pick(country.timezones);
	h.topics = topics;
	if (rng.chance(0.85)) h.phoneNumber = rng.digits(rng.pick(country.phoneFormats));
	if (rng.chance(0.35)) h.smsNumber = rng.chance(0.5) ? rng.digits('DDDDDD') : (h.phoneNumber ?? rng.digits('DDDDD'));
	if (rng.chance(0.4)) h.webChatUrl = `${site}/chat`;
	if (rng.chance(0.2)) h.whatsappUrl = `https://wa.me/${country.callingCode}${rng.digits('DDDDDDDDD')}`;
	if (!h.phoneNumber && !h.smsNumber && !h.webChatUrl && !h.whatsappUrl) h.phoneNumber = rng.digits(country.phoneFormats[0]);
	const [main, ...rest] = country.languages;
	h.supported_languages = [main, ...rng.sample(rest, rng.int(rest.length + 1))];
	h.specialties = specialties;
	if (hours) h.hours = hours;
	const extra = Object.keys(over).filter((k) => !['name', 'topics', 'specialties'].includes(k));
	if (extra.length === 0) return h; // already in canonical key order
	for (const k of extra) h[k] = over[k];
	return orderKeys(h);
}

/** One shared {name, code, emergencyNumber} per country. */
const COUNTRY_REFS = new WeakMap();
/** @param {CountrySpec} c */
function countryRef(c) {
	let ref = COUNTRY_REFS.get(c);
	if (!ref) COUNTRY_REFS.set(c, (ref = { name: c.name, code: c.code, emergencyNumber: c.emergencyNumber }));
	return ref;
}

const KEY_ORDER = [
	'id',
	'name',
	'description',
	'website',
	'country',
	'timezone',
	'topics',
	'phoneNumber',
	'smsNumber',
	'webChatUrl',
	'whatsappUrl',
	'supported_languages',
	'specialties',
	'hours',
];

/**
 * Stable key order as the real API emits it; unknown extra keys follow.
 * @param {Helpline} h
 */
function orderKeys(h) {
	/** @type {Helpline} */
	const out = {};
	for (const k of KEY_ORDER) if (h[k] !== undefined && h[k] !== null) out[k] = h[k];
	for (const k of Object.keys(h)) if (!(k in out) && h[k] !== undefined && h[k] !== null) out[k] = h[k];
	return out;
}

/** Curated "Suicidal thoughts" priority services per demo country. Pairs must be shown together. */
/** @type {Record<string, Partial<Helpline>[]>} */
const DEMO_PRIORITY = {
	US: [
		{ name: 'National Crisis Line (988)', phoneNumber: '988', smsNumber: '988', specialties: ['Adults', 'Everyone'] },
		{ name: 'Teen Crisis Textline', specialties: ['Youth'] },
	],
	NZ: [
		{ name: 'Aotearoa Crisis Support', specialties: ['Adults'] },
		{ name: 'Rangatahi Youth Line', specialties: ['Youth'] },
	],
	CA: [
		{ name: 'Canada Crisis Line', specialties: ['Everyone'], supported_languages: ['en'] },
		{ name: 'Ligne de crise Canada', specialties: ['Everyone'], supported_languages: ['fr'] },
	],
	GB: [{ name: 'Northstar Listening Line' }],
	AU: [{ name: 'Southern Cross Crisis Line' }],
	IE: [{ name: 'Emerald Crisis Support' }],
	IN: [{ name: 'Sahara Crisis Helpline' }],
	ZA: [{ name: 'Ubuntu Crisis Line' }],
	DE: [{ name: 'Krisentelefon Nord' }],
	FR: [{ name: 'Écoute Détresse France' }],
	JP: [{ name: 'Kokoro Crisis Line' }],
	BR: [{ name: 'Linha da Vida Brasil' }],
	MX: [{ name: 'Línea de Crisis México' }],
};

/** @returns {DataSet} */
function buildDemo() {
	const rng = createRng(DEMO_SEED);
	const used = new Set();
	/** @type {Entry[]} */
	const entries = [];
	/** @type {Map<string, string[]>} */
	const priority = new Map();
	let topicCursor = 0;
	for (const country of C.REAL_COUNTRIES) {
		const plan = DEMO_PRIORITY[country.code] ?? [];
		const ids = plan.map((over, i) => {
			const h = makeHelpline(rng, used, country, 'Suicidal thoughts', {
				topics: ['Suicidal thoughts', 'Depression', 'Anxiety', 'Self-harm'],
				...over,
			});
			// Curated services rank at the top of their country, in curated order.
			entries.push({ helpline: h, rank: i * 0.001 });
			return h.id;
		});
		if (ids.length) priority.set(country.code, ids);
		const count = country.code === 'US' ? 20 : country.code === 'NZ' ? 14 : 9;
		for (let i = 0; i < count; i++) {
			// Round-robin primary topics so every topic is covered in the demo set.
			const topic = C.TOPIC_NAMES[topicCursor++ % C.TOPIC_NAMES.length];
			entries.push({ helpline: makeHelpline(rng, used, country, topic), rank: 0.01 + rng.next() });
		}
	}
	return { countries: C.REAL_COUNTRIES.slice(), entries, priority, rng };
}

/**
 * @param {Rng} rng
 * @param {number} count
 * @returns {CountrySpec[]}
 */
function syntheticCountries(rng, count) {
	const taken = new Set(C.REAL_COUNTRIES.map((c) => c.code));
	const names = new Set(C.REAL_COUNTRIES.map((c) => c.name));
	/** @type {CountrySpec[]} */
	const out = [];
	const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	for (let i = 0; i < 26 * 26 && out.length < count; i++) {
		const code = A[Math.floor(i / 26)] + A[i % 26];
		if (taken.has(code)) continue;
		let name = '';
		do {
			const s = rng.pick(C.SYNTH.syllables);
			name = s[0].toUpperCase() + s.slice(1) + rng.pick(C.SYNTH.syllables) + rng.pick(C.SYNTH.endings);
		} while (names.has(name));
		names.add(name);
		const langs = rng.sample(C.SYNTH.languages, 1 + rng.int(3));
		out.push({
			name,
			code,
			emergencyNumber: rng.pick(C.SYNTH.emergencyNumbers),
			timezones: [rng.pick(C.SYNTH.timezones)],
			languages: langs,
			phoneFormats: C.SYNTH.phoneFormats,
			callingCode: String(200 + rng.int(800)),
			domain: code.toLowerCase(),
		});
	}
	return out;
}

/** Most countries that scale mode can hold (two-letter codes). */
const MAX_COUNTRIES = 26 * 26;

/**
 * @param {{ helplines?: number, countries?: number, seed?: number }} scale
 * @param {number} defaultSeed
 * @returns {DataSet}
 */
function buildScale(scale, defaultSeed) {
	const n = scale.helplines ?? 1000;
	const m = scale.countries ?? 50;
	if (!Number.isInteger(n) || n < 0) throw new Error('scale.helplines must be a non-negative integer');
	if (!Number.isInteger(m) || m < 1 || m > MAX_COUNTRIES) throw new Error(`scale.countries must be an integer 1..${MAX_COUNTRIES}`);
	const rng = createRng(scale.seed ?? defaultSeed);
	const real = C.REAL_COUNTRIES.slice(0, Math.min(m, C.REAL_COUNTRIES.length));
	const countries = real.concat(syntheticCountries(rng, m - real.length));
	const used = new Set();
	/** @type {Entry[]} */
	const entries = [];
	for (let i = 0; i < n; i++) {
		const country = i < m ? countries[i] : rng.pick(countries);
		const topic = C.TOPIC_NAMES[i % C.TOPIC_NAMES.length];
		entries.push({ helpline: makeHelpline(rng, used, country, topic), rank: rng.next() });
	}
	/** @type {Map<string, string[]>} */
	const priority = new Map();
	/** @type {Map<string, Entry[]>} best-ranked "Suicidal thoughts" helplines per country */
	const candidates = new Map();
	for (const e of entries.slice().sort((a, b) => a.rank - b.rank)) {
		if (!e.helpline.topics.includes('Suicidal thoughts')) continue;
		const list = candidates.get(e.helpline.country.code);
		if (!list) candidates.set(e.helpline.country.code, [e]);
		else if (list.length < 2) list.push(e);
	}
	for (const country of countries) {
		const pair = country.code === 'US' || country.code === 'NZ';
		if (!pair && !rng.chance(0.5)) continue;
		const picks = (candidates.get(country.code) ?? []).slice(0, pair ? 2 : 1);
		if (pair && picks.length === 2) {
			picks[0].helpline.specialties = ['Adults'];
			picks[1].helpline.specialties = ['Youth'];
		}
		if (picks.length)
			priority.set(
				country.code,
				picks.map((e) => e.helpline.id),
			);
	}
	return { countries, entries, priority, rng };
}

module.exports = { buildDemo, buildScale, makeHelpline, orderKeys, freshId, DEMO_SEED, MAX_COUNTRIES };
