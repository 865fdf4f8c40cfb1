/** The run's temp folder (test/harness/tempRun.js): TMPDIR inside it, gone after, stale ones swept. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { removeAbandoned, PREFIX } = require('../harness/tempRun');

let parent: string;
beforeEach(() => (parent = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-temprun-'))));
afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

const runFolder = (name: string, pid?: number) => {
	const folder = path.join(parent, `${PREFIX}${name}`);
	fs.mkdirSync(folder);
	if (pid !== undefined) fs.writeFileSync(path.join(folder, 'pid'), String(pid));
	fs.writeFileSync(path.join(folder, 'left-by-a-test'), 'x');
	return folder;
};

test("a killed run's folder is removed; a live run's, and one without its pid yet, stay", () => {
	const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number; // has exited
	const dead = runFolder('dead', deadPid);
	const live = runFolder('live', process.pid);
	const young = runFolder('young');
	const other = path.join(parent, 'someone-else');
	fs.mkdirSync(other);
	removeAbandoned(parent);
	expect([dead, live, young, other].map((f) => fs.existsSync(f))).toEqual([false, true, true, true]);
});

// In a child process: jest's sandboxed process.env is a copy, which os.tmpdir() does not read.
test('os.tmpdir() points into the run folder between enter and leave; leave removes it with what was left in it and restores TMPDIR', () => {
	const script = `
		const fs = require('fs'), os = require('os'), path = require('path');
		const { enterRunTemp, leaveRunTemp } = require(${JSON.stringify(path.resolve(__dirname, '../harness/tempRun'))});
		const folder = enterRunTemp();
		const during = os.tmpdir();
		const mode = fs.statSync(folder).mode & 0o7777;
		const leftover = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-n8n-'));
		leaveRunTemp();
		console.log(JSON.stringify({ folder, during, mode, leftover, gone: !fs.existsSync(folder), after: os.tmpdir() }));`;
	const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: parent };
	delete env.THROUGHLINE_RUN_TMPDIR;
	const out = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
	const seen = JSON.parse(out.stdout);
	expect(path.dirname(seen.folder)).toBe(parent);
	expect(path.basename(seen.folder).startsWith(PREFIX)).toBe(true);
	expect(seen.during).toBe(seen.folder);
	// Open to every user as /tmp is (sticky): the queue suite's PostgreSQL runs as postgres.
	expect(seen.mode.toString(8)).toBe('1777');
	expect(path.dirname(seen.leftover)).toBe(seen.folder);
	expect(seen.gone).toBe(true);
	expect(seen.after).toBe(parent);
	expect(fs.readdirSync(parent)).toEqual([]);
});
