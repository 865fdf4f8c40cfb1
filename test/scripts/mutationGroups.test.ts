/**
 * The mutation campaign (scripts/mutation/campaign.js) must cover nodes/ and credentials/ whole:
 * a file in no group would silently leave its mutants out of the score, a file in two would be
 * counted from whichever report came last. Every group's tests must exist, or its score is 0.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GROUPS, passes } = require('../../scripts/mutation/campaign') as {
	GROUPS: Array<{ name: string; mutate: string[]; tests: string[]; staticTests?: string[] }>;
	passes: (group: unknown) => Array<{ report: string; tests: string[]; extra: string[] }>;
};

const ROOT = path.resolve(__dirname, '..', '..');

/** The globs the campaign uses: `*` within a folder name, `**` across folders (no braces, checked below). */
function matches(file: string, globs: string[]): boolean {
	return globs.some((glob) => {
		const pattern = glob
			.split('**/')
			.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
			.join('(?:.*/)?');
		return new RegExp(`^${pattern}$`).test(file);
	});
}

function filesUnder(folder: string): string[] {
	return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) =>
			path
				.relative(ROOT, path.join(entry.parentPath ?? entry.path, entry.name))
				.split(path.sep)
				.join('/'),
		);
}

test('every source file of nodes/ and credentials/ is mutated by exactly one group', () => {
	const sources = [...filesUnder('nodes'), ...filesUnder('credentials')].filter((file) => file.endsWith('.ts'));
	expect(sources.length).toBeGreaterThan(40);
	const owners = sources.map((file) => ({ file, groups: GROUPS.filter((g) => matches(file, g.mutate)).map((g) => g.name) }));
	expect(owners.filter((o) => o.groups.length !== 1)).toEqual([]);
});

test("every group's tests exist", () => {
	const tests = filesUnder('test').filter((file) => file.endsWith('.test.ts'));
	for (const group of GROUPS) {
		for (const glob of [...group.tests, ...(group.staticTests ?? [])])
			expect({ group: group.name, glob, found: tests.some((t) => matches(t, [glob])) }).toEqual({
				group: group.name,
				glob,
				found: true,
			});
	}
});

test('a group with quick tests for its static mutants runs twice: its tests without the static mutants, then the quick tests on every mutant', () => {
	const withStatic = GROUPS.filter((g) => g.staticTests);
	expect(withStatic.map((g) => g.name).sort()).toEqual(['actions', 'trigger-report']);
	for (const group of withStatic) {
		expect(passes(group)).toEqual([
			{ report: group.name, tests: group.tests, extra: ['--ignoreStatic'] },
			{ report: `${group.name}-static`, tests: group.staticTests, extra: [] },
		]);
	}
	const plain = GROUPS.find((g) => !g.staticTests)!;
	expect(passes(plain)).toEqual([{ report: plain.name, tests: plain.tests, extra: [] }]);
});

test('no glob holds a comma or braces: Stryker and MUTATION_TESTS split lists at commas', () => {
	const globs = GROUPS.flatMap((g) => [...g.mutate, ...g.tests, ...(g.staticTests ?? [])]);
	expect(globs.filter((glob) => /[,{}]/.test(glob))).toEqual([]);
});

test('the glob reading is the one Stryker and jest give these patterns', () => {
	expect(matches('nodes/ThroughLine/actions/helpline/search.operation.ts', ['nodes/ThroughLine/actions/**/*.ts'])).toBe(true);
	expect(matches('nodes/ThroughLine/actions/registry.ts', ['nodes/ThroughLine/actions/**/*.ts'])).toBe(true);
	expect(matches('nodes/ThroughLine/transport/pacing.ts', ['nodes/ThroughLine/transport/*.test.ts'])).toBe(false);
	expect(matches('test/nodes/ThroughLine/transport/pacing.adaptive.test.ts', ['test/nodes/ThroughLine/transport/pacing*.test.ts'])).toBe(
		true,
	);
	expect(matches('nodes/ThroughLine/helpers/xts', ['nodes/ThroughLine/helpers/*.ts'])).toBe(false);
	expect(matches('nodes/ThroughLine/helpers/a/b.ts', ['nodes/ThroughLine/helpers/*.ts'])).toBe(false);
});
