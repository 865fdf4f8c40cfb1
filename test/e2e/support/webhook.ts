/**
 * A published webhook's answer, asked again while n8n answers 404: for a moment after start n8n
 * has not registered the published workflows' webhooks yet, and a 404 runs nothing, so asking
 * again changes no count a test makes. Returns the last answer (a 404 after `timeoutMs`).
 */
export async function fetchWebhook(url: string, opts: { timeoutMs?: number; requestTimeoutMs?: number } = {}): Promise<Response> {
	const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
	for (;;) {
		const res = await fetch(url, opts.requestTimeoutMs ? { signal: AbortSignal.timeout(opts.requestTimeoutMs) } : {});
		if (res.status !== 404 || Date.now() > deadline) return res;
		await res.arrayBuffer();
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
