import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { insecureUrlMessage, isSafeTransport, resolveEndpoints, usableToken } from '../../../credentials/throughLineAuth';
import { attemptSignal, pause, untilAborted } from './deadline';
import type { HttpAnswer } from './errors';
import { cancelled, classifyAnswer, classifyFailure, malformedResponse, quotaSpent, ThroughLineRequestError, timedOut } from './errors';
import { CLIENT_DEFAULTS, THROUGHLINE_LIMITS } from './limits';
import type { SlidingWindowLimiter } from './pacing';
import { paceSignal, Semaphore, sharedLimiter } from './pacing';
import type { AnswerKeeper } from './lastKnownGood';
import { QuotaWatch, quotaIdentity } from './quota';
import type { Attempts } from './retry';
import { finalError, retryDelay, spendsQuota } from './retry';
import type { AnswerOrigin, Answered, CachePolicy } from './sharedReads';
import { LIVE, readThrough } from './sharedReads';

export type ThroughLineContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_NAME = 'throughLineApi';

export interface ClientOptions {
	/**
	 * ThroughLine allows 30 a second per IP. Absent: this process learns its share (pacing.ts);
	 * given: that pace from the first request, within the 30.
	 */
	maxRequestsPerSecond?: number;
	timeoutMs?: number;
	concurrency?: number;
	/** Reads through the process-wide answer cache (transport/sharedReads); off when absent. */
	cache?: CachePolicy;
}

export interface ReadOptions {
	missingAsUndefined?: boolean;
	/** Where each answer came from is noted here (see withOrigins). */
	origins?: AnswerOrigin[];
	/** Keeps good answers beyond this process, to stand in when ThroughLine fails (see withKeeper). */
	keeper?: AnswerKeeper;
}

type Validate<T> = (body: unknown) => T;

interface RequestSpec<T> {
	/** Resolve undefined on a 404 instead of failing (a lookup of something that may not exist). */
	missingAsUndefined?: boolean;
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	validate: Validate<T>;
}

/** No content at all: a 204, or a 2xx whose body is empty. */
const isEmpty = (answer: HttpAnswer) =>
	answer.statusCode === 204 || answer.body === undefined || (typeof answer.body === 'string' && answer.body.trim() === '');

/**
 * Every ThroughLine call goes through here: authentication (the credential's token, refreshed by
 * n8n after a 401), coalescing of identical reads, pacing under the per-second limit, bounded
 * concurrency, bounded retries, a deadline per attempt, and error mapping. One client lives for
 * one node execution; what it learns there (a failed sign-in, a spent quota) ends its other
 * requests at once instead of letting each find out again.
 */
export class ThroughLineClient {
	private readonly reads = new Map<string, Promise<Answered<unknown>>>();
	private readonly limiter: SlidingWindowLimiter;
	private readonly perSecond: number;
	/** Whether requests keep to the process's learned share (no pace of its own was set). */
	private readonly paced: boolean;
	private readonly pool: Semaphore;
	/** One 401 replay at a time, so an expired token is refreshed once, not once per request. */
	private readonly refreshLock = new Semaphore(1);
	private readonly timeoutMs: number;
	/** The execution's Stop button, where the context has one. */
	private readonly cancelSignal?: AbortSignal;
	/**
	 * Settles after the first call: until then others wait, so N items do not each fetch a token.
	 * Already settled when the credential holds a usable token: then nothing needs to wait.
	 */
	private firstCall?: Promise<void>;
	/** A sign-in that failed, or a 401 with a fresh token: final for every request of this client. */
	private authFailure?: ThroughLineRequestError;
	/** A 429 that outlasted its retries or asked for a wait beyond the cap. */
	private quotaFailure?: ThroughLineRequestError;
	private requestCount = 0;
	/** Calls that reached ThroughLine, counted for this process's daily-quota warning. */
	private readonly quota: QuotaWatch;
	private readonly cache?: CachePolicy;

