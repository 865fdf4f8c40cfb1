// @ts-check
'use strict';

/**
 * Static reference lists for the sandbox: topics, real countries (public
 * emergency numbers only) and the word lists the generator draws from.
 * All helpline names and numbers built from these are synthetic.
 */

/** Topic names as ThroughLine publishes them (public API fixtures); codes are slugs of the names. */
const TOPIC_NAMES = [
	'Suicidal thoughts',
	'Abuse & domestic violence',
	'Anxiety',
	'Bullying',
	'Dementia & Alzheimers',
	'Depression',
	'Eating & body image',
	'Family',
	'Gambling',
	'Gender & sexual identity',
	'Loneliness',
	'Parenting',
	'Pregnancy & abortion',
	'Trauma & PTSD',
	'Relationships',
	'School & work',
	'Self-harm',
	'Sexual abuse',
	'Stress',
	'Substance use',
	'Supporting others',
	'Grief & loss',
	'Physical illness',
];

/** @param {string} name */
function slug(name) {
	return name
		.toLowerCase()
		.replace(/&/g, ' ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

/** @type {{name: string, code: string}[]} */
const TOPICS = TOPIC_NAMES.map((name) => ({ name, code: slug(name) })).sort((a, b) => a.name.localeCompare(b.name, 'en'));

/** Words used in helpline names when a helpline focuses on a topic. */
/** @type {Record<string, string>} */
const TOPIC_WORDS = {
	'Suicidal thoughts': 'Crisis',
	'Abuse & domestic violence': 'Family Violence',
	Anxiety: 'Anxiety',
	Bullying: 'Anti-Bullying',
	'Dementia & Alzheimers': 'Dementia',
	Depression: 'Mood',
	'Eating & body image': 'Eating Disorders',
	Family: 'Family',
	Gambling: 'Gambling',
	'Gender & sexual identity': 'Rainbow',
	Loneliness: 'Friendship',
	Parenting: 'Parent',
	'Pregnancy & abortion': 'Pregnancy Options',
	'Trauma & PTSD': 'Trauma',
	Relationships: 'Relationship',
	'School & work': 'Student',
	'Self-harm': 'Self-Harm',
	'Sexual abuse': 'Sexual Assault',
	Stress: 'Wellbeing',
	'Substance use': 'Alcohol & Drug',
	'Supporting others': 'Carers',
	'Grief & loss': 'Bereavement',
	'Physical illness': 'Health',
};

/**
 * @typedef {object} CountrySpec
 * @property {string} name
 * @property {string} code
 * @property {string} emergencyNumber
 * @property {string[]} timezones IANA zones
 * @property {string[]} languages ISO 639-1, first is the main one
 * @property {string[]} phoneFormats 'D' = random digit
 * @property {string} callingCode for wa.me links
 * @property {string} domain website suffix
 */

/**
 * One row a country: name, code, emergency number, timezones, languages, phone formats, calling
 * code, web domain (the fields of CountrySpec, in that order).
 * @type {[string, string, string, string[], string[], string[], string, string][]}
 */
const REAL_COUNTRY_ROWS = [
	[
		'United States',
		'US',
		'911',
		['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
		['en', 'es'],
		['(800) 555-01DD', '1-888-555-01DD', '(877) 555-01DD'],
		'1',
		'org',
	],
	['New Zealand', 'NZ', '111', ['Pacific/Auckland'], ['en', 'mi'], ['0800 DDD DDD', '0508 DDD DDD'], '64', 'org.nz'],
	['United Kingdom', 'GB', '999', ['Europe/London'], ['en', 'cy'], ['0800 DDD DDDD', '0808 DDD DDDD'], '44', 'org.uk'],
	[
		'Australia',
		'AU',
		'000',
		['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane', 'Australia/Perth'],
		['en'],
		['1800 DDD DDD', '1300 DDD DDD'],
		'61',
		'org.au',
	],
	[
		'Canada',
		'CA',
		'911',
		['America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Halifax'],
		['en', 'fr'],
		['1-800-555-01DD', '(866) 555-01DD'],
		'1',
		'ca',
	],
	['Ireland', 'IE', '112', ['Europe/Dublin'], ['en', 'ga'], ['1800 DDD DDD', '01 DDD DDDD'], '353', 'ie'],
	['India', 'IN', '112', ['Asia/Kolkata'], ['hi', 'en', 'ta', 'bn', 'mr'], ['1800-DDD-DDDD', '+91 DDDDD DDDDD'], '91', 'in'],
	['South Africa', 'ZA', '10111', ['Africa/Johannesburg'], ['en', 'af', 'zu', 'xh'], ['0800 DDD DDD', '011 DDD DDDD'], '27', 'org.za'],
	['Germany', 'DE', '112', ['Europe/Berlin'], ['de', 'en', 'tr'], ['0800 DDD DDDD', '030 DDDDDDDD'], '49', 'de'],
	['France', 'FR', '112', ['Europe/Paris'], ['fr', 'en', 'ar'], ['01 DD DD DD DD', '0 800 DD DD DD'], '33', 'fr'],
	['Japan', 'JP', '110', ['Asia/Tokyo'], ['ja', 'en'], ['0120-DDD-DDD', '03-DDDD-DDDD'], '81', 'jp'],
	['Brazil', 'BR', '190', ['America/Sao_Paulo', 'America/Manaus'], ['pt', 'es'], ['0800 DDD DDDD', '(11) DDDD-DDDD'], '55', 'org.br'],
	['Mexico', 'MX', '911', ['America/Mexico_City', 'America/Tijuana'], ['es', 'en'], ['800 DDD DDDD', '55 DDDD DDDD'], '52', 'org.mx'],
	['Spain', 'ES', '112', ['Europe/Madrid'], ['es', 'ca', 'eu'], ['900 DDD DDD', '91 DDD DD DD'], '34', 'es'],
	['Singapore', 'SG', '999', ['Asia/Singapore'], ['en', 'zh', 'ms', 'ta'], ['1800 DDD DDDD', '6DDD DDDD'], '65', 'sg'],
	['Netherlands', 'NL', '112', ['Europe/Amsterdam'], ['nl', 'en'], ['0800-DDDD', '088 DDD DDDD'], '31', 'nl'],
];

/** @type {CountrySpec[]} */
const REAL_COUNTRIES = REAL_COUNTRY_ROWS.map(([name, code, emergencyNumber, timezones, languages, phoneFormats, callingCode, domain]) => ({
	name,
	code,
	emergencyNumber,
	timezones,
	languages,
	phoneFormats,
	callingCode,
	domain,
}));

/** Pools for synthetic countries in scale mode. */
const SYNTH = {
	syllables: [
		'ar',
		'bel',
		'cor',
		'dan',
		'el',
		'fen',
		'gal',
		'hor',
		'is',
		'ka',
		'lor',
		'mar',
		'nor',
		'os',
		'pel',
		'qua',
		'ros',
		'sal',
		'tor',
		'ul',
		'ven',
		'wyn',
		'xa',
		'yor',
		'zel',
	],
	endings: ['ia', 'land', 'stan', 'ova', 'ania', 'mark', 'esia', 'ador', 'enia', 'burg'],
	emergencyNumbers: ['112', '911', '999', '110', '119', '000', '1122'],
	timezones: [
		'UTC',
		'Europe/Lisbon',
		'Africa/Nairobi',
		'Asia/Dubai',
		'Asia/Jakarta',
		'America/Bogota',
		'Pacific/Fiji',
		'Atlantic/Reykjavik',
		'Asia/Manila',
		'Africa/Lagos',
	],
	languages: ['en', 'fr', 'es', 'ar', 'pt', 'ru', 'sw', 'zh', 'id', 'tl', 'ha', 'fa', 'tr', 'uk', 'vi'],
	phoneFormats: ['0800 DDD DDD', 'DDD DDD DDD', '1DDD'],
};

const SPECIALTIES = [
	'Everyone',
	'Youth',
	'Adults',
	'LGBTQ+',
	'Deaf & HOH',
	'Veterans',
	'Parents',
	'Seniors',
	'Students',
	'Women',
	'Men',
	'Indigenous peoples',
	'Refugees & migrants',
];

const NAME_PREFIXES = [
	'Harbour',
	'Kestrel',
	'Lighthouse',
	'Northstar',
	'Riverbank',
	'Open Door',
	'Beacon',
	'Evergreen',
	'Tidewater',
	'Silver Birch',
	'Bridgeway',
	'Clearwater',
	'Haven',
	'Compass',
	'Lantern',
	'Anchor',
	'Meadow',
	'Summit',
	'Willow',
	'Cedar',
	'Pathway',
	'Horizon',
	'Keystone',
	'Driftwood',
	'Bluebell',
];

const NAME_KINDS = [
	'Helpline',
	'Support Line',
	'Listening Service',
	'Warmline',
	'Text Support',
	'Chat Service',
	'Counselling Service',
	'Support Network',
	'Crisis Line',
];

const CONTACT_METHODS = ['phone', 'sms', 'web_chat', 'whatsapp', 'website'];

/** Helpline key that carries each contact method. */
/** @type {Record<string, string>} */
const CONTACT_KEYS = {
	phone: 'phoneNumber',
	sms: 'smsNumber',
	web_chat: 'webChatUrl',
	whatsapp: 'whatsappUrl',
	website: 'website',
};

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

module.exports = {
	TOPICS,
	TOPIC_NAMES,
	TOPIC_WORDS,
	REAL_COUNTRIES,
	SYNTH,
	SPECIALTIES,
	NAME_PREFIXES,
	NAME_KINDS,
	CONTACT_METHODS,
	CONTACT_KEYS,
	DAYS,
	slug,
};
