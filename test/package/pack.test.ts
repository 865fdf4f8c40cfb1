/**
 * The tarball users get (`npm pack`, exactly what `npm publish` uploads): only the built code,
 * README, licence, changelog and package.json; no tests, sources, source maps or fixtures; small;
 * and a package.json with no runtime dependencies and no install scripts. Needs `npm run build`.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

interface PackResult {
	filename: string;
	size: number;
	unpackedSize: number;
	entryCount: number;
	files: Array<{ path: string; size: number }>;
}

/** Files outside these are not for users. index.js is the `main` entry n8n never needs, 2 lines. */
const TOP_LEVEL = ['CHANGELOG.md', 'LICENSE.md', 'README.md', 'index.js', 'package.json'];
const BUILT = /^dist\/(nodes|credentials)\/.+\.(js|json|svg)$/;
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare', 'prepack', 'postpack'];

/** Paths in a file list that do not belong in the published tarball. */
export function unexpectedFiles(paths: string[]): string[] {
	return paths.filter((p) => !TOP_LEVEL.includes(p) && !BUILT.test(p));
}

const pack = (): PackResult => {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	});
	return JSON.parse(out)[0];
};

describe('npm pack', () => {
	let result: PackResult;
	let paths: string[];
	beforeAll(() => {
		result = pack();
		paths = result.files.map((f) => f.path).sort();
	});

	test('the file filter rejects what must not ship', () => {
		const bad = [
			'dist/nodes/X/X.node.js.map',
			'dist/nodes/X/X.node.ts',
			'sandbox/data.js',
			'dist/test/a.test.js',
			'src/x.ts',
			'examples/a.json',
			'docs/bench/latest.json',
			'tsconfig.json',
			'.npmrc',
		];
		expect(unexpectedFiles([...bad, 'dist/nodes/X/X.node.js', 'README.md'])).toEqual(bad);
	});

	test('holds only dist/ (code, codex, icons), README, LICENSE, CHANGELOG and package.json', () => {
		expect(unexpectedFiles(paths)).toEqual([]);
		for (const required of ['CHANGELOG.md', 'LICENSE.md', 'README.md', 'package.json']) expect(paths).toContain(required);
		expect(paths.filter((p) => /\.map$|\.ts$|test|fixture|__/i.test(p))).toEqual([]);
	});

	test('holds every node and credential package.json points n8n at, with their icons and codex files', () => {
		const manifest = require(join(ROOT, 'package.json'));
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) expect(paths).toContain(file);
		for (const node of manifest.n8n.nodes as string[]) {
			const dir = node.slice(0, node.lastIndexOf('/') + 1);
			expect(paths).toContain(node.replace(/\.js$/, '.json'));
			expect(paths.filter((p) => p.startsWith(dir) && p.endsWith('.svg')).length).toBeGreaterThanOrEqual(2); // light and dark
		}
	});

	test('both nodes live in one folder and share one pair of icons', () => {
		const manifest = require(join(ROOT, 'package.json'));
		expect(manifest.n8n.nodes).toEqual(['dist/nodes/ThroughLine/ThroughLine.node.js', 'dist/nodes/ThroughLine/ThroughLineTrigger.node.js']);
		expect(paths.filter((p) => p.endsWith('.svg'))).toEqual([
			'dist/nodes/ThroughLine/throughline.dark.svg',
			'dist/nodes/ThroughLine/throughline.svg',
		]);
	});

	test('is small: under 100 kB packed and 320 kB unpacked, under 90 files', () => {
		// Figures of the latest change are recorded in docs/verification.md.
		expect(result.size).toBeLessThan(100_000);
		expect(result.unpackedSize).toBeLessThan(320_000);
		expect(result.entryCount).toBeLessThan(90);
	});

	test('its package.json has no runtime dependencies, no install scripts, and an optional peer n8n-workflow', () => {
		const manifest = require(join(ROOT, 'package.json'));
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.optionalDependencies).toBeUndefined();
		expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined();
		expect(Object.keys(manifest.scripts).filter((s) => LIFECYCLE.includes(s))).toEqual([]);
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
		expect(manifest.files).toEqual(['dist', 'CHANGELOG.md']);
		// No "strict": it would make `n8n-node lint` demand its default eslint config here (docs/verification.md).
		expect(manifest.n8n.strict).toBeUndefined();
	});
});
