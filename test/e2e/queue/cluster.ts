/**
 * n8n in queue mode on one machine: one main (`n8n start`, webhooks and REST) and `n8n worker`
 * processes, all sharing one user folder (sqlite database, installed package) and one encryption
 * key, and one Redis. Each process runs in its own process group, killed whole on stop or kill.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proc = require('../../../scripts/n8n/proc');

type Tracked = { child: import('node:child_process').ChildProcess; done: Promise<{ code: number | null; signal: string | null }> };

/** Each line of a chunk of output prefixed with the time (for the logs kept after a run). */
export function stamp(text: string): string {
	const t = new Date().toISOString().slice(11, 23);
	return text.replace(/^(?=.)/gm, `${t} `);
}

/**
 * Bull's lock on an active job is renewed by the worker running it; when a worker dies the lock
 * runs out and another worker's stalled-job check fails the job (n8n sets maxStalledCount 0, so
 * a job is never run twice). Main then re-reads the execution for a fixed 30 s grace window (in
 * case the job did finish) before it answers the webhook call with an error. With n8n's defaults
 * (60 s lock, 30 s check) that answer could take up to two minutes; with these, about 45 s.
 */
export const STALL_SETTINGS = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
	QUEUE_WORKER_STALLED_INTERVAL: '2500',
};

/** The env that makes an n8n process part of the cluster (added to the instance's own env). */
export function queueEnv(redisPort: number): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		...STALL_SETTINGS,
	};
}

export interface Worker {
	name: string;
	brokerPort: number;
	healthPort: number;
	proc?: Tracked;
	/** everything this worker printed, over all its starts */
	log: string;
	/** the same, each line with the time it arrived */
	timedLog: string;
	starts: number;
}

export class WorkerSet {
	readonly workers: Worker[] = [];

	/**
	 * @param n8n the main N8nInstance: its runtime and env (user folder, key, queue settings) are shared
	 * @param concurrency `n8n worker --concurrency`
	 */
	constructor(
		private readonly n8n: any,
		readonly concurrency: number,
	) {}

	async add(name: string): Promise<Worker> {
		const w: Worker = { name, brokerPort: await proc.freePort(), healthPort: await proc.freePort(), log: '', timedLog: '', starts: 0 };
		this.workers.push(w);
		return w;
	}

	/** Start a worker and wait until it says it is ready and its readiness check answers 200. */
	async start(w: Worker, timeoutMs = 120_000): Promise<void> {
		if (w.proc) throw new Error(`worker ${w.name} is already running`);
		const env = {
			...(await this.n8n.getEnv()),
			// Each process of the cluster needs its own task-runner broker port.
			N8N_RUNNERS_BROKER_PORT: String(w.brokerPort),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(w.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		};
		const startMark = w.log.length;
		w.starts++;
		const header = `\n$ n8n worker --concurrency=${this.concurrency} (start ${w.starts})\n`;
		w.log += header;
		w.timedLog += stamp(header);
		const tracked: Tracked = proc.spawnTracked(
			this.n8n.runtime.nodeBin,
			[this.n8n.runtime.n8nBin, 'worker', `--concurrency=${this.concurrency}`],
			{
				cwd: this.n8n.userFolder,
				env,
				onData: (t: string) => {
					w.log += t;
					w.timedLog += stamp(t);
				},
			},
		);
		w.proc = tracked;
		let exited = false;
		tracked.done.finally(() => (exited = true)).catch(() => {});
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (exited) {
				w.proc = undefined;
				throw new Error(`worker ${w.name} exited while starting\n${w.log.slice(startMark).split('\n').slice(-30).join('\n')}`);
			}
			if (w.log.indexOf('n8n worker is now ready', startMark) >= 0) {
				try {
					const res = await fetch(`http://127.0.0.1:${w.healthPort}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
					if (res.status === 200) return;
				} catch {
					/* not listening yet */
				}
			}
			if (Date.now() > deadline) {
				await this.stop(w);
				throw new Error(
					`worker ${w.name} was not ready within ${timeoutMs} ms\n${w.log.slice(startMark).split('\n').slice(-30).join('\n')}`,
				);
			}
			await proc.sleep(250);
		}
	}

	/** SIGKILL the worker's whole process group (the worker and its task runner), as a crash would. */
	async kill(w: Worker): Promise<void> {
		const p = w.proc;
		if (!p) return;
		w.proc = undefined;
		proc.killTree(p.child, 'SIGKILL');
		await p.done.catch(() => {});
		w.log += '\n[killed with SIGKILL]\n';
		w.timedLog += stamp('[killed with SIGKILL]\n');
	}

	/** SIGTERM, then SIGKILL after `graceMs`. */
	async stop(w: Worker, graceMs = 8000): Promise<void> {
		const p = w.proc;
		if (!p) return;
		w.proc = undefined;
		proc.killTree(p.child, 'SIGTERM');
		const timer = setTimeout(() => proc.killTree(p.child, 'SIGKILL'), graceMs);
		await p.done.catch(() => {});
		clearTimeout(timer);
	}

	async stopAll(): Promise<void> {
		await Promise.all(this.workers.map((w) => this.stop(w)));
	}

	/** Execution ids a worker started and finished (its log lines), optionally only after a log offset. */
	executions(w: Worker, fromOffset = 0): { started: Set<string>; finished: Set<string> } {
		const text = w.log.slice(fromOffset);
		const ids = (re: RegExp) => new Set(Array.from(text.matchAll(re), (m) => m[1]));
		return {
			started: ids(/Worker started execution (\d+) \(job/g),
			finished: ids(/Worker finished execution (\d+) \(job/g),
		};
	}
}