	private constructor(
		private readonly context: ThroughLineContext,
		private readonly apiBaseUrl: string,
		options: ClientOptions,
		tokenStored: boolean,
		/** Who asks, for the cache's keys and the quota count: client ID and API address, never the secret. */
		private readonly identity: string,
	) {
		this.quota = new QuotaWatch(identity, context);
		this.cache = options.cache;
		if (tokenStored) this.firstCall = Promise.resolve();
		const cap = THROUGHLINE_LIMITS.requestsPerSecond;
		this.perSecond = Math.max(1, Math.min(cap, Math.floor(options.maxRequestsPerSecond ?? cap)));
		this.paced = options.maxRequestsPerSecond === undefined;
		this.limiter = sharedLimiter(apiBaseUrl);
		this.pool = new Semaphore(Math.max(1, options.concurrency ?? CLIENT_DEFAULTS.concurrency));
		this.timeoutMs = Math.max(CLIENT_DEFAULTS.minTimeoutMs, options.timeoutMs ?? CLIENT_DEFAULTS.timeoutMs);
		if ('getExecutionCancelSignal' in context && typeof context.getExecutionCancelSignal === 'function') {
			this.cancelSignal = context.getExecutionCancelSignal();
		}
		if (!isSafeTransport(apiBaseUrl)) {
			this.authFailure = new ThroughLineRequestError(
				'auth',
				`The ThroughLine credential cannot be used: ${insecureUrlMessage('API Base URL', 'access token')}`,
				'Nothing was sent.',
			);
		}
	}

	static async create(context: ThroughLineContext, options: ClientOptions = {}): Promise<ThroughLineClient> {
		const credentials = await context.getCredentials(CREDENTIAL_NAME);
		// A stored token may have expired: then the first answers are 401s, and the replay after
		// a 401 is serialised, so it is still refreshed once. A token issued for another client ID
		// or address is not used at all (see usableToken): the first call then goes alone.
		const tokenStored = usableToken(credentials) !== undefined;
		const { apiBaseUrl } = resolveEndpoints(credentials);
		return new ThroughLineClient(context, apiBaseUrl, options, tokenStored, quotaIdentity(String(credentials.clientId ?? ''), apiBaseUrl));
	}

	/** HTTP requests this client has sent, retries included (for tests and benchmarks). */
	get sentRequests(): number {
		return this.requestCount;
	}

	/** A read; identical reads within this client share one request and one result. */
	async get<T>(path: string, qs: IDataObject, validate: Validate<T>): Promise<T>;
	async get<T>(
		path: string,
		qs: IDataObject,
		validate: Validate<T>,
		options: { missingAsUndefined: true; origins?: AnswerOrigin[]; keeper?: AnswerKeeper },
	): Promise<T | undefined>;
	async get<T>(path: string, qs: IDataObject, validate: Validate<T>, options: ReadOptions): Promise<T | undefined>;
	async get<T>(path: string, qs: IDataObject, validate: Validate<T>, options: ReadOptions = {}): Promise<T | undefined> {
		const { origins, missingAsUndefined, keeper } = options;
		const key = `${path}?${new URLSearchParams(
			Object.entries(qs)
				.filter(([, value]) => value !== undefined && value !== '')
				.map(([name, value]) => [name, String(value)] as [string, string])
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
		).toString()}`;
		let pending = this.reads.get(key);
		if (!pending) {
			const send = async () => await this.send({ method: 'GET', path, qs, validate, missingAsUndefined });
			pending = this.cache
				? readThrough(this.identity, key, this.cache, send, this.cancelSignal, keeper)
				: send().then((value) => ({ value, origin: LIVE }));
			this.reads.set(key, pending);
		}
		const { value, origin } = await pending;
		origins?.push(origin);
		return value as T | undefined;
	}

	async post<T>(path: string, body: IDataObject, validate: Validate<T>): Promise<T> {
		return (await this.send({ method: 'POST', path, body, validate })) as T;
	}

	private async send<T>(spec: RequestSpec<T>): Promise<T | undefined> {
		if (this.firstCall) {
			await this.firstCall;
			return await this.pool.run(async () => await this.withRetries(spec));
		}
		// No usable token stored: n8n asks ThroughLine's token endpoint before this request.
		this.quota.tokenRequested();
		const result = this.pool.run(async () => await this.withRetries(spec));
		this.firstCall = result.then(
			() => undefined,
			() => undefined,
		);
		return await result;
	}

	/** Why this request must not be sent at all: something this client already learned. */
	private settledFailure(): ThroughLineRequestError | undefined {
		if (this.cancelSignal?.aborted) return cancelled();
		return this.authFailure ?? this.quotaFailure;
	}

