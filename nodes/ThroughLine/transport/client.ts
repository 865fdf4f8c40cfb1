import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { AUTH_ERROR_PREFIX, resolveEndpoints } from '../../../credentials/throughLineAuth';
import type { HttpAnswer } from './errors';
import { classifyAnswer, classifyFailure, malformedResponse, ThroughLineRequestError } from './errors';
import type { SlidingWindowLimiter } from './pacing';
import { Semaphore, sharedLimiter } from './pacing';

export type ThroughLineContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_NAME = 'throughLineApi';

export interface ClientOptions {
	/** ThroughLine allows 30 a second per IP. */
	maxRequestsPerSecond?: number;
	timeoutMs?: number;
	concurrency?: number;
}

/** Bounds and delays of retries. Exported so tests can shorten the waits, never the counts. */
export const RETRY_POLICY = {
	/** Retries after a 429 (rate limit). */
	rateLimitRetries: 5,
	/** Retries after a 5xx, a network error, a timeout or a broken body (reads only). */
	failureRetries: 3,
	/** First back-off after a 429 without Retry-After; doubles each time, with jitter. */
	rateLimitBaseMs: 1000,
	failureBaseMs: 500,
	maxDelayMs: 8000,
	/** A Retry-After longer than this (a spent daily quota) fails at once instead of waiting. */
	maxRetryAfterMs: 60_000,
};

const RETRYABLE_READ = new Set(['server', 'network', 'timeout', 'malformed']);

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

/**
 * Every ThroughLine call goes through here: authentication (the credential's token, refreshed by
 * n8n after a 401), coalescing of identical reads, pacing under the per-second limit, bounded
 * concurrency, bounded retries, and error mapping. One client lives for one node execution.
 */
export class ThroughLineClient {
	private readonly reads = new Map<string, Promise<unknown>>();
	private readonly limiter: SlidingWindowLimiter;
	private readonly perSecond: number;
	private readonly pool: Semaphore;
	/** One 401 replay at a time, so an expired token is refreshed once, not once per request. */
	private readonly refreshLock = new Semaphore(1);
	private readonly timeoutMs: number;
	/**
	 * Settles after the first call: until then others wait, so N items do not each fetch a token.
	 * Already settled when the credential holds a token: then nothing needs to wait.
	 */
	private firstCall?: Promise<void>;
	private authFailure?: ThroughLineRequestError;
	private requestCount = 0;

	private constructor(
		private readonly context: ThroughLineContext,
		private readonly apiBaseUrl: string,
		options: ClientOptions,
		tokenStored: boolean,
	) {
		if (tokenStored) this.firstCall = Promise.resolve();
		this.perSecond = Math.max(1, Math.min(30, Math.floor(options.maxRequestsPerSecond ?? 30)));
		this.limiter = sharedLimiter(apiBaseUrl);
		this.pool = new Semaphore(Math.max(1, options.concurrency ?? 8));
		this.timeoutMs = Math.max(1000, options.timeoutMs ?? 30_000);
	}

	static async create(context: ThroughLineContext, options: ClientOptions = {}): Promise<ThroughLineClient> {
		const credentials = await context.getCredentials(CREDENTIAL_NAME);
		// A stored token may have expired: then the first answers are 401s, and the replay after
		// a 401 is serialised, so it is still refreshed once.
		const tokenStored = typeof credentials.accessToken === 'string' && credentials.accessToken !== '';
		return new ThroughLineClient(context, resolveEndpoints(credentials).apiBaseUrl, options, tokenStored);
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
		options: { missingAsUndefined: true },
	): Promise<T | undefined>;
	async get<T>(
		path: string,
		qs: IDataObject,
		validate: Validate<T>,
		options: { missingAsUndefined?: boolean } = {},
	): Promise<T | undefined> {
		const key = `${path}?${new URLSearchParams(
			Object.entries(qs)
				.filter(([, value]) => value !== undefined && value !== '')
				.map(([name, value]) => [name, String(value)] as [string, string])
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
		).toString()}`;
		let pending = this.reads.get(key);
		if (!pending) {
			pending = this.send({ method: 'GET', path, qs, validate, ...options });
			this.reads.set(key, pending);
		}
		return (await pending) as T | undefined;
	}

	async post<T>(path: string, body: IDataObject, validate: Validate<T>): Promise<T> {
		return (await this.send({ method: 'POST', path, body, validate })) as T;
	}

