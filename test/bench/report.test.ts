/** The benchmark's report: a side that failed is a measured result, and a "no pace set" job is compared with the HTTP runs it repeats. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchReport = require('../../scripts/bench/report');

const run = (side: string, wallMs: number, extra: Record<string, unknown> = {}) => ({
	side,
	wallMs,
	callsMs: [wallMs],
	requests: 11,
	tokenRequests: 1,
	rateLimited: 0,
	memory: { peakMiB: 100, deltaMiB: 10 },
	workNodeMs: [50, 40, 40],
	workNodeOwnMs: [45, 35, 35],
	executionMs: [60],
	helplinesOut: 20,
	verified: true,
	problems: [],
	...extra,
});
const failed = (side: string, problem: string) => ({ side, verified: false, problems: [problem] });
const job = (key: string, extra: Record<string, unknown> = {}) => ({
	key,
	title: key,
	items: [{ country: 'US' }],
	query: { limit: 20 },
	executions: 1,
	latencyMs: 50,
	distinct: 1,
	maxRequestsPerSecond: 30,
	...extra,
});
const HTTP_429 =
	'execution 11 of 30: webhook answered 500: {"message":"Error in workflow"}; HTTP Request failed: too many requests (HTTP 429: rate_limited)';

function output(results: Record<string, unknown> = {}) {
	const both = (oursMs: number, httpMs: number) => ({ ours: [run('ours', oursMs)], http: [run('http', httpMs)] });
	return benchReport.build({
		started: '2026-12-03T00:00:00.000Z',
		benchSeconds: 1,
		measuredSeconds: 1,
		machine: {
			nproc: 2,
			cpuModel: 'test',
			memoryGiB: 1,
			n8nVersion: '2.41.1',
			n8nNode: 'v24',
			benchNode: 'v20',
			loadBeforeStartUp: 0,
			loadStart: { one: 0 },
			loadEnd: { one: 0 },
			loadBelow2AtStart: true,
		},
		settings: { runs: 1, rounds: 1 },
		jobs: {
			fanOut: job('fanOut'),
			fullPull: job('fullPull'),
			fullPullUnpaced: job('fullPullUnpaced', { maxRequestsPerSecond: undefined, httpFrom: 'fullPull' }),
			scheduled: job('scheduled'),
			overhead: job('overhead'),
			overheadSmall: job('overheadSmall'),
		},
		results: {
			fanOut: both(1000, 20_000),
			fullPull: both(1700, 1600),
			fullPullUnpaced: { ours: [run('ours', 6400)] },
			// Every HTTP Request run of the schedule failed, as on 2026-12-01.
			scheduled: { ours: [run('ours', 3000)], http: [failed('http', HTTP_429), failed('http', HTTP_429), failed('http', HTTP_429)] },
			overhead: { ours: [run('ours', 500)] },
			overheadSmall: { ours: [run('ours', 100)] },
			...results,
		},
	});
}

test('a side whose every run failed is reported with its error, not left out', () => {
	const out = output();
	expect(out.jobs.scheduled.failures).toEqual([{ side: 'http', failed: 3, of: 3, first: HTTP_429 }]);
	expect(out.jobs.scheduled.ratio.wallTime).toBeNull();
	const table: string = benchReport.table(out);
	expect(table).toContain(`- scheduled, HTTP Request: 3 of 3 runs failed: ${HTTP_429}`);
	expect(table).toContain('|  | HTTP Request | **failed, 3 of 3 runs** (see below) |');
	// The HTTP Request side failing is its result; the ThroughLine node's runs all passed.
	expect(out.allVerified).toBe(false);
	expect(out.oursVerified).toBe(true);
	expect(table).not.toContain('failed the output check');
});

test('a failed run of the ThroughLine node is a defect: the report says so and the benchmark fails', () => {
	const out = output({ fanOut: { ours: [failed('ours', 'execution 1: 19 helplines, expected 20')], http: [run('http', 20_000)] } });
	expect(out.oursVerified).toBe(false);
	expect(benchReport.table(out)).toContain("**Some of the ThroughLine node's runs failed the output check; see the JSON.**");
});

test('a job with no pace set is compared with the HTTP Request runs of the job it repeats, in a row of its own', () => {
	const out = output();
	expect(out.jobs.fullPullUnpaced.oursPace).toBe('not set');
	expect(out.jobs.fullPull.oursPace).toBe(30);
	expect(out.jobs.fullPullUnpaced.ratio.wallTime).toBe(4); // 6,400 ms against the full pull's 1,600
	const rows: string[] = benchReport.table(out).split('\n');
	const at = rows.findIndex((r) => r.startsWith('| fullPullUnpaced'));
	expect(rows[at]).toContain('| ThroughLine | 6.40 s |');
	// Its HTTP Request runs are the full pull's, already in that job's rows: not printed twice.
	expect(rows[at + 1]).toMatch(/^\| \| \*\*ours \/ HTTP\*\* \| \*\*4\.00\*\*/);
	expect(rows.filter((r) => r.includes('| HTTP Request | 1.60 s |'))).toHaveLength(1);
});
