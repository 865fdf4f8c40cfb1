/**
 * `npm run release`: the version it picks, the Keep a Changelog entry it writes and the tag it
 * makes (planRelease is pure), and the real script's --dry-run, which must change nothing.
 */
import { execFileSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const release = require('../../scripts/release');

const ROOT = join(__dirname, '..', '..');
const REPO = 'https://github.com/acme/n8n-nodes-x';
const manifest = (version: string) => ({ name: 'n8n-nodes-x', version, repository: { type: 'git', url: `git+${REPO}.git` } });
const CHANGELOG = [
	'# Changelog',
	'',
	'Intro.',
	'',
	'## [Unreleased]',
	'',
	'### Fixed',
	'',
	'- A bug.',
	'',
	'## [0.2.0] - 2026-11-01',
	'',
	'### Added',
	'',
	'- A thing.',
	'',
	`[Unreleased]: ${REPO}/compare/v0.2.0...HEAD`,
	`[0.2.0]: ${REPO}/releases/tag/v0.2.0`,
	'',
].join('\n');

describe('planRelease', () => {
	test('a patch release: the Unreleased changes become the version\u2019s entry, links updated, older entries kept', () => {
		const plan = release.planRelease({
			manifest: manifest('0.2.0'),
			changelog: CHANGELOG,
			tags: ['v0.2.0'],
			bump: 'patch',
			date: '2026-12-01',
		});
		expect(plan).toMatchObject({ version: '0.2.1', tag: 'v0.2.1', entry: '## [0.2.1] - 2026-12-01\n\n### Fixed\n\n- A bug.\n' });
		expect(plan.changelog).toBe(
			[
				'# Changelog',
				'',
				'Intro.',
				'',
				'## [Unreleased]',
				'',
				'## [0.2.1] - 2026-12-01',
				'',
				'### Fixed',
				'',
				'- A bug.',
				'',
				'## [0.2.0] - 2026-11-01',
				'',
				'### Added',
				'',
				'- A thing.',
				'',
				`[Unreleased]: ${REPO}/compare/v0.2.1...HEAD`,
				`[0.2.1]: ${REPO}/compare/v0.2.0...v0.2.1`,
				`[0.2.0]: ${REPO}/releases/tag/v0.2.0`,
				'',
			].join('\n'),
		);
	});

	test('minor, major and an explicit version', () => {
		const plan = (bump: string) =>
			release.planRelease({ manifest: manifest('0.2.0'), changelog: CHANGELOG, tags: ['v0.2.0'], bump, date: 'D' }).version;
		expect([plan('minor'), plan('major'), plan('0.9.0')]).toEqual(['0.3.0', '1.0.0', '0.9.0']);
	});

	test('the first release is the version package.json has; later ones default to a patch', () => {
		const first = release.planRelease({
			manifest: manifest('0.1.0'),
			changelog: CHANGELOG.replace(/## \[0\.2\.0\][\s\S]*$/, ''),
			tags: [],
			date: 'D',
		});
		expect(first).toMatchObject({ version: '0.1.0', tag: 'v0.1.0' });
		expect(first.changelog).toContain(`[0.1.0]: ${REPO}/releases/tag/v0.1.0`);
		expect(release.planRelease({ manifest: manifest('0.2.0'), changelog: CHANGELOG, tags: ['v0.2.0'], date: 'D' }).version).toBe('0.2.1');
	});

	test('refuses: an empty Unreleased section, an existing tag, a version not newer, an unknown bump', () => {
		const plan = (over: Record<string, unknown>) => () =>
			release.planRelease({ manifest: manifest('0.2.0'), changelog: CHANGELOG, tags: ['v0.2.0'], bump: 'patch', date: 'D', ...over });
		expect(plan({ changelog: CHANGELOG.replace('- A bug.', '') })).toThrow(/lists no change/);
		expect(plan({ tags: ['v0.2.0', 'v0.2.1'] })).toThrow(/tag v0.2.1 already exists/);
		expect(plan({ bump: '0.1.5' })).toThrow(/not newer than the latest release 0.2.0/);
		expect(plan({ bump: 'huge' })).toThrow(/unknown release "huge"/);
		expect(plan({ changelog: '# Changelog\n' })).toThrow(/no "## \[Unreleased\]" section/);
	});
});

test('npm run release -- --dry-run shows the version, the entry and the tag, and changes nothing', () => {
	const before = ['package.json', 'package-lock.json', 'CHANGELOG.md'].map((f) => readFileSync(join(ROOT, f), 'utf8'));
	const tagsBefore = execFileSync('git', ['tag', '--list'], { cwd: ROOT, encoding: 'utf8' });
	const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'release.js'), '--dry-run'], { cwd: ROOT, encoding: 'utf8' });
	const { version } = JSON.parse(before[0]);
	expect(out).toMatch(
		new RegExp(
			`^Would release n8n-nodes-throughline \\d+\\.\\d+\\.\\d+ \\(package\\.json now ${version.replace(/\./g, '\\.')}\\), tag v\\d+\\.\\d+\\.\\d+$`,
			'm',
		),
	);
	expect(out).toMatch(/^## \[\d+\.\d+\.\d+\] - \d{4}-\d{2}-\d{2}$/m);
	expect(out).toContain('Dry run: nothing changed.');
	expect(['package.json', 'package-lock.json', 'CHANGELOG.md'].map((f) => readFileSync(join(ROOT, f), 'utf8'))).toEqual(before);
	expect(execFileSync('git', ['tag', '--list'], { cwd: ROOT, encoding: 'utf8' })).toBe(tagsBefore);
});

