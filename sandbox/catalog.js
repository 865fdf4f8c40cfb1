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

/** @type {CountrySpec[]} */
const REAL_COUNTRIES = [
	{
		name: 'United States',
		code: 'US',
		emergencyNumber: '911',
		timezones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
		languages: ['en', 'es'],
		phoneFormats: ['(800) 555-01DD', '1-888-555-01DD', '(877) 555-01DD'],
		callingCode: '1',
		domain: 'org',
	},
	{
		name: 'New Zealand',
		code: 'NZ',
		emergencyNumber: '111',
		timezones: ['Pacific/Auckland'],
		languages: ['en', 'mi'],
		phoneFormats: ['0800 DDD DDD', '0508 DDD DDD'],
		callingCode: '64',
		domain: 'org.nz',
	},
	{
		name: 'United Kingdom',
		code: 'GB',
		emergencyNumber: '999',
		timezones: ['Europe/London'],
		languages: ['en', 'cy'],
		phoneFormats: ['0800 DDD DDDD', '0808 DDD DDDD'],
		callingCode: '44',
		domain: 'org.uk',
	},
	{
		name: 'Australia',
		code: 'AU',
		emergencyNumber: '000',
		timezones: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane', 'Australia/Perth'],
		languages: ['en'],
		phoneFormats: ['1800 DDD DDD', '1300 DDD DDD'],
		callingCode: '61',
		domain: 'org.au',
	},
	{
		name: 'Canada',
		code: 'CA',
		emergencyNumber: '911',
		timezones: ['America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Halifax'],
		languages: ['en', 'fr'],
		phoneFormats: ['1-800-555-01DD', '(866) 555-01DD'],
		callingCode: '1',
		domain: 'ca',
	},
	{
		name: 'Ireland',
		code: 'IE',
		emergencyNumber: '112',
		timezones: ['Europe/Dublin'],
		languages: ['en', 'ga'],
		phoneFormats: ['1800 DDD DDD', '01 DDD DDDD'],
		callingCode: '353',
		domain: 'ie',
	},
	{
		name: 'India',
		code: 'IN',
		emergencyNumber: '112',
		timezones: ['Asia/Kolkata'],
		languages: ['hi', 'en', 'ta', 'bn', 'mr'],
		phoneFormats: ['1800-DDD-DDDD', '+91 DDDDD DDDDD'],
		callingCode: '91',
		domain: 'in',
	},
	{
		name: 'South Africa',
		code: 'ZA',
		emergencyNumber: '10111',
		timezones: ['Africa/Johannesburg'],
		languages: ['en', 'af', 'zu', 'xh'],
		phoneFormats: ['0800 DDD DDD', '011 DDD DDDD'],
		callingCode: '27',
		domain: 'org.za',
	},
	{
		name: 'Germany',
		code: 'DE',
		emergencyNumber: '112',
		timezones: ['Europe/Berlin'],
		languages: ['de', 'en', 'tr'],
		phoneFormats: ['0800 DDD DDDD', '030 DDDDDDDD'],
		callingCode: '49',
		domain: 'de',
	},
	{
		name: 'France',
		code: 'FR',
		emergencyNumber: '112',
		timezones: ['Europe/Paris'],
		languages: ['fr', 'en', 'ar'],
		phoneFormats: ['01 DD DD DD DD', '0 800 DD DD DD'],
		callingCode: '33',
		domain: 'fr',
	},
	{
		name: 'Japan',
		code: 'JP',
		emergencyNumber: '110',
		timezones: ['Asia/Tokyo'],
		languages: ['ja', 'en'],
		phoneFormats: ['0120-DDD-DDD', '03-DDDD-DDDD'],
		callingCode: '81',
		domain: 'jp',
	},
	{
		name: 'Brazil',
		code: 'BR',
		emergencyNumber: '190',
		timezones: ['America/Sao_Paulo', 'America/Manaus'],
		languages: ['pt', 'es'],
		phoneFormats: ['0800 DDD DDDD', '(11) DDDD-DDDD'],
		callingCode: '55',
		domain: 'org.br',
	},
	{
		name: 'Mexico',
		code: 'MX',
		emergencyNumber: '911',
		timezones: ['America/Mexico_City', 'America/Tijuana'],
		languages: ['es', 'en'],
		phoneFormats: ['800 DDD DDDD', '55 DDDD DDDD'],
		callingCode: '52',
		domain: 'org.mx',
	},
	{
		name: 'Spain',
		code: 'ES',
		emergencyNumber: '112',
		timezones: ['Europe/Madrid'],
		languages: ['es', 'ca', 'eu'],
		phoneFormats: ['900 DDD DDD', '91 DDD DD DD'],
		callingCode: '34',
		domain: 'es',
	},
	{
		name: 'Singapore',
		code: 'SG',
		emergencyNumber: '999',
		timezones: ['Asia/Singapore'],
		languages: ['en', 'zh', 'ms', 'ta'],
		phoneFormats: ['1800 DDD DDDD', '6DDD DDDD'],
		callingCode: '65',
		domain: 'sg',
	},
	{
		name: 'Netherlands',
		code: 'NL',
		emergencyNumber: '112',
		timezones: ['Europe/Amsterdam'],
		languages: ['nl', 'en'],
		phoneFormats: ['0800-DDDD', '088 DDD DDDD'],
		callingCode: '31',
		domain: 'nl',
	},
];

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
