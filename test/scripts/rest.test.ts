/**
 * The REST side of the instance driver (scripts/n8n/rest.js) against a small stand-in for n8n's
 * routes: sign-in waits out the 404s of n8n's first seconds, creates the owner when the login is
 * refused, keeps the cookie; the executions reader reads both answer shapes and fails loudly.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { N8nRest } = require('../../scripts/n8n/rest');

const OWNER = { email: 'o@example.com', firstName: 'O', lastName: 'W', password: 'Pass-word-1' };
let server: http.Server;
let url: string;
let seen: Array<{ method: string; path: string; cookie?: string; body: string }>;
let routes: Record<string, (body: string) => { status: number; json?: unknown; cookie?: string }>;
let loginNotRoutedYet: number;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const path = req.url ?? '';
			seen.push({ method: req.method ?? '', path, cookie: req.headers.cookie, body });
			const route = routes[`${req.method} ${path.split('?')[0]}`];
			const answer = route ? route(body) : { status: 404 };
			res.writeHead(answer.status, {
				'content-type': 'application/json',
				...(answer.cookie ? { 'set-cookie': `${answer.cookie}; Path=/; HttpOnly` } : {}),
			});
			res.end(answer.json === undefined ? '' : JSON.stringify(answer.json));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
	seen = [];
	loginNotRoutedYet = 2;
	routes = {
		'POST /rest/login': () =>
			loginNotRoutedYet-- > 0 ? { status: 404 } : { status: 401, json: { message: 'Wrong username or password' } },
		'POST /rest/owner/setup': () => ({ status: 200, json: { data: { email: OWNER.email } }, cookie: 'n8n-auth=setup-cookie' }),
	};
});

const client = () => Object.assign(new N8nRest(), { url });

test('sign-in on a new instance: waits out the 404s, then creates the owner and keeps its cookie for later calls', async () => {
	const n8n = client();
	expect(await n8n.signIn(OWNER)).toBe('setup');
	expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /rest/login',
		'POST /rest/login',
		'POST /rest/login',
		'POST /rest/owner/setup',
	]);
	expect(JSON.parse(seen[3].body)).toEqual(OWNER);
	routes['GET /rest/workflows'] = () => ({ status: 200, json: { data: [] } });
	await n8n.request('GET', '/rest/workflows');
	expect(seen[4].cookie).toBe('n8n-auth=setup-cookie');
});

test('sign-in when the owner exists: the login answer and its cookie, no setup', async () => {
	routes['POST /rest/login'] = () => ({ status: 200, json: { data: {} }, cookie: 'n8n-auth=login-cookie' });
	const n8n = client();
	expect(await n8n.signIn(OWNER)).toBe('login');
	expect(n8n.cookie).toBe('n8n-auth=login-cookie');
	expect(seen.map((r) => r.path)).toEqual(['/rest/login']);
	expect(JSON.parse(seen[0].body)).toEqual({ emailOrLdapLoginId: OWNER.email, password: OWNER.password });
});

test('sign-in that can neither log in nor set up says both answers', async () => {
	routes['POST /rest/owner/setup'] = () => ({ status: 400, json: { message: 'Instance owner already setup' } });
	await expect(client().signIn(OWNER)).rejects.toThrow(
		/could not sign in as o@example.com \(login answered 401\) nor create that owner: POST \/rest\/owner\/setup answered 400: .*already setup/,
	);
});

test('executions: both answer shapes of n8n, the workflow filter sent, and a refusal is an error', async () => {
	const list = [{ id: '1', status: 'success', mode: 'webhook', startedAt: 'x' }];
	routes['GET /rest/executions'] = () => ({ status: 200, json: { data: { results: list, count: 1 } } });
	const n8n = client();
	expect((await n8n.executions('wf1', { limit: 100 })).results).toEqual(list);
	expect(decodeURIComponent(seen[0].path)).toBe('/rest/executions?filter={"workflowId":"wf1"}&limit=100');
	routes['GET /rest/executions'] = () => ({ status: 200, json: { data: list } });
	expect((await n8n.executions('wf1')).results).toEqual(list);
	routes['GET /rest/executions'] = () => ({ status: 401, json: { message: 'Unauthorized' } });
	await expect(n8n.executions('wf1')).rejects.toThrow('GET /rest/executions answered 401: {"message":"Unauthorized"}');
	await expect(n8n.execution('9')).rejects.toThrow('GET /rest/executions/9 answered 404');
});

test('executions by status: the status filter sent, and the count of all that match (the list is a page of them)', async () => {
	const page = [{ id: '7', status: 'error', mode: 'webhook', startedAt: 'x' }];
	routes['GET /rest/executions'] = () => ({ status: 200, json: { data: { results: page, count: 140 } } });
	const n8n = client();
	expect(await n8n.executions('wf1', { status: ['error', 'crashed'], limit: 1 })).toMatchObject({ results: page, count: 140 });
	expect(decodeURIComponent(seen[0].path)).toBe('/rest/executions?filter={"workflowId":"wf1","status":["error","crashed"]}&limit=1');
	// Older lines answer a bare list: its length is the count.
	routes['GET /rest/executions'] = () => ({ status: 200, json: { data: page } });
	expect((await n8n.executions('wf1', { status: ['error'] })).count).toBe(1);
});
