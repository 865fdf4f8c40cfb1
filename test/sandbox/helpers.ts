/** Shared helpers for the sandbox contract tests (not a test file itself). */
import type { SandboxServer } from '../../sandbox';

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

/** fetch + read body; json is undefined when the body is not JSON. */
export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
	const res = await fetch(url, init);
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

export function tokenRequest(server: SandboxServer, fields: Record<string, string> = {}, query = ''): Promise<Reply> {
	const body = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: server.clientId,
		client_secret: server.clientSecret,
		...fields,
	});
	return call(`${server.url}/oauth/token${query}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: body.toString(),
	});
}

export async function getToken(server: SandboxServer): Promise<string> {
	const r = await tokenRequest(server);
	if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${r.text}`);
	return r.json.access_token;
}

export function get(server: SandboxServer, path: string, token?: string): Promise<Reply> {
	return call(`${server.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

export function postJson(server: SandboxServer, path: string, body: unknown, token?: string): Promise<Reply> {
	return call(`${server.url}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const REQUIRED = ['id', 'name', 'description', 'country', 'timezone', 'topics', 'supported_languages', 'specialties'];
const OPTIONAL_STRINGS = ['website', 'phoneNumber', 'smsNumber', 'webChatUrl', 'whatsappUrl'];

/** Recursively: no null anywhere. */
export function findNulls(v: unknown, path = '$'): string[] {
	if (v === null) return [path];
	if (Array.isArray(v)) return v.flatMap((x, i) => findNulls(x, `${path}[${i}]`));
	if (typeof v === 'object' && v) return Object.entries(v).flatMap(([k, x]) => findNulls(x, `${path}.${k}`));
	return [];
}

/**
 * Independent check of the helpline contract; returns a list of problems (empty = valid).
 * `countries` and `topics` are the sets the helpline must refer to.
 */
export function helplineProblems(h: any, countries: Set<string>, topics: Set<string>): string[] {
	const p: string[] = [];
	if (!h || typeof h !== 'object') return ['not an object'];
	p.push(...findNulls(h).map((x) => `null at ${x}`));
	for (const k of REQUIRED) if (!(k in h)) p.push(`missing ${k}`);
	const allowed = new Set([...REQUIRED, ...OPTIONAL_STRINGS, 'hours']);
	for (const k of Object.keys(h)) if (!allowed.has(k)) p.push(`unexpected key ${k}`);
	if (!UUID.test(h.id)) p.push(`id not a UUID: ${h.id}`);
	if (typeof h.name !== 'string' || !h.name) p.push('name');
	if (typeof h.description !== 'string' || !h.description) p.push('description');
	if (typeof h.timezone !== 'string' || !/^[A-Za-z_]+(\/[A-Za-z_]+)*$/.test(h.timezone)) p.push(`timezone ${h.timezone}`);
	const c = h.country;
	if (!c || typeof c.name !== 'string' || typeof c.code !== 'string' || typeof c.emergencyNumber !== 'string') p.push('country shape');
	else if (!countries.has(c.code)) p.push(`unknown country ${c.code}`);
	if (c && Object.keys(c).sort().join(',') !== 'code,emergencyNumber,name') p.push('country keys');
	if (!Array.isArray(h.topics) || h.topics.length === 0) p.push('topics');
	else for (const t of h.topics) if (!topics.has(t)) p.push(`unknown topic ${t}`);
	if (!Array.isArray(h.supported_languages) || h.supported_languages.length === 0) p.push('languages');
	else for (const l of h.supported_languages) if (!/^[a-z]{2}$/.test(l)) p.push(`language ${l}`);
	if (!Array.isArray(h.specialties) || h.specialties.length === 0 || h.specialties.some((s: unknown) => typeof s !== 'string'))
		p.push('specialties');
	for (const k of OPTIONAL_STRINGS) if (k in h && (typeof h[k] !== 'string' || h[k] === '')) p.push(`${k} not a non-empty string`);
	for (const k of ['website', 'webChatUrl', 'whatsappUrl']) if (k in h && !/^https:\/\//.test(h[k])) p.push(`${k} not https`);
	if ('whatsappUrl' in h && !/^https:\/\/wa\.me\/\d+$/.test(h.whatsappUrl)) p.push('whatsappUrl not wa.me');
	if (!['phoneNumber', 'smsNumber', 'webChatUrl', 'whatsappUrl'].some((k) => k in h)) p.push('no contact method');
	if ('hours' in h) {
		const hr = h.hours;
		if (typeof hr.alwaysOpen !== 'boolean' || !Array.isArray(hr.periods)) p.push('hours shape');
		else
			for (const per of hr.periods)
				if (typeof per.day !== 'string' || !/^\d{2}:\d{2}$/.test(per.open) || !/^\d{2}:\d{2}$/.test(per.close)) p.push('hours period');
	}
	return p;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
