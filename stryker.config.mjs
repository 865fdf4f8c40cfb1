// Mutation testing (`npm run test:mutation`): Stryker changes the code of nodes/ and credentials/
// one small mutation at a time and runs the fast jest suites (test/nodes, test/credentials) against
// each. A mutant that no test notices ("survived") is behaviour no test pins down.
// Run a subset with `npm run test:mutation -- --mutate nodes/ThroughLine/transport/pacing.ts`.
const TESTS = process.env.MUTATION_TESTS
	? process.env.MUTATION_TESTS.split(',').map((glob) => `<rootDir>/${glob.trim()}`)
	: ['<rootDir>/test/nodes/**/*.test.ts', '<rootDir>/test/credentials/**/*.test.ts'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
	testRunner: 'jest',
	plugins: ['@stryker-mutator/jest-runner'],
	jest: {
		projectType: 'custom',
		configFile: 'jest.config.js',
		// Only the fast in-process suites: no e2e, no sandbox contract tests, no fault or variant sweeps.
		// MUTATION_TESTS (comma-separated globs under the project) narrows a run to the tests written
		// for the mutated files: fewer tests can only kill fewer mutants, so its score is a floor.
		config: { testMatch: TESTS },
		enableFindRelatedTests: false,
	},
	// Each mutant runs only the tests that reach it.
	coverageAnalysis: 'perTest',
	// No TypeScript checker: a mutant that does not compile fails its tests anyway, and the checker is slow.
	checkers: [],
	mutate: ['nodes/**/*.ts', 'credentials/**/*.ts'],
	// Two cores shared with other engineers: one test process at a time.
	concurrency: 1,
	// A mutant that hangs (pacing, retry loops) is killed after 1.5 x the covering tests' time + 5 s.
	timeoutMS: 5000,
	timeoutFactor: 1.5,
	tempDirName: '.cache/stryker-tmp',
	// Re-runs test only the mutants whose code or tests changed since the last run (a full run takes hours).
	incremental: true,
	incrementalFile: '.cache/stryker-incremental.json',
	ignorePatterns: ['dist', 'test-artifacts', 'bench-results', '.n8n-user', 'docs', '.cache', '*.tgz'],
	reporters: ['clear-text', 'progress', 'html', 'json'],
	htmlReporter: { fileName: 'docs/mutation/report.html' },
	jsonReporter: { fileName: 'docs/mutation/report.json' },
	clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
	thresholds: { high: 80, low: 60, break: null },
};
