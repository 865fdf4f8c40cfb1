/**
 * The GitHub Actions workflows: actionlint finds nothing in them (and does find a broken one),
 * CI runs exactly what .ci/run runs, and publishing happens only from a version tag, after the
 * tests, with npm provenance on a Node and npm new enough for trusted publishing.
 */
import { readFileSync } from 'fs';
import { basename, join } from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const actionlint = require('../../scripts/tools/actionlint');

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('actionlint', () => {
	test('finds nothing in .github/workflows', async () => {
		const files: string[] = actionlint.workflowFiles();
		expect(files.map((f) => basename(f))).toEqual(['ci.yml', 'publish.yml']);
		const findings = await actionlint.lintTexts(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
		expect(findings).toEqual([]);
	}, 120_000);

	test('can fail: an unknown permission and an undefined job dependency are reported', async () => {
		const broken = read('.github/workflows/publish.yml')
			.replace('id-token: write', 'id-tokens: write')
			.replace('needs: test', 'needs: tests');
		const findings = await actionlint.lintTexts([{ file: 'broken.yml', text: broken }]);
		expect(findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['job-needs', 'permissions']);
	}, 120_000);
});

describe('ci.yml', () => {
	const ci = read('.github/workflows/ci.yml');

	test('runs .ci/run, which is `npm ci` then `npm test`', () => {
		expect(ci).toMatch(/^\s+- run: bash \.ci\/run$/m);
		const script = read('.ci/run')
			.split('\n')
			.filter((line) => line.trim() && !line.startsWith('#'));
		expect(script.slice(-2)).toEqual(['npm ci', 'npm test']);
	});

	test('runs on pushes, pull requests, and when publish.yml calls it; read-only token', () => {
		expect(ci).toMatch(/^on:\n {2}push:\n {4}branches: \[main\]\n {2}pull_request:\n {2}workflow_call:$/m);
		expect(ci).toMatch(/^permissions:\n {2}contents: read$/m);
	});
});

describe('publish.yml', () => {
	const publish = read('.github/workflows/publish.yml');

	test('runs only for version tags, and only after the whole CI passed', () => {
		expect(publish).toMatch(/^on:\n {2}push:\n {4}tags: \['v\[0-9\]\+\.\[0-9\]\+\.\[0-9\]\+\*'\]$/m);
		expect(publish).toMatch(/^ {2}test:\n {4}uses: \.\/\.github\/workflows\/ci\.yml$/m);
		expect(publish).toMatch(/^ {4}needs: test$/m);
	});

	test('publishes with provenance, with an OIDC token, from the tagged version', () => {
		expect(publish).toMatch(/^ {6}id-token: write/m);
		expect(publish).toMatch(/^ {6}- run: npm publish --provenance --access public$/m);
		expect(publish).toContain('if [ "$TAG" != "v$version" ]; then');
		// Built fresh and the tarball checked before it goes out; the package runs no script of its own.
		expect(publish.indexOf('run: npm run build')).toBeLessThan(publish.indexOf('- run: npm publish'));
		expect(publish.indexOf('test/package/pack.test.ts')).toBeLessThan(publish.indexOf('- run: npm publish'));
	});

	test('on Node 24 and npm 11.5.1 or newer (trusted publishing needs Node 22.14+ and npm 11.5.1+)', () => {
		const node = Number(/node-version: (\d+)/.exec(publish)?.[1]);
		expect(node).toBeGreaterThanOrEqual(24);
		const npm = /npm install --global npm@(\d+)\.(\d+)\.(\d+)/.exec(publish)?.slice(1).map(Number) ?? [];
		expect(npm[0] * 10_000 + npm[1] * 100 + npm[2]).toBeGreaterThanOrEqual(110501);
	});
});
