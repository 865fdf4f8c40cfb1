/**
 * docs/verification.md stays complete: every rule the verification scanner enables (the same
 * plugin versions as our devDependencies) is in the checklist, and every open row says what
 * blocks it. The rules themselves are enforced by `npm run lint` and the scanner suite.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

/** The plugin is an ES module, which jest's CommonJS runtime cannot load: ask plain node. */
const communityRules = (): string[] =>
	JSON.parse(
		execFileSync(
			process.execPath,
			[
				'-e',
				"console.log(JSON.stringify(Object.keys(require('@n8n/eslint-plugin-community-nodes').n8nCommunityNodesPlugin.configs.recommended.rules)))",
			],
			{
				cwd: join(__dirname, '..', '..'),
				encoding: 'utf8',
			},
		),
	);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodesBase = require('eslint-plugin-n8n-nodes-base');

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'verification.md'), 'utf8');
const short = (rule: string) => rule.replace(/^@n8n\/community-nodes\/|^n8n-nodes-base\//, '');

test('every rule of @n8n/eslint-plugin-community-nodes (recommended) has its own row', () => {
	const rules = communityRules().map(short);
	expect(rules.length).toBeGreaterThan(40);
	const missing = rules.filter((rule) => !new RegExp(`^\\| \`${rule}\`( \\(warn\\))? \\| .+ \\| (met|\\*\\*open\\*\\*)`, 'm').test(doc));
	expect(missing).toEqual([]);
});

test('every rule of eslint-plugin-n8n-nodes-base (community, credentials, nodes) is named', () => {
	const rules = ['community', 'credentials', 'nodes'].flatMap((set) => Object.keys(nodesBase.configs[set].rules)).map(short);
	expect(rules.length).toBeGreaterThan(130);
	expect(rules.filter((rule) => !doc.includes(`\`${rule}\``))).toEqual([]);
});

test('each open row names what blocks it', () => {
	const open = doc.split('\n').filter((line) => line.startsWith('|') && line.includes('**open**'));
	expect(open.length).toBeGreaterThan(0); // publishing cannot happen here
	expect(open.filter((line) => !/\*\*open\*\*[^|]*(owner|first publish|npm account|repository)/.test(line))).toEqual([]);
});

test('the tarball figures in the checklist are the ones the pack test allows', () => {
	const [, files, packed, unpacked] = /\*\*(\d+) files, ([\d.]+) kB packed,\s+([\d.]+) kB unpacked\*\*/.exec(doc) ?? [];
	expect(Number(files)).toBeLessThan(90);
	expect(Number(packed)).toBeLessThan(100);
	expect(Number(unpacked)).toBeLessThan(320);
});
