/**
 * The local ThroughLine server for the queue suites, in a process of its own (sandbox/cli.js), read
 * and reset through its admin API. In the test's own process it read requests late whenever that
 * process was busy (event-loop delays of 400-600 ms at load 13: orchestrating the cluster, reading
 * the workers' output, the load's own calls), and logged them in bunches: a bunch counts twice
 * against a sliding second, so the busiest second and the 429s measured the test process, not the
 * workers. ThroughLine counts requests where they arrive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import type { Helpline, LoggedRequest, Stats } from '../../../sandbox';
import { DEMO_CLIENT_ID } from '../../../sandbox';

const CLI = path.join(__dirname, '..', '..', '..', 'sandbox', 'cli.js');

export interface ApiProcess {
	url: string;
	clientId: string;
	clientSecret: string;
	stats(): Promise<Stats>;
	requests(): Promise<LoggedRequest[]>;
	/** Counters, request log, limiter and faults back to their start (POST /__admin/reset). */
	reset(): Promise<void>;
	helplines(): Promise<Helpline[]>;
	close(): Promise<void>;
}

async function admin<T>(url: string, route: string, method = 'GET'): Promise<T> {
	const response = await fetch(`${url}/__admin/${route}`, { method });
	if (!response.ok) throw new Error(`${method} /__admin/${route} answered ${response.status}`);
	return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Starts sandbox/cli.js on a free loopback port with the suite's own secret (through the environment). */
export async function startApiProcess(o: { clientSecret: string; perSecondLimit: number; dailyLimit: number }): Promise<ApiProcess> {
	const child: ChildProcess = spawn(
		process.execPath,
		[CLI, '--port', '0', '--per-second', String(o.perSecondLimit), '--daily', String(o.dailyLimit)],
		{ stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, THROUGHLINE_SANDBOX_CLIENT_SECRET: o.clientSecret } },
	);
	let output = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`the local ThroughLine server did not start in 20 s: ${output}`)), 20_000);
		child.stderr!.on('data', (d) => (output += d));
		child.stdout!.on('data', (d) => {
			output += d;
			const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
			if (listening) {
				clearTimeout(timer);
				resolve(listening[1]);
			}
		});
		void exited.then(() => {
			clearTimeout(timer);
			reject(new Error(`the local ThroughLine server exited at start: ${output}`));
		});
	});
	return {
		url,
		clientId: DEMO_CLIENT_ID,
		clientSecret: o.clientSecret,
		stats: () => admin<Stats>(url, 'stats'),
		requests: () => admin<LoggedRequest[]>(url, 'requests'),
		reset: () => admin<void>(url, 'reset', 'POST'),
		helplines: () => admin<Helpline[]>(url, 'helplines'),
		close: async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}
