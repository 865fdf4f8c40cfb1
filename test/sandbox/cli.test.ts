/** The out-of-process form: node sandbox/cli.js */
import { spawn, ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../sandbox';
import { call } from './helpers';

const CLI = path.join(__dirname, '../../sandbox/cli.js');

function launch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; out: () => string }> {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
	let out = '';
	child.stderr!.on('data', (d) => (out += d));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`cli did not start: ${out}`)), 10000);
		child.stdout!.on('data', (d) => {
			out += d;
			const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
			if (m && out.includes('client_secret')) {
				clearTimeout(timer);
				resolve({ child, url: m[1], out: () => out });
			}
		});
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`cli exited early (${code}): ${out}`));
		});
	});
}

function exitCode(child: ChildProcess): Promise<number | null> {
	return new Promise((resolve) => {
		if (child.exitCode !== null) return resolve(child.exitCode);
		child.once('exit', (code) => resolve(code));
	});
}

test('starts on loopback, prints URL and demo credentials, serves API and admin, exits cleanly on SIGTERM', async () => {
	const { child, url, out } = await launch(['--port', '0', '--scale', '300x20', '--no-retry-after', '--ttl', '60']);
	try {
		expect(out()).toContain(DEMO_CLIENT_ID);
		expect(out()).toContain(DEMO_CLIENT_SECRET);
		const tok = await call(`${url}/oauth/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: `grant_type=client_credentials&client_id=${DEMO_CLIENT_ID}&client_secret=${DEMO_CLIENT_SECRET}`,
		});
		expect(tok.status).toBe(200);
		expect(tok.json.expires_in).toBe(60);
		const countries = await call(`${url}/v1/countries`, { headers: { Authorization: `Bearer ${tok.json.access_token}` } });
		expect(countries.json.countries).toHaveLength(20);
		expect((await call(`${url}/__admin/limits`)).json).toMatchObject({ retryAfter: false });
		expect((await call(`${url}/__admin/helplines`)).json).toHaveLength(300);
		expect((await call(`${url}/__admin/stats`)).json.tokenRequests).toBe(1);
		const fault = await call(`${url}/__admin/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ route: 'GET /v1/topics', fault: { status: 503, times: 1 } }),
		});
		expect(fault.status).toBe(204);
		expect((await call(`${url}/v1/topics`)).status).toBe(503);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await exitCode(child)).toBe(0);
});

test('THROUGHLINE_SANDBOX_CLIENT_SECRET replaces the demo secret and is never printed', async () => {
	const secret = 'cli-test-secret-7d1e';
	const { child, url, out } = await launch(['--port', '0'], { THROUGHLINE_SANDBOX_CLIENT_SECRET: secret });
	try {
		const token = (clientSecret: string) =>
			call(`${url}/oauth/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: `grant_type=client_credentials&client_id=${DEMO_CLIENT_ID}&client_secret=${clientSecret}`,
			});
		expect((await token(secret)).status).toBe(200);
		expect((await token(DEMO_CLIENT_SECRET)).status).toBe(401);
		expect(out()).not.toContain(secret);
		expect(out()).not.toContain(DEMO_CLIENT_SECRET);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await exitCode(child)).toBe(0);
});

test('SIGINT also exits cleanly', async () => {
	const { child } = await launch(['--port', '0']);
	child.kill('SIGINT');
	expect(await exitCode(child)).toBe(0);
});

test('behaviour flags set the guessed API behaviours, readable at /__admin/behaviour', async () => {
	const { child, url, out } = await launch([
		'--port',
		'0',
		'--variant',
		'unknown-empty',
		'--max-limit',
		'5',
		'--oversize-limit',
		'clamp',
		'--priority-filters',
		'apply',
		'--event-answer',
		'noContent',
		'--click-contact-methods',
		'any',
		'--list-order',
		'reversed',
	]);
	try {
		const expected = {
			maxLimit: 5,
			oversizeLimit: 'clamp',
			unknownCountry: 'empty',
			unknownTopic: 'empty',
			priorityFilters: 'apply',
			eventAnswer: 'noContent',
			clickContactMethods: 'any',
			listOrder: 'reversed',
		};
		expect((await call(`${url}/__admin/behaviour`)).json).toEqual(expected);
		expect(out()).toContain('"oversizeLimit":"clamp"');
	} finally {
		child.kill('SIGTERM');
	}
	expect(await exitCode(child)).toBe(0);
});

test('a bad behaviour value exits with status 2 and names the switch', async () => {
	const child = spawn(process.execPath, [CLI, '--event-answer', 'maybe'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let err = '';
	child.stderr!.on('data', (d) => (err += d));
	expect(await exitCode(child)).toBe(2);
	expect(err).toContain('eventAnswer must be one of');
});

test('bad options exit with status 2 and usage', async () => {
	const child = spawn(process.execPath, [CLI, '--scale', 'lots'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let err = '';
	child.stderr!.on('data', (d) => (err += d));
	expect(await exitCode(child)).toBe(2);
	expect(err).toContain('usage');
});
