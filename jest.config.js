/** Unit and integration tests: n8n-core in-process against the local ThroughLine-compatible server. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	// One temp folder per run, removed afterwards even when tests fail (test/harness/tempRun.js).
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	setupFilesAfterEnv: ['<rootDir>/test/setupEnv.ts'],
	testTimeout: 30000,
};
