/**
 * End-to-end suites against a real n8n (installed by scripts/n8n into a cache outside the clone).
 * One at a time: each starts n8n processes, and the machine has two cores.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	// Listed one by one: a suite joins `npm test` (and CI) when it has passed in a fresh clone.
	testMatch: [
		'package',
		'install-npm',
		'install-community',
		'install-env',
		'node-cli',
		'scanner',
		'examples',
		'erroroutput',
		'secrets',
		'trigger',
		'ai/ai',
		'queue/failover',
		'queue/share',
		'restart',
		'browser/panel',
		'browser/parameters',
		'browser/credential',
		'browser/runs',
	].map((name) => `**/test/e2e/${name}.e2e.test.ts`),
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/support/globalSetup.js',
	globalTeardown: '<rootDir>/test/e2e/support/globalTeardown.js',
	maxWorkers: 1,
	testTimeout: 10 * 60 * 1000,
	slowTestThreshold: 120,
};
