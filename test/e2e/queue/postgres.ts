/**
 * A private PostgreSQL for the queue-mode suite: Debian's server binaries (installed with apt-get
 * when missing, root only), a throwaway cluster in a temp folder owned by the `postgres` user,
 * listening on a free loopback port with a random password, durability off (a test database),
 * stopped with its process group. n8n's main and workers share it as their one database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const proc = require('../../../scripts/n8n/proc');

type Tracked = {
	child: import('node:child_process').ChildProcess;
	done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
};

const PG_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder (Debian layout), or undefined. */
function serverBin(): string | undefined {
	if (!fs.existsSync(PG_ROOT)) return undefined;
	const versions = fs
		.readdirSync(PG_ROOT)
		.filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_ROOT, versions[0], 'bin') : undefined;
}

function account(name: string): { uid: number; gid: number } | undefined {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${name}:`));
	if (!line) return undefined;
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Debian's PostgreSQL server (postgresql package), installed with apt-get when missing. PostgreSQL
 * refuses to run as root, so the cluster runs as the `postgres` user the package creates; both
 * installing and switching user need root.
 */
export async function ensurePostgres(log: (line: string) => void = () => {}): Promise<{ bin: string; user: { uid: number; gid: number } }> {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	let bin = serverBin();
	if (!bin) {
		if (!isRoot) {
			throw new Error(
				'The queue-mode suite needs PostgreSQL (n8n queue mode shares one database between main and workers), ' +
					'and it is not installed. Installing it takes root, which this process is not: run ' +
					'`sudo apt-get update && sudo apt-get install -y --no-install-recommends postgresql` (Debian/Ubuntu), then run the suite again.',
			);
		}
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
		log('PostgreSQL not found: apt-get update && apt-get install -y --no-install-recommends postgresql');
		await proc.run('apt-get', [...lockWait, 'update'], { env, timeoutMs: 5 * 60_000 });
		await proc.run('apt-get', [...lockWait, 'install', '-y', '--no-install-recommends', 'postgresql'], { env, timeoutMs: 10 * 60_000 });
		bin = serverBin();
		if (!bin) throw new Error(`apt-get install postgresql finished, but no server is under ${PG_ROOT}/*/bin`);
	}
	const user = account('postgres');
	if (!user) throw new Error('PostgreSQL is installed but there is no `postgres` user to run it as');
	if (!isRoot) {
		throw new Error(
			'The queue-mode suite starts its own PostgreSQL cluster as the `postgres` user, which needs root (PostgreSQL refuses to run as root itself).',
		);
	}
	return { bin, user };
}

export class PrivateDatabase {
	readonly database = 'n8n';
	readonly user = 'n8n';
	private constructor(
		readonly port: number,
		readonly password: string,
		private readonly bin: string,
		private readonly dir: string,
		private readonly server: Tracked,
	) {}

	/** initdb a fresh cluster, start it on a free loopback port, create database `n8n`. */
	static async start(pg: { bin: string; user: { uid: number; gid: number } }): Promise<PrivateDatabase> {
		const port: number = await proc.freePort();
		const password = crypto.randomBytes(18).toString('base64url');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-pg-'));
		const data = path.join(dir, 'data');
		const pwfile = path.join(dir, 'pw');
		fs.writeFileSync(pwfile, password, { mode: 0o600 });
		fs.mkdirSync(data, { mode: 0o700 });
		for (const p of [dir, data, pwfile]) fs.chownSync(p, pg.user.uid, pg.user.gid);
		const asPostgres = (cmd: string, args: string[]) => ['-u', 'postgres', '--', path.join(pg.bin, cmd), ...args];
		await proc.run(
			'runuser',
			asPostgres('initdb', ['-D', data, '-U', 'n8n', '-A', 'scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C', '--no-sync']),
			{
				cwd: dir,
				timeoutMs: 60_000,
			},
		);
		fs.rmSync(pwfile);
		const server: Tracked = proc.spawnTracked(
			'runuser',
			asPostgres('postgres', [
				'-D',
				data,
				'-p',
				String(port),
				'-k',
				dir,
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=60',
			]),
			{ cwd: dir },
		);
		const db = new PrivateDatabase(port, password, pg.bin, dir, server);
		let exited = false;
		server.done.finally(() => (exited = true)).catch(() => {});
		const deadline = Date.now() + 30_000;
		for (;;) {
			const ready = await proc.run(path.join(pg.bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n'], {
				allowFail: true,
				timeoutMs: 5000,
			});
			if (ready.code === 0) break;
			if (exited || Date.now() > deadline) {
				await db.stop();
				const r = await server.done.catch(() => undefined);
				throw new Error(`PostgreSQL did not become ready on port ${port}\n${r?.stdout ?? ''}${r?.stderr ?? ''}`);
			}
			await proc.sleep(200);
		}
		await proc.run(path.join(pg.bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', db.user, db.database], {
			env: db.clientEnv(),
			timeoutMs: 30_000,
		});
		return db;
	}

	private clientEnv() {
		return { ...process.env, PGPASSWORD: this.password };
	}

	/** `postgres --version`, e.g. "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)". */
	async version(): Promise<string> {
		const r = await proc.run(path.join(this.bin, 'postgres'), ['--version'], { timeoutMs: 10_000 });
		return String(r.stdout).trim();
	}

	/** n8n's settings for this database. */
	n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: this.password,
		};
	}

	/** Everything the database holds, as SQL text (pg_dump: every table, values decompressed). */
	async dump(): Promise<string> {
		const r = await proc.run(
			path.join(this.bin, 'pg_dump'),
			['-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, '--no-owner', this.database],
			{
				env: this.clientEnv(),
				timeoutMs: 60_000,
			},
		);
		return r.stdout;
	}

	/** The raw bytes of the cluster's files (tables, indexes, write-ahead log), concatenated. */
	rawFiles(): Buffer {
		const chunks: Buffer[] = [];
		const walk = (d: string) => {
			for (const e of fs.readdirSync(d, { withFileTypes: true })) {
				const p = path.join(d, e.name);
				if (e.isDirectory()) walk(p);
				else if (e.isFile()) chunks.push(fs.readFileSync(p));
			}
		};
		walk(path.join(this.dir, 'data'));
		return Buffer.concat(chunks);
	}

	async stop() {
		// SIGINT to the group: PostgreSQL's fast shutdown (disconnect clients, stop).
		proc.killTree(this.server.child, 'SIGINT');
		const timer = setTimeout(() => proc.killTree(this.server.child, 'SIGKILL'), 10_000);
		await this.server.done.catch(() => {});
		clearTimeout(timer);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
