import { clockTime, backoffMs, RETRY_POLICY } from './limits';
import { quotaSpent, ThroughLineRequestError } from './errors';

const RETRYABLE_READ = new Set(['server', 'network', 'timeout', 'malformed']);

/** Attempts one request has made so far, by what went wrong. */
export interface Attempts {
	rateLimited: number;
	failed: number;
}

/**
 * How long to wait before the next try, or undefined when this failure is final. Pure: the
 * client decides what a final failure means for its other requests.
 */
export function retryDelay(
	method: string,
	error: ThroughLineRequestError,
	{ rateLimited, failed }: Attempts,
	random: () => number = Math.random,
): number | undefined {
	const waitAsked = error.retryAfterMs;
	if (error.kind === 'rateLimit') {
		if (rateLimited >= RETRY_POLICY.rateLimitRetries) return undefined;
		if (waitAsked !== undefined) return waitAsked > RETRY_POLICY.maxRetryAfterMs ? undefined : waitAsked;
		return backoffMs(RETRY_POLICY.rateLimitBaseMs, rateLimited, random);
	}
	// Reads are safe to repeat. An event might have been recorded before a 500 or a dropped
	// connection, so a POST is repeated only when it certainly never arrived.
	const retryable = method === 'GET' ? RETRYABLE_READ.has(error.kind) : error.kind === 'network' && /ECONNREFUSED/.test(error.message);
	if (!retryable || failed >= RETRY_POLICY.failureRetries) return undefined;
	// A 503 that says how long to wait (maintenance) is taken at its word, as a 429 is.
	if (waitAsked !== undefined) return waitAsked > RETRY_POLICY.maxRetryAfterMs ? undefined : waitAsked;
	return backoffMs(RETRY_POLICY.failureBaseMs, failed, random);
}

/** A 429 that ends a request means the quota is spent for this run, whatever else is queued. */
export const spendsQuota = (error: ThroughLineRequestError) => error.kind === 'rateLimit';

/** The error a request finally fails with: what happened, and how hard it was tried. */
export function finalError(error: ThroughLineRequestError, { rateLimited, failed }: Attempts): ThroughLineRequestError {
	const tries = rateLimited + failed;
	const suffix = tries === 0 ? '' : ` (gave up after ${tries + 1} attempts)`;
	if (spendsQuota(error)) {
		// Only a wait beyond the cap tells when the quota resets; a short one was just pacing.
		const long = error.retryAfterMs !== undefined && error.retryAfterMs > RETRY_POLICY.maxRetryAfterMs;
		return quotaSpent(long ? error.retryAfterMs : undefined, suffix);
	}
	let message = error.message + suffix;
	if (error.kind === 'server' && error.retryAfterMs !== undefined && error.retryAfterMs > RETRY_POLICY.maxRetryAfterMs) {
		message += `; it asks to be called again at about ${clockTime(error.retryAfterMs)}`;
	}
	if (message === error.message) return error;
	return new ThroughLineRequestError(error.kind, message, error.description, error.httpCode, error.retryAfterMs);
}
