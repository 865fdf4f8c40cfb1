/**
 * The keys of a simplified helpline, sorted, for the tests of Simplify (the helper and Search):
 * written here, not read from helpers/simplify.ts, so that a key lost or added there fails.
 */
export const SIMPLIFIED_KEYS = [
	'country',
	'countryCode',
	'description',
	'emergencyNumber',
	'id',
	'languages',
	'name',
	'phone',
	'sms',
	'specialties',
	'topics',
	'webChat',
	'website',
	'whatsapp',
];
