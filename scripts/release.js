// @ts-check
'use strict';
/**
 * `npm run release -- [patch|minor|major|X.Y.Z] [--dry-run]`: bumps the version in package.json
 * and package-lock.json, turns CHANGELOG.md's Unreleased section into the new version's entry
 * (Keep a Changelog), commits, and makes the annotated tag vX.Y.Z. Pushing the tag
 * (`git push --follow-tags`) lets .github/workflows/publish.yml test and publish it.
 * The first release is the version package.json already has, when no tag has it yet.
 * --dry-run prints the version, the changelog entry and the tag, and changes nothing.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
const UNRELEASED = /^## \[Unreleased\][^\n]*\n/m;

/** @param {string} version @param {string} bump */
function nextVersion(version, bump) {
	const m = SEMVER.exec(version);
	if (!m) throw new Error(`package.json version ${version} is not X.Y.Z`);
	const [major, minor, patch] = m.slice(1).map(Number);
	if (bump === 'major') return `${major + 1}.0.0`;
	if (bump === 'minor') return `${major}.${minor + 1}.0`;
	if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
	if (SEMVER.test(bump)) return bump;
	throw new Error(`unknown release "${bump}": give patch, minor, major or X.Y.Z`);
}

/** -1, 0, 1 as versions a, b compare. */
function compareVersions(/** @type {string} */ a, /** @type {string} */ b) {
	const [x, y] = [a, b].map((v) => v.split('.').map(Number));
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
	return 0;
}

/** The GitHub web address of package.json's repository, for changelog links. */
function repositoryUrl(/** @type {{repository?: string | {url?: string}}} */ manifest) {
	const raw = typeof manifest.repository === 'string' ? manifest.repository : (manifest.repository?.url ?? '');
	return raw.replace(/^git\+/, '').replace(/\.git$/, '');
}

/**
 * What a release would do, computed from the files' contents: pure, so it is tested directly.
 * @param {{manifest: {version: string, repository?: any}, changelog: string, tags: string[], bump?: string, date: string}} input
 * @returns {{version: string, tag: string, entry: string, changelog: string}}
 */
function planRelease({ manifest, changelog, tags, bump, date }) {
	const current = manifest.version;
	const firstRelease = !tags.some((t) => SEMVER.test(t.replace(/^v/, '')));
	const version = bump ? nextVersion(current, bump) : firstRelease ? current : nextVersion(current, 'patch');
	const tag = `v${version}`;
	if (tags.includes(tag)) throw new Error(`tag ${tag} already exists`);
	const released = tags.map((t) => t.replace(/^v/, '')).filter((v) => SEMVER.test(v));
	const newest = released.sort(compareVersions).at(-1);
	if (newest && compareVersions(version, newest) <= 0) throw new Error(`${version} is not newer than the latest release ${newest}`);

	// Keep a Changelog: sections "## [x]" on top, link definitions "[x]: url" at the end.
	const linkStart = changelog.search(/^\[[^\]]+\]: /m);
	const sections = linkStart < 0 ? changelog : changelog.slice(0, linkStart);
	const links = (linkStart < 0 ? '' : changelog.slice(linkStart)).split('\n').filter((line) => /^\[[^\]]+\]: /.test(line));
	const head = UNRELEASED.exec(sections);
	if (!head) throw new Error('CHANGELOG.md has no "## [Unreleased]" section');
	const bodyStart = head.index + head[0].length;
	const nextSection = sections.slice(bodyStart).search(/^## \[/m);
	const bodyEnd = nextSection < 0 ? sections.length : bodyStart + nextSection;
	const body = sections.slice(bodyStart, bodyEnd).trim();
	if (!/^- /m.test(body)) throw new Error('the Unreleased section of CHANGELOG.md lists no change: add what this release changes first');
	if (sections.includes(`## [${version}]`)) throw new Error(`CHANGELOG.md already has a section for ${version}`);

	const entry = `## [${version}] - ${date}\n\n${body}\n`;
	const repo = repositoryUrl(manifest);
	const older = sections.slice(bodyEnd).trim();
	const newLinks = [
		`[Unreleased]: ${repo}/compare/${tag}...HEAD`,
		`[${version}]: ${newest ? `${repo}/compare/v${newest}...${tag}` : `${repo}/releases/tag/${tag}`}`,
		...links.filter((line) => !line.startsWith('[Unreleased]: ')),
	];
	const updated = `${sections.slice(0, head.index)}## [Unreleased]\n\n${entry}${older ? `\n${older}\n` : ''}\n${newLinks.join('\n')}\n`;
	return { version, tag, entry, changelog: updated };
}

function git(/** @type {string[]} */ args) {
	return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

function main(/** @type {string[]} */ argv) {
	const dryRun = argv.includes('--dry-run');
	const bump = argv.find((a) => !a.startsWith('--'));
	const manifestFile = path.join(ROOT, 'package.json');
	const changelogFile = path.join(ROOT, 'CHANGELOG.md');
	const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	const tags = git(['tag', '--list', 'v*']).split('\n').filter(Boolean);
	const plan = planRelease({
		manifest,
		changelog: fs.readFileSync(changelogFile, 'utf8'),
		tags,
		bump,
		date: new Date().toISOString().slice(0, 10),
	});

	const say = (/** @type {string} */ line) => process.stdout.write(`${line}\n`);
	say(`${dryRun ? 'Would release' : 'Releasing'} ${manifest.name} ${plan.version} (package.json now ${manifest.version}), tag ${plan.tag}`);
	say('\nCHANGELOG.md entry:\n');
	say(plan.entry);
	if (dryRun) {
		say(`Dry run: nothing changed. Without --dry-run: version ${plan.version} in package.json and package-lock.json,`);
		say(`this entry in CHANGELOG.md, commit "Release ${plan.tag}", annotated tag ${plan.tag}.`);
		return;
	}
	if (git(['status', '--porcelain'])) throw new Error('the work tree has uncommitted changes: commit or stash them first');
	if (plan.version !== manifest.version) {
		execFileSync('npm', ['version', plan.version, '--no-git-tag-version', '--ignore-scripts'], { cwd: ROOT, stdio: 'ignore' });
	}
	fs.writeFileSync(changelogFile, plan.changelog);
	git(['add', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
	git(['commit', '-m', `Release ${plan.tag}`]);
	git(['tag', '-a', plan.tag, '-m', `${manifest.name} ${plan.version}\n\n${plan.entry}`]);
	say(`Committed and tagged ${plan.tag}. Push with: git push --follow-tags (publish.yml then tests and publishes it).`);
}

if (require.main === module) {
	try {
		main(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`release: ${error instanceof Error ? error.message : error}\n`);
		process.exit(1);
	}
}

module.exports = { planRelease, nextVersion, compareVersions, repositoryUrl };
