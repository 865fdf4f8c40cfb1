import type { IDataObject } from 'n8n-workflow';

import type { CacheHit } from './answerCache';
import { sharedAnswers } from './answerCache';
import { processBudget } from './callBudget';
import type { ReadOptions, ThroughLineClient } from './client';
import { untilAborted } from './deadline';
import type { FailureKind } from './errors';
import { classifyFailure } from './errors';
import type { AnswerKeeper } from './lastKnownGood';
import { CALL_BUDGET } from './limits';

/**
 * Reads through the process-wide cache: a fresh answer from it, else one request shared by every
 * execution asking the same at once, else (when ThroughLine cannot answer) the last answer known:
 * this process's, or the one a keeper (the workflow's static data) held across a restart.
 */

/** What a read operation asked for; in milliseconds, 0 for off. */
export interface CachePolicy {
	freshMs: number;
	staleMs: number;
	/** Calls a day this process may make with the credential (transport/callBudget); 0: no budget. */
	perDay: number;
}

export type AnswerOrigin =
	| { source: 'live' }
	/** `held`: older than Cache Answers For, kept because asking again would go over the daily budget. */
	| { source: 'cache'; ageMs: number; held?: boolean }
	/** `reason`: why ThroughLine's own answer could not be had (the error's message). */
	| { source: 'stale'; ageMs: number; reason: string };

export interface Answered<T> {
	value: T | undefined;
	origin: AnswerOrigin;
}

export const LIVE: AnswerOrigin = { source: 'live' };

/**
 * Failures of the request itself, which a waiter from another execution shares. A stop, a
 * sign-in (that execution's secret may differ) or a timeout (its own Timeout option) belong to
 * the execution that sent it: a waiter then asks ThroughLine itself.
 */
const SHARED_FAILURES = new Set<FailureKind>(['server', 'network', 'rateLimit', 'malformed', 'client', 'notFound', 'forbidden']);

/**
 * ThroughLine could not answer now, so a known answer may stand in. Never after a failed sign-in
 * or a 403 (a revoked application must stop getting data), nor for a request it refused.
 */
const STALE_ON = new Set<FailureKind>(['server', 'network', 'timeout', 'rateLimit']);

/** Requests in flight, by key, resolving to the answer as JSON text (undefined: none, a 404). */
const inFlight = new Map<string, Promise<string | undefined>>();

/** How many shared requests are in flight now (for tests and size reports). */
export const readsInFlight = () => inFlight.size;

const parse = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));

/**
 * `identity`: who asks (client ID and API address, never the secret), `query`: the exact request.
 * The cache's key is both, so answers never cross credentials or queries.
 */
export async function readThrough<T>(
	identity: string,
	query: string,
	policy: CachePolicy,
	send: () => Promise<T | undefined>,
	signal?: AbortSignal,
	keeper?: AnswerKeeper,
): Promise<Answered<T>> {
	const key = `${identity} ${query}`;
	const fresh = sharedAnswers.lookup(key, policy.freshMs);
	const hit = fresh ?? heldForBudget(identity, key, policy);
	if (hit) {
		keeper?.keep(key, JSON.stringify(hit.value), sharedAnswers.now() - hit.ageMs);
		return { value: hit.value as T, origin: { source: 'cache', ageMs: hit.ageMs, ...(fresh ? {} : { held: true }) } };
	}
	try {
		const value = await shareOrSend(identity, key, policy, send, signal);
		if (value !== undefined) keeper?.keep(key, JSON.stringify(value), sharedAnswers.now());
		return { value, origin: LIVE };
	} catch (error) {
		const failure = classifyFailure(error);
		const known = STALE_ON.has(failure.kind) ? lastKnown(key, policy.staleMs, keeper) : undefined;
		if (!known) throw failure;
		return { value: known.value as T, origin: { source: 'stale', ageMs: known.ageMs, reason: failure.message } };
	}
}

/**
 * The answer this process holds for `key`, past its fresh lifetime, when asking again now would go
 * over the daily budget; never older than Serve Stale Answers For or `holdFactor` lifetimes, and
 * not while the same question is already on its way (waiting for it costs nothing).
 */
function heldForBudget(identity: string, key: string, policy: CachePolicy): CacheHit | undefined {
	if (policy.perDay <= 0 || policy.freshMs <= 0 || inFlight.has(key)) return undefined;
	if (processBudget.allowsRefresh(identity, policy.perDay, policy.freshMs)) return undefined;
	return sharedAnswers.lookup(key, Math.min(policy.staleMs, policy.freshMs * CALL_BUDGET.holdFactor));
}

/** The younger of this process's copy and the keeper's (another worker may have kept a newer one). */
function lastKnown(key: string, staleMs: number, keeper: AnswerKeeper | undefined) {
	const own = sharedAnswers.lookup(key, staleMs);
	const kept = keeper?.lookup(key, staleMs);
	if (!own || !kept) return own ?? kept;
	return kept.ageMs < own.ageMs ? kept : own;
}

async function shareOrSend<T>(
	identity: string,
	key: string,
	policy: CachePolicy,
	send: () => Promise<T | undefined>,
	signal: AbortSignal | undefined,
): Promise<T | undefined> {
	// With Cache Answers For at 0, each execution asks ThroughLine itself.
	const sharing = policy.freshMs > 0;
	const pending = sharing ? inFlight.get(key) : undefined;
	if (pending) {
		try {
			return parse(await untilAborted(pending, signal)) as T | undefined;
		} catch (error) {
			const failure = classifyFailure(error);
			if (signal?.aborted || SHARED_FAILURES.has(failure.kind)) throw failure;
		}
	}
	// Counted as on its way until it ends, so requests starting together do not all take the last call.
	const ended = policy.perDay > 0 ? processBudget.begin(identity) : undefined;
	const own = send();
	if (ended) own.then(ended, ended);
	const text = own.then((value) => {
		const json = value === undefined ? undefined : JSON.stringify(value);
		// Kept for Serve Stale too: an answer may stand in after its fresh lifetime.
		sharedAnswers.storeText(key, json, Math.max(policy.freshMs, policy.staleMs));
		return json;
	});
	if (sharing) {
		inFlight.set(key, text);
		const done = () => {
			if (inFlight.get(key) === text) inFlight.delete(key);
		};
		text.then(done, done);
	}
	// The sender's own value is not shared: waiters and the cache each hold their own copy.
	await text;
	return await own;
}

/**
 * The client, keeping the last good answers of its reads with `keeper` and serving them when
 * ThroughLine cannot answer (see readThrough). Everything else is the client itself.
 */
export function withKeeper(client: ThroughLineClient, keeper: AnswerKeeper | undefined): ThroughLineClient {
	if (!keeper) return client;
	return readsWith(client, { keeper });
}

/** The client with `extra` added to the options of every read. */
function readsWith(client: ThroughLineClient, extra: ReadOptions): ThroughLineClient {
	return new Proxy(client, {
		get: (target, name) => {
			if (name === 'get') {
				return async (path: string, qs: IDataObject, validate: (body: unknown) => unknown, options: ReadOptions = {}) =>
					await target.get(path, qs, validate, { ...options, ...extra });
			}
			const member: unknown = Reflect.get(target, name, target);
			return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(target) : member;
		},
	});
}

/**
 * The client, noting in `origins` where the answers of its reads came from (live, cache, stale):
 * one view per item, so each item can say so. Everything else is the client itself.
 */
export function withOrigins(client: ThroughLineClient, origins: AnswerOrigin[]): ThroughLineClient {
	return readsWith(client, { origins });
}
