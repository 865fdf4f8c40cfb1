/**
 * Shared pieces of the end-to-end suites: the packed tarball and the n8n versions from the global
 * setup, and the runtime module that installs and drives a real n8n (scripts/n8n, plain JS).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require('../../../scripts/n8n');

export const n8nRuntime: {
	ensureN8n(options: {
		version: string;
		log?: (line: string) => void;
	}): Promise<{ nodeBin: string; n8nBin: string; version: string; dir: string }>;
	installPackage(options: { userFolder: string; tarball: string }): Promise<{ name: string; version: string; dir: string }>;
	N8nInstance: new (options: Record<string, unknown>) => any;
	parseExecuteOutput(stdout: string): any;
	freePort(): Promise<number>;
} = runtime;

export const tarball = (): string => {
	const file = process.env.THROUGHLINE_E2E_TARBALL;
	if (!file) throw new Error('THROUGHLINE_E2E_TARBALL is not set: run through jest.e2e.config.js');
	return file;
};

/** n8n versions under test; the first is the current line (2.41.1). */
export const n8nVersions = (): string[] => (process.env.THROUGHLINE_E2E_N8N_VERSIONS ?? '2.41.1').split(',');
