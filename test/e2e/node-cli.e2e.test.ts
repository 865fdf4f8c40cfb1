/**
 * n8n's official CLI, `n8n-node lint` (@n8n/node-cli, which needs Node 22+: run on the Node 24
 * of the n8n runtime), in strict mode, over exactly the sources that are published (package.json,
 * nodes/, credentials/) laid out as n8n's starter lays them out, with the CLI's own default
 * eslint.config.mjs. The repository itself keeps its own config (it must run on Node 20 and lint
 * its tests differently), which is why package.json does not set "strict" (docs/verification.md).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';

import { n8nRuntime } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureTool } = require('../../scripts/tools/cache');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { node24Env } = require('../../scripts/n8n/install');

const NODE_CLI = '0.48.3';
const ROOT = path.join(__dirname, '..', '..');

let toolDir: string;
let nodeBin: string;
let env: NodeJS.ProcessEnv;

/** The published sources in a starter-layout folder with the CLI's default config; strict on. */
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function starterCopy(edit?: (dir: string) => void) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-node-cli-'));
	copies.push(dir);
	for (const item of ['nodes', 'credentials', 'tsconfig.json']) fs.cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	manifest.n8n.strict = true;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
	const template = path.join(
		toolDir,
		'node_modules',
		'@n8n',
		'node-cli',
		'dist',
		'template',
		'templates',
		'shared',
		'default',
		'eslint.config.mjs',
	);
	fs.copyFileSync(template, path.join(dir, 'eslint.config.mjs'));
	fs.symlinkSync(path.join(toolDir, 'node_modules'), path.join(dir, 'node_modules'));
	edit?.(dir);
	return dir;
}

async function lint(dir: string) {
	const bin = path.join(toolDir, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
	try {
		const r = await promisify(execFile)(nodeBin, [bin, 'lint'], { cwd: dir, env, timeout: 300_000 });
		return { code: 0, output: r.stdout + r.stderr };
	} catch (error: any) {
		if (typeof error.code !== 'number') throw error;
		return { code: error.code as number, output: `${error.stdout}${error.stderr}` };
	}
}

const plain = (text: string) => stripVTControlCharacters(text); // the CLI colours its output

beforeAll(async () => {
	const runtime = await n8nRuntime.ensureN8n({ version: '2.41.1' });
	nodeBin = runtime.nodeBin;
	env = { ...node24Env(path.dirname(path.dirname(runtime.nodeBin))), FORCE_COLOR: '0', NODE_ENV: 'production', CI: 'true' };
	toolDir = await ensureTool(
		`node-cli-${NODE_CLI}`,
		{ dependencies: { '@n8n/node-cli': NODE_CLI, typescript: '5.8.3', 'n8n-workflow': '2.11.1' } },
		{ env },
	);
});

test(`n8n-node lint ${NODE_CLI} passes in strict mode on the published sources`, async () => {
	const dir = starterCopy();
	const result = await lint(dir);
	expect(plain(result.output)).not.toMatch(/Strict mode violation|problems? \(|error/i);
	expect(result.code).toBe(0);
	fs.rmSync(dir, { recursive: true, force: true });
});

test('the same run can fail: a setTimeout in a node is reported', async () => {
	const dir = starterCopy((d) => {
		const file = path.join(d, 'nodes', 'ThroughLine', 'ThroughLine.node.ts');
		fs.appendFileSync(file, '\nexport const wait = () => setTimeout(() => undefined, 1);\n');
	});
	const result = await lint(dir);
	expect(result.code).not.toBe(0);
	expect(plain(result.output)).toContain('@n8n/community-nodes/no-restricted-globals');
	fs.rmSync(dir, { recursive: true, force: true });
});
