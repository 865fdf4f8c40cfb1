#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * `npm run test:mutation:all [-- group ...] [-- --concurrency N]`: the whole of nodes/ and
 * credentials/ in groups, each group's files against the tests written for them (MUTATION_TESTS),
 * one Stryker run per group. One run of every file against every fast test does not fit: the
 * initial run takes 4.5 minutes and Stryker counts ~800 static mutants (descriptions, limits), each
 * of which reruns every test, which comes to many hours on two cores. Each group keeps its own
 * report (.cache/mutation/<group>.json) and incremental file, so a re-run after new tests only
 * tests what changed; at the end summary.js merges every group's report into one score
 * (docs/mutation/last-run.md). A group's score is a floor for the whole suite's.
 *
 * Static mutants (code that runs when a module loads: the nodes' descriptions) cannot be traced to
 * the tests that reach them, so Stryker runs every test of the run for each. A group with
 * `staticTests` runs in two passes: its tests against the mutants they reach (`--ignoreStatic`),
 * then `staticTests`, the quick tests that read descriptions, against every mutant (report
 * `<group>-static`). The two reports merge per mutant like any others.
 */

const { spawnSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const REPORTS = path.join(ROOT, '.cache', 'mutation');
const T = 'test/nodes/ThroughLine';

/**
 * Every file of nodes/ and credentials/ is in exactly one group (test/scripts/mutationGroups.test.ts).
 * Plain globs only: Stryker's --mutate and MUTATION_TESTS are split at commas, so `{a,b}` breaks.
 */
const GROUPS = [
	// The trigger's tests wait out real polls and back-offs (up to a minute each): its change
	// detection and its reporting run as two groups, so that the two can run side by side.
	{
		name: 'trigger',
		mutate: [
			'nodes/ThroughLine/trigger/poll.ts',
			'nodes/ThroughLine/trigger/watch.ts',
			'nodes/ThroughLine/trigger/changes.ts',
			'nodes/ThroughLine/trigger/snapshot.ts',
		],
		tests: [`${T}/trigger/*.test.ts`],
	},
	{
		name: 'trigger-report',
		mutate: [
			'nodes/ThroughLine/trigger/report.ts',
			'nodes/ThroughLine/trigger/pollCost.ts',
			'nodes/ThroughLine/trigger/description.ts',
			'nodes/ThroughLine/ThroughLineTrigger.node.ts',
		],
		tests: [`${T}/trigger/*.test.ts`],
		staticTests: [`${T}/trigger/node.test.ts`, `${T}/trigger/pollCost.test.ts`, `${T}/fields/*.test.ts`],
	},
	{
		name: 'transport',
		mutate: [
			'nodes/ThroughLine/transport/client.ts',
			'nodes/ThroughLine/transport/errors.ts',
			'nodes/ThroughLine/transport/deadline.ts',
			'nodes/ThroughLine/transport/validate.ts',
			'nodes/ThroughLine/transport/api.ts',
			'nodes/ThroughLine/transport/index.ts',
			'nodes/ThroughLine/transport/retry.ts',
		],
		tests: [
			`${T}/transport.test.ts`,
			`${T}/transport/retry.test.ts`,
			`${T}/transport/retryAfter.test.ts`,
			`${T}/transport/errors.test.ts`,
			`${T}/transport/signIn.test.ts`,
			`${T}/transport/answers.test.ts`,
			`${T}/secrets.test.ts`,
			`${T}/router.test.ts`,
		],
	},
	{
		name: 'cache',
		mutate: [
			'nodes/ThroughLine/transport/answerCache.ts',
			'nodes/ThroughLine/transport/lastKnownGood.ts',
			'nodes/ThroughLine/transport/sharedReads.ts',
			'nodes/ThroughLine/transport/quota.ts',
			'nodes/ThroughLine/transport/callBudget.ts',
		],
		tests: [
			`${T}/transport/answerCache.test.ts`,
			`${T}/transport/callBudget.test.ts`,
			`${T}/transport/budget.test.ts`,
			`${T}/transport/cache.test.ts`,
			`${T}/transport/stale.test.ts`,
			`${T}/transport/lastKnownGood.test.ts`,
			`${T}/transport/quota.test.ts`,
			`${T}/transport/answers.test.ts`,
		],
	},
	{
		name: 'pacing',
		mutate: ['nodes/ThroughLine/transport/pacing.ts', 'nodes/ThroughLine/transport/adaptiveRate.ts'],
		tests: [`${T}/transport/pacing*.test.ts`],
	},
	{
		name: 'limits',
		mutate: ['nodes/ThroughLine/transport/limits.ts'],
		tests: [`${T}/transport/*.test.ts`, `${T}/transport.test.ts`],
	},
	{
		name: 'credentials',
		mutate: ['credentials/*.ts'],
		tests: ['test/credentials/*.test.ts', `${T}/transport/signIn.test.ts`, `${T}/secrets.test.ts`],
	},
	{
		name: 'helpers',
		mutate: ['nodes/ThroughLine/helpers/*.ts'],
		tests: [`${T}/helpers/*.test.ts`, `${T}/tool.test.ts`, `${T}/actions/helpline/*.test.ts`],
	},
	{
		name: 'actions',
		mutate: [
			'nodes/ThroughLine/actions/**/*.ts',
			'nodes/ThroughLine/fields/*.ts',
			'nodes/ThroughLine/methods/*.ts',
			'nodes/ThroughLine/ThroughLine.node.ts',
		],
		tests: [
			`${T}/actions/**/*.test.ts`,
			`${T}/fields/*.test.ts`,
			`${T}/methods/*.test.ts`,
			`${T}/router.test.ts`,
			`${T}/tool.test.ts`,
			`${T}/input.test.ts`,
			`${T}/version.test.ts`,
			`${T}/node.test.ts`,
			`${T}/helpers/query.test.ts`,
			`${T}/helpers/filters.test.ts`,
			`${T}/helpers/completeness.test.ts`,
		],
		// Only the tests that read descriptions: with tool.test.ts and the methods' tests (n8n-core,
		// the local server) the static pass was on course for over an hour (beside another run); without
		// them it took 9 minutes.
		staticTests: [`${T}/fields/*.test.ts`, `${T}/actions/registry.test.ts`, `${T}/node.test.ts`],
	},
];

/**
 * The Stryker runs of a group: one, or with `staticTests` two (see the top of this file).
 * @param {{name: string, mutate: string[], tests: string[], staticTests?: string[]}} group
 */
function passes(group) {
	if (!group.staticTests) return [{ report: group.name, tests: group.tests, extra: [] }];
	return [
		{ report: group.name, tests: group.tests, extra: ['--ignoreStatic'] },
		{ report: `${group.name}-static`, tests: group.staticTests, extra: [] },
	];
}

function main() {
	const args = process.argv.slice(2);
	const strykerArgs = args.filter((a, i) => a.startsWith('--') || (i > 0 && args[i - 1].startsWith('--')));
	const chosen = args.filter((a) => !strykerArgs.includes(a));
	const unknown = chosen.filter((name) => !GROUPS.some((g) => g.name === name));
	if (unknown.length) {
		console.error(`Unknown group(s) ${unknown.join(', ')}; groups: ${GROUPS.map((g) => g.name).join(', ')}.`);
		return 2;
	}
	// In the order asked for: the quick groups first gives a partial score early.
	const groups = chosen.length ? chosen.flatMap((name) => GROUPS.filter((g) => g.name === name)) : GROUPS;

	mkdirSync(REPORTS, { recursive: true });
	let failed = false;
	for (const group of groups) {
		for (const pass of passes(group)) {
			console.log(`\n[mutation] ${pass.report}: ${group.mutate.join(', ')} against ${pass.tests.join(', ')}`);
			const run = spawnSync(
				process.execPath,
				[
					path.join(__dirname, 'run.js'),
					'--mutate',
					group.mutate.join(','),
					'--incrementalFile',
					`.cache/stryker-incremental-${pass.report}.json`,
					// Defaults unless given: an option given twice reaches Stryker as NaN (every mutant then
					// "timed out", which counts as detected).
					...(strykerArgs.includes('--timeoutMS') ? [] : ['--timeoutMS', '30000']),
					// The tests mostly wait on timers (back-off, pacing), so more runners than cores pay off.
					...(strykerArgs.includes('--concurrency') ? [] : ['--concurrency', '4']),
					...pass.extra.filter((flag) => !strykerArgs.includes(flag)),
					...strykerArgs,
				],
				{ cwd: ROOT, stdio: 'inherit', env: { ...process.env, MUTATION_TESTS: pass.tests.join(',') } },
			);
			const report = path.join(ROOT, 'docs', 'mutation', 'report.json');
			if (run.status === 0 && existsSync(report)) copyFileSync(report, path.join(REPORTS, `${pass.report}.json`));
			else failed = true;
		}
	}

	const expected = GROUPS.flatMap((g) => passes(g).map((pass) => pass.report));
	const reports = expected.map((name) => path.join(REPORTS, `${name}.json`)).filter((file) => existsSync(file));
	const missing = expected.filter((name) => !existsSync(path.join(REPORTS, `${name}.json`)));
	spawnSync(
		process.execPath,
		[path.join(__dirname, 'summary.js'), '--report', reports.map((f) => path.relative(ROOT, f)).join(','), '--scope', 'all groups'],
		{ cwd: ROOT, stdio: 'inherit', env: { ...process.env, MUTATION_TESTS: 'per group, see scripts/mutation/campaign.js' } },
	);
	if (missing.length) console.log(`[mutation] no report yet for: ${missing.join(', ')} (the score above leaves them out)`);
	return failed ? 1 : 0;
}

if (require.main === module) process.exit(main());

module.exports = { GROUPS, passes };