test('npm run release -- minor bumps package.json and package-lock.json, writes the entry, commits and tags', () => {
	const dir = mkdtempSync(join(tmpdir(), 'throughline-release-'));
	try {
		mkdirSync(join(dir, 'scripts'));
		copyFileSync(join(ROOT, 'scripts', 'release.js'), join(dir, 'scripts', 'release.js'));
		writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest('0.2.0'), null, 2) + '\n');
		writeFileSync(
			join(dir, 'package-lock.json'),
			JSON.stringify(
				{
					name: 'n8n-nodes-x',
					version: '0.2.0',
					lockfileVersion: 3,
					requires: true,
					packages: { '': { name: 'n8n-nodes-x', version: '0.2.0' } },
				},
				null,
				2,
			) + '\n',
		);
		writeFileSync(join(dir, 'CHANGELOG.md'), CHANGELOG);
		const git = (...args: string[]) =>
			execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, encoding: 'utf8' }).trim();
		git('init', '-q');
		git('add', '.');
		git('commit', '-qm', 'init');
		git('tag', '-a', 'v0.2.0', '-m', 'v0.2.0');
		execFileSync(process.execPath, [join(dir, 'scripts', 'release.js'), 'minor'], {
			cwd: dir,
			env: {
				...process.env,
				GIT_AUTHOR_NAME: 't',
				GIT_AUTHOR_EMAIL: 't@example.com',
				GIT_COMMITTER_NAME: 't',
				GIT_COMMITTER_EMAIL: 't@example.com',
			},
		});
		expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version).toBe('0.3.0');
		const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
		expect([lock.version, lock.packages[''].version]).toEqual(['0.3.0', '0.3.0']);
		expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toMatch(
			/## \[Unreleased\]\n\n## \[0\.3\.0\] - \d{4}-\d{2}-\d{2}\n\n### Fixed\n\n- A bug\.\n/,
		);
		expect(git('log', '-1', '--format=%s')).toBe('Release v0.3.0');
		expect(git('describe', '--tags', '--exact-match', 'HEAD')).toBe('v0.3.0');
		expect(git('status', '--porcelain')).toBe('');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
