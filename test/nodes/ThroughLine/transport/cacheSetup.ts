/**
 * What the cache and stale-answer suites share: the search they run, what they count on the
 * local server, the hints they read, and the cache's own clock moved forward.
 */
import type { INodeParameters, NodeExecutionHint } from 'n8n-workflow';

import { sharedAnswers } from '../../../../nodes/ThroughLine/transport/answerCache';
import type { NodeRun } from '../../../harness/runNode';
import { shortenRetryWaits, useLocalServer } from '../../../harness/runNode';
import type { SandboxServer } from '../../../../sandbox';

const MINUTE = 60_000;

/** Helpline Search for the item's country, 5 helplines, with the given Options. */
export const search = (options: INodeParameters = {}, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'helpline',
	operation: 'search',
	country: '={{ $json.country }}',
	limit: 5,
	options,
	...extra,
});

export const hints = (run: NodeRun) => (run.run.data.resultData.runData.ThroughLine?.[0]?.hints ?? []) as NodeExecutionHint[];

/** The local server, retries without their real waits, and the cache's clock restored after each test. */
export function useCacheSuite() {
	const local = useLocalServer();
	let restoreRetryWaits: () => void;
	beforeAll(() => {
		restoreRetryWaits = shortenRetryWaits();
	});
	afterAll(() => restoreRetryWaits());
	afterEach(() => jest.restoreAllMocks());
	return {
		local,
		helplineCalls: (server: SandboxServer = local.server) => server.stats().byRoute['GET /v1/helplines'] ?? 0,
		firstFive: (code: string) =>
			local.server.data
				.helplines()
				.filter((h) => h.country.code === code)
				.slice(0, 5),
	};
}

/** Moves the cache's clock (only the cache's: the server keeps real time). */
export const minutesLater = (minutes: number) => {
	const now = Date.now() + minutes * MINUTE;
	jest.spyOn(sharedAnswers, 'now').mockImplementation(() => now);
};
