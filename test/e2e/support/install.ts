/**
 * What every install path must end with (test/e2e/install-*.e2e.test.ts): n8n lists the
 * package's nodes without warnings about it, and the crisis-line lookup example (Helpline Search)
 * returns the local server's helplines.
 */
import path from 'node:path';

import * as demo from '../../../scripts/demo/examples';
import type { SandboxServer } from '../../../sandbox';
import { expectedCrisisLines } from '../expected';

export const PACKAGE = 'n8n-nodes-throughline';
export const OUR_NODE_TYPES = [`${PACKAGE}.throughLine`, `${PACKAGE}.throughLineTool`, `${PACKAGE}.throughLineTrigger`];
const COUNTRIES = ['US', 'NZ']; // the example's own list

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const packageVersion: string = require(path.join(__dirname, '..', '..', '..', 'package.json')).version;

/** Our node types among a list of n8n node type names, sorted. */
export const oursAmong = (names: string[]) => names.filter((name) => name.startsWith(`${PACKAGE}.`)).sort();

/** Nothing n8n printed is a warning or an error about this package. */
export function expectNoPackageWarnings(log: string) {
	expect(log).not.toMatch(/n8n-nodes-throughline[^\n]*(warn|error|could not|failed)/i);
	expect(log).not.toMatch(/Class could not be found/i);
	expect(log).not.toMatch(/(unrecognized|unknown) node type/i);
}

/** Import the ThroughLine credential (pointing at `server`) and the crisis-line lookup example. */
export async function importSearchWorkflow(n8n: any, server: SandboxServer) {
	await n8n.importCredentials([demo.localCredential(server)]);
	await n8n.importWorkflows(demo.loadExamples({ only: ['crisisLineLookup'] }));
}

/** Run the crisis-line lookup with `n8n execute`; its output must be the server's helplines. */
export async function expectSearchReturnsServerData(n8n: any, server: SandboxServer) {
	server.reset();
	const exec = await n8n.execute(demo.EXAMPLES.crisisLineLookup.id);
	expect(demo.executionError(exec.result)).toBeUndefined();
	expect(exec.status).toBe('success');
	const items = demo.nodeOutput(exec.result, demo.EXAMPLES.crisisLineLookup.outputNode);
	expect(items).toEqual(expectedCrisisLines(server, COUNTRIES));
	expect(items.length).toBeGreaterThan(COUNTRIES.length);
	expect(server.requests().filter((r) => r.url.startsWith('/v1/helplines?'))).toHaveLength(2 * COUNTRIES.length);
}
