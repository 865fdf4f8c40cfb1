/**
 * A private Redis for the queue-mode suite: installed from Debian when missing (root only), started
 * on a free loopback port with nothing written to disk, watched with MONITOR (every command any
 * n8n process sends, values included) and read back key by key and as an RDB dump, so a secret
 * can be searched for in everything Redis saw or holds. Stopped with its process group.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proc = require('../../../scripts/n8n/proc');

type Tracked = {
	child: import('node:child_process').ChildProcess;
	done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
};

function onPath(name: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const file = path.join(dir || '.', name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			/* not here */
		}
	}
	for (const dir of ['/usr/bin', '/usr/local/bin', '/usr/sbin']) {
		if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
	}
	return undefined;
}

/**
 * `redis-server` and `redis-cli`, installed with apt-get (Debian's redis-server package) when
 * missing. Installing needs root: otherwise this fails saying what to install.
 */
export async function ensureRedis(log: (line: string) => void = () => {}): Promise<{ server: string; cli: string }> {
	let server = onPath('redis-server');
	let cli = onPath('redis-cli');
	if (server && cli) return { server, cli };
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			'The queue-mode suite needs Redis, and redis-server is not installed. Installing it takes root, ' +
				'which this process is not: run `sudo apt-get update && sudo apt-get install -y redis-server` ' +
				'(Debian/Ubuntu; any Redis 6+ with redis-server and redis-cli on PATH will do), then run the suite again.',
		);
	}
	if (!onPath('apt-get')) {
		throw new Error(
			'redis-server is not installed and apt-get is not available: install Redis 6+ (redis-server and redis-cli on PATH) and run again.',
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
	log('redis-server not found: apt-get update && apt-get install -y redis-server');
	await proc.run('apt-get', [...lockWait, 'update'], { env, timeoutMs: 5 * 60_000 });
	await proc.run('apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', 'redis-server'], { env, timeoutMs: 5 * 60_000 });
	server = onPath('redis-server');
	cli = onPath('redis-cli');
	if (!server || !cli) throw new Error('apt-get install redis-server finished, but redis-server or redis-cli is still not on PATH');
	return { server, cli };
}

type Reply = string | number | null | Reply[] | Error;

/** The smallest RESP2 client that does: one connection, commands answered in order. */
export class RespClient {
	private buffer = Buffer.alloc(0);
	private readonly pending: Array<{ resolve: (r: Reply) => void; reject: (e: Error) => void }> = [];
	private constructor(private readonly socket: net.Socket) {
		socket.on('data', (chunk) => {
			this.buffer = Buffer.concat([this.buffer, chunk]);
			for (;;) {
				const parsed = RespClient.parse(this.buffer, 0);
				if (!parsed) break;
				this.buffer = this.buffer.subarray(parsed.end);
				this.pending.shift()?.resolve(parsed.value);
			}
		});
		const fail = (e: Error) => {
			for (const p of this.pending.splice(0)) p.reject(e);
		};
		socket.on('error', fail);
		socket.on('close', () => fail(new Error('redis connection closed')));
	}

	static connect(port: number): Promise<RespClient> {
		return new Promise((resolve, reject) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => resolve(new RespClient(socket)));
			socket.once('error', reject);
		});
	}

	private static parse(buf: Buffer, at: number): { value: Reply; end: number } | undefined {
		const eol = buf.indexOf('\r\n', at);
		if (eol < 0) return undefined;
		const type = String.fromCharCode(buf[at]);
		const line = buf.toString('utf8', at + 1, eol);
		const next = eol + 2;
		switch (type) {
			case '+':
				return { value: line, end: next };
			case '-':
				return { value: new Error(line), end: next };
			case ':':
				return { value: Number(line), end: next };
			case '$': {
				const len = Number(line);
				if (len < 0) return { value: null, end: next };
				if (buf.length < next + len + 2) return undefined;
				return { value: buf.toString('latin1', next, next + len), end: next + len + 2 };
			}
			case '*': {
				const count = Number(line);
				if (count < 0) return { value: null, end: next };
				const items: Reply[] = [];
				let pos = next;
				for (let i = 0; i < count; i++) {
					const item = RespClient.parse(buf, pos);
					if (!item) return undefined;
					items.push(item.value);
					pos = item.end;
				}
				return { value: items, end: pos };
			}
			default:
				throw new Error(`unexpected RESP type ${JSON.stringify(type)}`);
		}
	}

	command(...args: Array<string | number>): Promise<Reply> {
		const parts = args.map((a) => Buffer.from(String(a)));
		const head = `*${parts.length}\r\n`;
		const body = parts.map((p) => Buffer.concat([Buffer.from(`$${p.length}\r\n`), p, Buffer.from('\r\n')]));
		return new Promise((resolve, reject) => {
			this.pending.push({ resolve, reject });
			this.socket.write(Buffer.concat([Buffer.from(head), ...body]));
		});
	}

	close() {
		this.socket.destroy();
	}
}

/** Strings of a reply, flattened (bulk values are latin1, byte for byte). */
const flatten = (r: Reply): string[] => (Array.isArray(r) ? r.flatMap(flatten) : r instanceof Error || r === null ? [] : [String(r)]);