	private async send<T>(spec: RequestSpec<T>): Promise<T | undefined> {
		if (this.firstCall) {
			await this.firstCall;
			if (this.authFailure) throw this.authFailure;
			return await this.pool.run(async () => await this.withRetries(spec));
		}
		const result = this.pool.run(async () => await this.withRetries(spec));
		this.firstCall = result.then(
			() => undefined,
			(error: unknown) => {
				if (error instanceof ThroughLineRequestError && error.kind === 'auth') this.authFailure = error;
			},
		);
		return await result;
	}

	private async withRetries<T>(spec: RequestSpec<T>): Promise<T | undefined> {
		let rateLimited = 0;
		let failed = 0;
		for (;;) {
			try {
				return await this.attempt(spec);
			} catch (caught) {
				const error = classifyFailure(caught);
				if (error.kind === 'notFound' && spec.missingAsUndefined) return undefined;
				const delay = this.retryDelay(spec, error, rateLimited, failed);
				if (delay === undefined) throw this.finalError(error, rateLimited, failed);
				if (error.kind === 'rateLimit') rateLimited++;
				else failed++;
				await sleep(delay);
			}
		}
	}

	/** How long to wait before the next try, or undefined when this failure is final. */
	private retryDelay(
		spec: RequestSpec<unknown>,
		error: ThroughLineRequestError,
		rateLimited: number,
		failed: number,
	): number | undefined {
		const jitter = (base: number, attempt: number) => {
			const ceiling = Math.min(RETRY_POLICY.maxDelayMs, base * 2 ** attempt);
			return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
		};
		if (error.kind === 'rateLimit') {
			if (rateLimited >= RETRY_POLICY.rateLimitRetries) return undefined;
			if (error.retryAfterMs !== undefined) {
				return error.retryAfterMs > RETRY_POLICY.maxRetryAfterMs ? undefined : error.retryAfterMs;
			}
			return jitter(RETRY_POLICY.rateLimitBaseMs, rateLimited);
		}
		// Reads are safe to repeat. An event might have been recorded before a 500 or a dropped
		// connection, so a POST is repeated only when it certainly never arrived.
		const retryable =
			spec.method === 'GET'
				? RETRYABLE_READ.has(error.kind)
				: error.kind === 'network' && /ECONNREFUSED/.test(error.message);
		if (!retryable || failed >= RETRY_POLICY.failureRetries) return undefined;
		return jitter(RETRY_POLICY.failureBaseMs, failed);
	}

	private finalError(error: ThroughLineRequestError, rateLimited: number, failed: number): ThroughLineRequestError {
		const tries = rateLimited + failed;
		if (tries === 0) return error;
		const suffix = ` (gave up after ${tries + 1} attempts)`;
		return new ThroughLineRequestError(
			error.kind,
			error.message + suffix,
			error.description,
			error.httpCode,
			error.retryAfterMs,
		);
	}

	private async attempt<T>(spec: RequestSpec<T>): Promise<T> {
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.apiBaseUrl}${spec.path}`,
			headers: { Accept: 'application/json' },
			json: true,
			timeout: this.timeoutMs,
			// Full answers for every status: n8n's own errors drop the headers (Retry-After).
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		if (spec.qs && Object.keys(spec.qs).length) options.qs = spec.qs;
		if (spec.body) options.body = spec.body;

		const release = await this.limiter.acquire(this.perSecond);
		let answer: HttpAnswer;
		try {
			answer = await this.call(options);
			if (answer.statusCode === 401) {
				// n8n refreshes the token only when a request throws a 401: replay it that way, once.
				answer = await this.refreshLock.run(async () => await this.replayAfter401(options));
			}
		} finally {
			release();
		}
		if (answer.statusCode < 200 || answer.statusCode >= 300) throw classifyAnswer(answer);
		if (typeof answer.body === 'string') {
			// Not JSON at all (a truncated body, an HTML page from a proxy): worth another try.
			throw malformedResponse('JSON');
		}
		return spec.validate(answer.body);
	}

	/** One at a time; once a sign-in has failed, the others fail the same way without asking again. */
	private async replayAfter401(options: IHttpRequestOptions): Promise<HttpAnswer> {
		if (this.authFailure) throw this.authFailure;
		try {
			return await this.call({ ...options, ignoreHttpStatusErrors: false });
		} catch (caught) {
			const error = classifyFailure(caught);
			// A failed sign-in (not a token the API refused) will fail the same way for every item.
			if (error.kind === 'auth' && error.message.startsWith(AUTH_ERROR_PREFIX)) this.authFailure = error;
			throw error;
		}
	}

	private async call(options: IHttpRequestOptions): Promise<HttpAnswer> {
		this.requestCount++;
		const answer = (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_NAME,
			options,
		)) as HttpAnswer;
		return answer;
	}
}
