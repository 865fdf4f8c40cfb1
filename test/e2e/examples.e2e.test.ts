/**
 * The example workflows (examples/*.json) run inside a real n8n with the packed package, against the
 * local ThroughLine-compatible server, and their output matches the server's data. The same runs
 * show that n8n keeps the token in its credential store: one token request for several executions,
 * and exactly one refresh after the token expired.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import * as demo from '../../scripts/demo/examples';
import type { SandboxServer } from '../../sandbox';
import { startServer } from '../../sandbox';
import { expectedCrisisLines, parseCsv, simplified } from './expected';
import { n8nRuntime, n8nVersions, tarball } from './support';

const CRISIS_COUNTRIES = ['US', 'NZ']; // the example's own list
const PULL_COUNTRIES = ['US', 'GB', 'NZ', 'AU', 'IE']; // the example's own list

describe.each(n8nVersions())('n8n %s', (version) => {
	let n8n: any;
	let server: SandboxServer;
	let filesFolder: string;

	beforeAll(async () => {
		server = await startServer({ port: 0 });
		const runtime = await n8nRuntime.ensureN8n({ version });
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-e2e-examples-'));
		// Outside .n8n (always blocked); on 2.x files may only be written under allowed folders.
		filesFolder = path.join(userFolder, 'files');
		fs.mkdirSync(filesFolder, { recursive: true });
		n8n = new n8nRuntime.N8nInstance({ runtime, userFolder, env: { N8N_RESTRICT_FILE_ACCESS_TO: filesFolder } });
		await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
		await n8n.importCredentials([demo.localCredential(server)]);
		await n8n.importWorkflows(demo.loadExamples({ filesFolder, only: ['crisisLineLookup', 'scheduledPull'] }));
		server.reset();
	});
	afterAll(async () => {
		await n8n?.dispose(true);
		await server?.close();
	});

	test('crisis-line lookup: the priority lists whole, then the other helplines, Simplified, for each country', async () => {
		const exec = await n8n.execute(demo.EXAMPLES.crisisLineLookup.id);
		expect(demo.executionError(exec.result)).toBeUndefined();
		expect(exec.status).toBe('success');

		const items = demo.nodeOutput(exec.result, demo.EXAMPLES.crisisLineLookup.outputNode);
		const expected = expectedCrisisLines(server, CRISIS_COUNTRIES);
		expect(items).toEqual(expected);
		// The demo data has a priority pair in both countries: both services of each came through.
		for (const cc of CRISIS_COUNTRIES) {
			expect(items.filter((i) => i.countryCode === cc && i.priority)).toHaveLength(2);
		}
		// One priority and one ranked search per country, with the topic by name.
		const searches = server.requests().filter((r) => r.url.startsWith('/v1/helplines?'));
		expect(searches).toHaveLength(2 * CRISIS_COUNTRIES.length);
		expect(searches.filter((r) => /priority_only=true/.test(r.url))).toHaveLength(CRISIS_COUNTRIES.length);
		expect(searches.every((r) => /topic=Suicidal(%20|\+)thoughts/.test(r.url))).toBe(true);
	});

	test('scheduled pull: every helpline of five countries in a CSV file, and the count per country in another', async () => {
		const exec = await n8n.execute(demo.EXAMPLES.scheduledPull.id);
		expect(demo.executionError(exec.result)).toBeUndefined();
		expect(exec.status).toBe('success');

		const expected = PULL_COUNTRIES.flatMap((cc) => server.data.helplines().filter((h) => h.country.code === cc));
		const rows = parseCsv(fs.readFileSync(path.join(filesFolder, demo.EXAMPLES.scheduledPull.helplinesFile), 'utf8'));
		expect(rows.map((r) => r.id)).toEqual(expected.map((h) => h.id)); // all of them, in ThroughLine's order
		expect(rows).toEqual(
			expected.map((h) => {
				const s = simplified(h);
				const text = (v: string | null) => v ?? '';
				return {
					id: s.id,
					name: s.name,
					phone: text(s.phone),
					sms: text(s.sms),
					webChat: text(s.webChat),
					whatsapp: text(s.whatsapp),
					website: text(s.website),
					description: text(s.description),
					topics: s.topics.join(', '),
					specialties: s.specialties.join(', '),
					languages: s.languages.join(', '),
					country: s.country,
					countryCode: s.countryCode,
					emergencyNumber: s.emergencyNumber,
				};
			}),
		);

		const counts = parseCsv(fs.readFileSync(path.join(filesFolder, demo.EXAMPLES.scheduledPull.countsFile), 'utf8'));
		expect(counts).toEqual(
			PULL_COUNTRIES.map((cc) => ({ count_id: String(expected.filter((h) => h.country.code === cc).length), countryCode: cc })),
		);
		// Return All is one call per country, whatever the count (the US has more than the API's default 20).
		const pulls = server.requests().filter((r) => r.url.startsWith('/v1/helplines?') && !/topic=/.test(r.url));
		expect(pulls.map((r) => new URLSearchParams(r.url.split('?')[1]).get('limit'))).toEqual(PULL_COUNTRIES.map(() => '1000'));
	});

	test('the two executions made one token request: n8n stored the token in the credential and reused it', async () => {
		const stats = server.stats();
		expect(stats.tokenRequests).toBe(1);
		expect(stats.byStatus).toEqual({ '200': stats.total });
		const tokens = Object.keys(stats.byToken);
		expect(tokens).toHaveLength(1); // every data call of both runs carried the same token

		const [credential] = (await n8n.exportCredentials()).filter((c: any) => c.id === demo.CREDENTIAL.id);
		expect(credential.data.accessToken).toBe(tokens[0]);
	});

	test('a token that expired between runs is refreshed exactly once, and the new one is stored', async () => {
		const [before] = (await n8n.exportCredentials()).filter((c: any) => c.id === demo.CREDENTIAL.id);
		server.expireTokens();
		server.reset();

		const exec = await n8n.execute(demo.EXAMPLES.crisisLineLookup.id);
		expect(demo.executionError(exec.result)).toBeUndefined();
		expect(demo.nodeOutput(exec.result, demo.EXAMPLES.crisisLineLookup.outputNode)).toEqual(expectedCrisisLines(server, CRISIS_COUNTRIES));

		const stats = server.stats();
		expect(stats.tokenRequests).toBe(1);
		// A token was stored, so the first node's searches (one per country) went out together and
		// each met the expired token. Their replays after a 401 go one at a time through n8n's
		// refresh (n8n refreshes only when a request throws a 401): the first replay meets the old
		// token once more, then refreshes; the others find the new one. All 401s carried the old token.
		expect(stats.byStatus['401']).toBe(CRISIS_COUNTRIES.length + 1);
		expect(stats.byToken[before.data.accessToken]).toBe(CRISIS_COUNTRIES.length + 1);
		const [after] = (await n8n.exportCredentials()).filter((c: any) => c.id === demo.CREDENTIAL.id);
		expect(after.data.accessToken).toEqual(expect.any(String));
		expect(after.data.accessToken).not.toBe(before.data.accessToken);
		// Every call after the token request carried the new token, which n8n stored.
		const log = server.requests();
		const tokenAt = log.findIndex((r) => r.url === '/oauth/token');
		expect(log.slice(tokenAt + 1).map((r) => r.headers.authorization)).toEqual(
			Array(log.length - tokenAt - 1).fill(`Bearer ${after.data.accessToken}`),
		);
		expect(stats.byToken[after.data.accessToken]).toBe(2 * CRISIS_COUNTRIES.length);
	});
});
