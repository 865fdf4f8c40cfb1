/** The cache installers' lock folder (scripts/n8n/lock.js): one holder, waiters, stale locks. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { acquireLock, releaseLock } = require('../../scripts/n8n/lock');

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-lock-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const soon = () => Date.now() + 5000;

test('the first caller holds the lock, with its pid inside', async () => {
	const lock = path.join(dir, 'x.lock');
	expect(await acquireLock(lock, { isDone: () => false, deadline: soon(), what: 'x' })).toBe(true);
	expect(fs.readFileSync(path.join(lock, 'pid'), 'utf8')).toBe(String(process.pid));
	releaseLock(lock);
	expect(fs.existsSync(lock)).toBe(false);
});

test('a waiter returns false once the holder finished the work, without taking the lock', async () => {
	const lock = path.join(dir, 'x.lock');
	await acquireLock(lock, { isDone: () => false, deadline: soon(), what: 'x' });
	let done = false;
	setTimeout(() => (done = true), 100);
	expect(await acquireLock(lock, { isDone: () => done, deadline: soon(), what: 'x', pollMs: 20 })).toBe(false);
	expect(fs.readFileSync(path.join(lock, 'pid'), 'utf8')).toBe(String(process.pid)); // still the holder's
});

test('a lock left by a dead process is taken over', async () => {
	const lock = path.join(dir, 'x.lock');
	fs.mkdirSync(lock);
	fs.writeFileSync(path.join(lock, 'pid'), '2147483646'); // no such process
	const log: string[] = [];
	expect(await acquireLock(lock, { isDone: () => false, deadline: soon(), what: 'x', log: (l: string) => log.push(l) })).toBe(true);
	expect(log).toEqual([`removing stale lock ${lock}`]);
});

test('a live holder past the deadline is an error naming it', async () => {
	const lock = path.join(dir, 'x.lock');
	await acquireLock(lock, { isDone: () => false, deadline: soon(), what: 'x' });
	await expect(acquireLock(lock, { isDone: () => false, deadline: Date.now() + 50, what: 'n8n 9.9.9', pollMs: 20 })).rejects.toThrow(
		`timed out waiting for process ${process.pid} installing n8n 9.9.9`,
	);
});