export interface RedisScan {
	keys: number;
	types: Record<string, number>;
	bytes: number;
	/** keys whose name or value contains the needle */
	hits: string[];
}

/** Searches a stream for a needle across chunk boundaries, keeping no more than the needle's length. */
class StreamSearch {
	bytes = 0;
	found = 0;
	private tail = '';
	constructor(private readonly needles: string[]) {}
	push(text: string) {
		this.bytes += text.length;
		const window = this.tail + text;
		for (const n of this.needles) if (window.includes(n)) this.found++;
		const keep = Math.max(...this.needles.map((n) => n.length)) - 1;
		this.tail = window.slice(-keep);
	}
}

export class PrivateRedis {
	private monitor?: Tracked;
	private monitorSearch?: StreamSearch;
	private constructor(
		readonly port: number,
		private readonly bins: { server: string; cli: string },
		private readonly server: Tracked,
		private readonly dir: string,
	) {}

	/** redis-server on a free loopback port: no RDB saves, no AOF, loopback only, uncompressed dumps. */
	static async start(bins: { server: string; cli: string }): Promise<PrivateRedis> {
		const port: number = await proc.freePort();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-redis-'));
		const args = [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--rdbcompression',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--loglevel',
			'warning',
		];
		const server: Tracked = proc.spawnTracked(bins.server, args, { cwd: dir });
		const redis = new PrivateRedis(port, bins, server, dir);
		let exited = false;
		server.done.finally(() => (exited = true)).catch(() => {});
		const deadline = Date.now() + 20_000;
		for (;;) {
			try {
				const c = await RespClient.connect(port);
				const pong = await c.command('PING');
				c.close();
				if (pong === 'PONG') return redis;
			} catch {
				/* not up yet */
			}
			if (exited || Date.now() > deadline) {
				await redis.stop();
				const r = await server.done.catch(() => undefined);
				throw new Error(`redis-server did not answer PING on port ${port}\n${r?.stdout ?? ''}${r?.stderr ?? ''}`);
			}
			await proc.sleep(100);
		}
	}

	/** Record every command sent to Redis from now on (redis-cli MONITOR), searching it for `needles`. */
	startMonitor(needles: string[]) {
		const search = new StreamSearch(needles);
		this.monitorSearch = search;
		this.monitor = proc.spawnTracked(this.bins.cli, ['-p', String(this.port), 'monitor'], {
			onData: (t: string, s: string) => s === 'stdout' && search.push(t),
		});
	}

	/** Stop MONITOR: bytes seen and how many times a needle was found. */
	async stopMonitor(): Promise<{ bytes: number; found: number }> {
		const m = this.monitor;
		this.monitor = undefined;
		if (m) {
			proc.killTree(m.child, 'SIGTERM');
			await m.done.catch(() => {});
		}
		return { bytes: this.monitorSearch?.bytes ?? 0, found: this.monitorSearch?.found ?? 0 };
	}

	/** redis_version from INFO server. */
	async version(): Promise<string> {
		const c = await RespClient.connect(this.port);
		try {
			const info = String(await c.command('INFO', 'server'));
			return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
		} finally {
			c.close();
		}
	}

	/** Every key (SCAN), its value read by type (GET/HGETALL/LRANGE/SMEMBERS/ZRANGE/XRANGE), searched for `needle`. */
	async scan(needle: string): Promise<RedisScan> {
		const c = await RespClient.connect(this.port);
		try {
			const keys: string[] = [];
			let cursor = '0';
			do {
				const [next, batch] = (await c.command('SCAN', cursor, 'COUNT', 1000)) as [string, string[]];
				cursor = next;
				keys.push(...batch);
			} while (cursor !== '0');
			const out: RedisScan = { keys: keys.length, types: {}, bytes: 0, hits: [] };
			for (const key of keys) {
				const type = String(await c.command('TYPE', key));
				out.types[type] = (out.types[type] ?? 0) + 1;
				const read: Record<string, Array<string | number>> = {
					string: ['GET', key],
					hash: ['HGETALL', key],
					list: ['LRANGE', key, 0, -1],
					set: ['SMEMBERS', key],
					zset: ['ZRANGE', key, 0, -1, 'WITHSCORES'],
					stream: ['XRANGE', key, '-', '+'],
				};
				const values = read[type] ? flatten(await c.command(...read[type])) : [];
				const text = [key, ...values].join('\n');
				out.bytes += text.length;
				if (text.includes(needle)) out.hits.push(key);
			}
			return out;
		} finally {
			c.close();
		}
	}

	/** The whole dataset as Redis serialises it (`redis-cli --rdb`, uncompressed strings). */
	async dump(): Promise<Buffer> {
		const file = path.join(this.dir, `dump-${Date.now()}.rdb`);
		await proc.run(this.bins.cli, ['-p', String(this.port), '--rdb', file], { timeoutMs: 30_000 });
		try {
			return fs.readFileSync(file);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async stop() {
		await this.stopMonitor();
		proc.killTree(this.server.child, 'SIGTERM');
		const timer = setTimeout(() => proc.killTree(this.server.child, 'SIGKILL'), 5000);
		await this.server.done.catch(() => {});
		clearTimeout(timer);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
