/** Quotas: per-second sliding window, daily quota, Retry-After, configuration. */
import { startServer, SandboxServer } from '../../sandbox';
import { get, getToken, sleep } from './helpers';

const servers: SandboxServer[] = [];
async function start(opts: Parameters<typeof startServer>[0]) {
	const s = await startServer(opts);
	servers.push(s);
	return s;
}
afterAll(() => Promise.all(servers.map((s) => s.close())));

test('defaults: 30/s, 1000/day, Retry-After on', async () => {
	const s = await start({});
	expect(s.limits()).toEqual({ perSecondLimit: 30, dailyLimit: 1000, retryAfter: true });
});

test('per-second limit: the (n+1)-th call inside one second gets 429 + Retry-After, then recovers', async () => {
	const s = await start({ perSecondLimit: 5 });
	const t = await getToken(s);
	const replies = await Promise.all(Array.from({ length: 8 }, () => get(s, '/v1/topics', t)));
	const statuses = replies.map((r) => r.status).sort();
	expect(statuses.filter((x) => x === 200)).toHaveLength(5);
	expect(statuses.filter((x) => x === 429)).toHaveLength(3);
	const limited = replies.find((r) => r.status === 429)!;
	expect(limited.json.error).toBe('rate_limited');
	expect(typeof limited.json.message).toBe('string');
	expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
	expect(s.stats().rateLimited).toBe(3);
	await sleep(1050);
	expect((await get(s, '/v1/topics', t)).status).toBe(200);
});

test('the token route is not limited and does not use the quota', async () => {
	const s = await start({ perSecondLimit: 2, dailyLimit: 3 });
	const tokens = await Promise.all(Array.from({ length: 6 }, () => getToken(s)));
	expect(tokens).toHaveLength(6);
	expect((await get(s, '/v1/topics', tokens[0])).status).toBe(200);
});

test('retryAfter: false omits the header', async () => {
	const s = await start({ perSecondLimit: 1, retryAfter: false });
	const t = await getToken(s);
	await get(s, '/v1/topics', t);
	const r = await get(s, '/v1/topics', t);
	expect(r.status).toBe(429);
	expect(r.headers.get('retry-after')).toBeNull();
});

test('daily quota: 429 after N calls with a Retry-After of up to 24 h', async () => {
	const s = await start({ dailyLimit: 3, perSecondLimit: 0 });
	const t = await getToken(s);
	for (let i = 0; i < 3; i++) expect((await get(s, '/v1/countries', t)).status).toBe(200);
	const r = await get(s, '/v1/countries', t);
	expect(r.status).toBe(429);
	expect(r.json.error).toBe('rate_limited');
	expect(r.json.message).toMatch(/daily|quota/i);
	const wait = Number(r.headers.get('retry-after'));
	expect(wait).toBeGreaterThan(3600 * 23 - 5);
	expect(wait).toBeLessThanOrEqual(24 * 3600);
	// Every data route shares the quota.
	expect((await get(s, '/v1/helplines?country_code=US', t)).status).toBe(429);
});

test('0 and Infinity disable a limit', async () => {
	const s = await start({ perSecondLimit: 0, dailyLimit: Infinity });
	const t = await getToken(s);
	const replies = await Promise.all(Array.from({ length: 60 }, () => get(s, '/v1/topics', t)));
	expect(replies.every((r) => r.status === 200)).toBe(true);
});

test('setLimits changes limits at run time; reset() clears used quota', async () => {
	const s = await start({ perSecondLimit: 0, dailyLimit: 0 });
	const t = await getToken(s);
	s.setLimits({ dailyLimit: 2 });
	expect(s.limits().dailyLimit).toBe(2);
	await get(s, '/v1/topics', t);
	await get(s, '/v1/topics', t);
	expect((await get(s, '/v1/topics', t)).status).toBe(429);
	s.reset();
	expect((await get(s, '/v1/topics', t)).status).toBe(200);
	s.setLimits({ dailyLimit: Infinity, retryAfter: false });
	expect(s.limits()).toEqual({ perSecondLimit: Infinity, dailyLimit: Infinity, retryAfter: false });
	expect(() => s.setLimits({ perSecondLimit: -1 })).toThrow();
});

test('unauthenticated calls are rejected before they use the quota', async () => {
	const s = await start({ dailyLimit: 1 });
	for (let i = 0; i < 3; i++) expect((await get(s, '/v1/topics', 'bogus')).status).toBe(401);
	expect((await get(s, '/v1/topics', await getToken(s))).status).toBe(200);
});
