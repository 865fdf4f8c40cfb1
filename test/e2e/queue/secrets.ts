/**
 * The client secret is nowhere in Redis (every command it received, every key and value, an RDB
 * dump), in n8n's database (dump and raw files) or stored executions (REST), or in n8n's output:
 * run last in each queue suite, over everything its loads left.
 */
import fs from 'node:fs';
import path from 'node:path';

import * as demo from '../../../scripts/demo/examples';
import { CALLS, type QueueCluster } from './suite';

export async function expectSecretNowhere(c: QueueCluster) {
	const { secret, n8n, workers, pg, figures, loads } = c;
	const r = c.redis!;
	// Every command Redis received while the suite ran (job data, webhook answers, pub/sub).
	const monitored = await r.stopMonitor();
	expect(monitored.bytes).toBeGreaterThan(100_000);
	expect(monitored.found).toBe(0);
	// Every key and value it holds now, and the whole dataset as an uncompressed RDB dump.
	const scan = await r.scan(secret);
	expect(scan.keys).toBeGreaterThan(0);
	expect(scan.hits).toEqual([]);
	const dump = await r.dump();
	expect(dump.includes(Buffer.from(secret))).toBe(false);
	figures.redisChecked = {
		monitoredBytes: monitored.bytes,
		keys: scan.keys,
		types: scan.types,
		keyAndValueBytes: scan.bytes,
		rdbBytes: dump.length,
		secretFound: monitored.found + scan.hits.length,
	};

	// Executions as n8n serves them: the list, and the full data of a sample of each load.
	const counts = await c.executionCounts();
	// One execution per call of every load that ran (three, unless an earlier test stopped early).
	const singleCountryLoads = Object.keys(loads).filter((name) => !name.startsWith('share')).length;
	expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(singleCountryLoads * CALLS);
	const lists = await Promise.all([c.listExecutions(['success']), c.listExecutions(['error', 'crashed'])]);
	for (const list of lists) expect(JSON.stringify(list)).not.toContain(secret);
	// Every failed one, and every tenth of the latest 100 successful ones, in full.
	const sample = [...lists[1].results, ...lists[0].results.filter((_, i) => i % 10 === 0)];
	for (const e of sample) {
		const one = await c.asOwner<{ text: string }>(() => n8n.execution(e.id)); // rejects on any answer but 200
		expect(one.text).not.toContain(secret);
	}

	// The database itself, holding the credential and every execution: PostgreSQL's dump and
	// its raw files (tables and write-ahead log), or the sqlite file with its WAL.
	let bytes: Buffer;
	if (pg) {
		const raw = pg.rawFiles();
		expect(raw.includes(Buffer.from(secret))).toBe(false);
		bytes = Buffer.from(await pg.dump());
	} else {
		const dbDir = path.join(n8n.userFolder, '.n8n');
		const files = fs.readdirSync(dbDir).filter((f) => f.startsWith('database.sqlite'));
		bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(dbDir, f))));
	}
	expect(bytes.includes(Buffer.from(demo.CREDENTIAL.name))).toBe(true);
	expect(bytes.includes(Buffer.from(String((c.expected.get('NZ')![0] as { name: string }).name)))).toBe(true);
	expect(bytes.includes(Buffer.from(secret))).toBe(false);
	expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);

	// What main and the workers printed.
	for (const text of [n8n.logs(), ...workers.workers.map((w) => w.log)]) expect(text).not.toContain(secret);
	figures.executionsChecked = { listed: counts, fetchedWhole: sample.length, databaseBytes: bytes.length };
}
