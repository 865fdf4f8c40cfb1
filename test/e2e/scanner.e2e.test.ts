/**
 * n8n's own verification scanner (@n8n/scan-community-package, as n8n runs it before listing a
 * community package) on the packed tarball and on the source tree: zero errors.
 */
import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { tarball } from './support';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const scanner: { scan(dir: string, mode?: 'package' | 'source'): { passed: boolean; details?: string } } = require('../../scripts/scanner');

const ROOT = join(__dirname, '..', '..');
let unpacked: string;
const scratch: string[] = [];
const scratchDir = (prefix: string) => {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	scratch.push(dir);
	return dir;
};
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

beforeAll(() => {
	const dir = scratchDir('throughline-scan-');
	execFileSync('tar', ['xzf', tarball(), '-C', dir]);
	unpacked = join(dir, 'package');
});

test('the published tarball passes the scanner', () => {
	const result = scanner.scan(unpacked);
	expect(result.details ?? '').toBe('');
	expect(result.passed).toBe(true);
});

test('the source tree passes the scanner', () => {
	expect(scanner.scan(ROOT, 'source')).toEqual({ passed: true });
});

test('the scanner run can fail: a runtime dependency is caught', () => {
	const broken = scratchDir('throughline-scan-broken-');
	cpSync(unpacked, broken, { recursive: true });
	const manifest = JSON.parse(readFileSync(join(broken, 'package.json'), 'utf8'));
	manifest.dependencies = { axios: '1.0.0' };
	writeFileSync(join(broken, 'package.json'), JSON.stringify(manifest));
	const result = scanner.scan(broken);
	expect(result.passed).toBe(false);
	expect(result.details).toContain('no-runtime-dependencies');
});