	private async withRetries<T>(spec: RequestSpec<T>): Promise<T | undefined> {
		const attempts: Attempts = { rateLimited: 0, failed: 0 };
		for (;;) {
			const settled = this.settledFailure();
			if (settled === this.quotaFailure && settled) {
				const tries = attempts.rateLimited + attempts.failed;
				throw quotaSpent(settled.retryAfterMs, tries === 0 ? ' (not sent)' : ` (stopped after ${tries} attempts)`);
			}
			if (settled) throw settled;
			try {
				return await this.attempt(spec);
			} catch (caught) {
				const error = classifyFailure(caught);
				if (error.kind === 'notFound' && spec.missingAsUndefined) return undefined;
				// No other request of this client can sign in where this one failed.
				if (error.kind === 'auth') this.authFailure ??= error;
				const delay = retryDelay(spec.method, error, attempts);
				if (delay === undefined) {
					const final = finalError(error, attempts);
					if (spendsQuota(error)) this.quotaFailure ??= final;
					throw final;
				}
				if (error.kind === 'rateLimit') attempts.rateLimited++;
				else attempts.failed++;
				try {
					await pause(delay, this.cancelSignal);
				} catch {
					throw cancelled();
				}
			}
		}
	}

	private async attempt<T>(spec: RequestSpec<T>): Promise<T> {
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.apiBaseUrl}${spec.path}`,
			headers: { Accept: 'application/json' },
			json: true,
			// n8n's own timeout is an idle timer on the socket; the deadline (see call) bounds the whole answer.
			timeout: this.timeoutMs,
			// Full answers for every status: n8n's own errors drop the headers (Retry-After).
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (spec.qs && Object.keys(spec.qs).length) options.qs = spec.qs;
		if (spec.body) options.body = spec.body;

		const release = await this.limiter.acquire(this.perSecond, this, this.paced);
		let answer: HttpAnswer | undefined;
		try {
			answer = await this.call(options);
			if (answer.statusCode === 401) {
				// n8n refreshes the token only when a request throws a 401: replay it that way, once.
				answer = await this.refreshLock.run(async () => await this.replayAfter401(options));
			}
		} finally {
			release(paceSignal(answer));
		}
		if (answer.statusCode < 200 || answer.statusCode >= 300) throw classifyAnswer(answer);
		// An acknowledgement without content is an answer; the validator says if it will do.
		const body = isEmpty(answer) ? undefined : answer.body;
		if (typeof body === 'string') {
			// Not JSON at all (a truncated body, an HTML page from a proxy): worth another try.
			throw malformedResponse('JSON');
		}
		return spec.validate(body);
	}

	/** One at a time; once a sign-in has failed, the others fail the same way without asking again. */
	private async replayAfter401(options: IHttpRequestOptions): Promise<HttpAnswer> {
		if (this.authFailure) throw this.authFailure;
		// n8n sends this once more with the old token, meets the 401, asks for a new token, then repeats it.
		this.quota.tokenRequested(2);
		try {
			return await this.call({ ...options, ignoreHttpStatusErrors: false });
		} catch (caught) {
			const error = classifyFailure(caught);
			// A failed sign-in, or a 401 although the token was just renewed: asking again is futile.
			if (error.kind === 'auth') this.authFailure = error;
			throw error;
		}
	}

	/**
	 * One HTTP request under its own deadline. n8n puts the execution's cancel signal on every
	 * authenticated request, replacing any other: so the combined signal is handed over as that
	 * cancel signal, and the request is also raced against it in case a version ignores it.
	 */
	private async call(options: IHttpRequestOptions): Promise<HttpAnswer> {
		this.requestCount++;
		const { deadline, signal } = attemptSignal(this.timeoutMs, this.cancelSignal);
		const context = Object.create(this.context, {
			getExecutionCancelSignal: { value: () => signal },
		}) as ThroughLineContext;
		try {
			const answer = (await untilAborted(
				this.context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_NAME, {
					...options,
					abortSignal: signal,
				}),
				signal,
			)) as HttpAnswer;
			this.quota.called();
			return answer;
		} catch (error) {
			if (this.cancelSignal?.aborted) throw cancelled();
			if (deadline.aborted) throw timedOut();
			const failure = classifyFailure(error);
			// An HTTP status means ThroughLine answered (the 401 replay); a failed sign-in has none.
			if (failure.httpCode !== undefined) this.quota.called();
			throw failure;
		}
	}
}
