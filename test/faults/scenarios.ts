import type { Fault, RouteKey } from '../../sandbox';

/** One injected fault: what it does to the server, and what a run under it may cost. */
export interface Scenario {
	name: string;
	faults: Array<[RouteKey | '*', Fault]>;
	/** Retry-After on 429s (and on the server's 503s). */
	retryAfter?: boolean;
	/** Expire every token this many ms into each run (tokens expiring in the middle of a batch). */
	expireAfterMs?: number;
}

const reads: RouteKey[] = ['GET /v1/helplines', 'GET /v1/countries', 'GET /v1/topics'];
const onReads = (fault: Fault): Array<[RouteKey, Fault]> => reads.map((route) => [route, fault]);

export const SCENARIOS: Scenario[] = [
	{ name: '20 % 500/502/503', faults: onReads({ errorRate: 0.2 }) },
	{ name: 'latency spikes (0-400 ms)', faults: onReads({ latencyMs: 50, latencyJitterMs: 350 }) },
	{ name: '20 % dropped connections', faults: onReads({ dropRate: 0.2 }) },
	{ name: '20 % malformed JSON', faults: onReads({ malformedJsonRate: 0.2 }) },
	{ name: '20 % HTML error pages', faults: onReads({ htmlErrorRate: 0.2 }) },
	{ name: '403 on every search', faults: [['GET /v1/helplines', { status: 403 }]] },
	{ name: 'tokens expire mid-batch', faults: onReads({ latencyMs: 30 }), expireAfterMs: 60 },
	{ name: '429 storm with Retry-After', faults: onReads({ rateLimitRate: 0.3 }), retryAfter: true },
	{ name: '429 storm without Retry-After', faults: onReads({ rateLimitRate: 0.3 }), retryAfter: false },
	// Without Retry-After: the node now waits a 503's Retry-After (1 s, measured in
	// transport/retryAfter.test.ts), which would stretch this run past the test timeout; here
	// the bound on attempts is what counts.
	{ name: 'lasting 503', faults: [['GET /v1/helplines', { status: 503 }]], retryAfter: false },
	{ name: 'token endpoint 500, then fine', faults: [['POST /oauth/token', { status: 500, times: 1 }]] },
];
