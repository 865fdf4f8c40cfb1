import { sleep } from 'n8n-workflow';

/**
 * Settles like `work`, or rejects with the signal's reason as soon as the signal aborts: a
 * deadline then holds even where the HTTP layer ignores the signal.
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
	if (!signal) return await work;
	return await new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		if (signal.aborted) onAbort();
		else signal.addEventListener('abort', onAbort, { once: true });
		work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
	});
}

/** A back-off wait that ends early when the execution is stopped. */
export async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
	await untilAborted(sleep(ms), signal);
}

/**
 * The deadline of one HTTP attempt (AbortSignal.timeout, no timer of ours), combined with the
 * execution's own cancel signal when there is one.
 */
export function attemptSignal(timeoutMs: number, cancel: AbortSignal | undefined) {
	const deadline = AbortSignal.timeout(timeoutMs);
	return { deadline, signal: cancel ? AbortSignal.any([cancel, deadline]) : deadline };
}
