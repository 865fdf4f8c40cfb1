// @ts-check
'use strict';
/**
 * The REST side of a started n8n (N8nInstance extends it): the owner account, sign-in with its
 * session cookie, any REST call, and the one reader of n8n's executions.
 */

/** @typedef {{email: string, firstName: string, lastName: string, password: string}} Owner */

class N8nRest {
	constructor() {
		/** @type {string|undefined} the server's address while it runs */ this.url = undefined;
		/** @type {string|undefined} session cookie from setupOwner() or signIn() */ this.cookie = undefined;
	}

	/**
	 * POST JSON to the running server, again while the route answers 404: n8n's sign-in routes do
	 * for the first seconds after start.
	 * @param {string} urlPath
	 * @param {any} body
	 * @param {number} timeoutMs
	 */
	async postOnceRouted(urlPath, body, timeoutMs) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await fetch(`${this.url}${urlPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			if (res.status !== 404 || Date.now() >= deadline) return res;
			await new Promise((r) => setTimeout(r, 500));
		}
	}

	/** Keep the session cookie an answer set, for `request()`. */
	keepCookie(/** @type {Response} */ res) {
		this.cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
		return this.cookie;
	}

	/**
	 * Create the owner account (POST /rest/owner/setup). Keeps the session cookie for `request()`.
	 * @param {Owner} owner
	 * @param {{timeoutMs?: number}} [opts]
	 */
	async setupOwner(owner, opts = {}) {
		if (!this.url) throw new Error('setupOwner needs start() first');
		const res = await this.postOnceRouted('/rest/owner/setup', owner, opts.timeoutMs ?? 60_000);
		const body = await res.text();
		if (!res.ok) throw new Error(`POST /rest/owner/setup answered ${res.status}: ${body}`);
		return { cookie: this.keepCookie(res), user: JSON.parse(body).data };
	}

	/**
	 * Sign in as `owner` (POST /rest/login), creating that owner on first use; keeps the session
	 * cookie for `request()`. Resolves to 'login' or 'setup'.
	 * @param {Owner} owner
	 * @returns {Promise<'login'|'setup'>}
	 */
	async signIn(owner) {
		if (!this.url) throw new Error('signIn needs start() first');
		const res = await this.postOnceRouted('/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password }, 60_000);
		if (res.status === 200) {
			this.keepCookie(res);
			return 'login';
		}
		try {
			await this.setupOwner(owner);
			return 'setup';
		} catch (error) {
			throw new Error(
				`could not sign in as ${owner.email} (login answered ${res.status}) nor create that owner: ${error instanceof Error ? error.message : error}`,
			);
		}
	}

	/**
	 * A REST call to the running server with the owner's session cookie.
	 * @param {string} method
	 * @param {string} urlPath e.g. '/rest/workflows'
	 * @param {any} [body]
	 */
	async request(method, urlPath, body) {
		if (!this.url) throw new Error('request needs start() first');
		const res = await fetch(`${this.url}${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.status, json, text };
	}

	/**
	 * The one reader of n8n's REST executions: a workflow's executions as the editor lists them,
	 * newest first (n8n answers `{data: {results, count}}`, or `{data: [...]}` on older lines), only
	 * those with one of `status` when given; `count`, how many match in all (the list is a page of
	 * them), and `text`, the answer as served (to search for secrets). Rejects on any answer but 200.
	 * @param {string} workflowId
	 * @param {{limit?: number, status?: string[]}} [opts]
	 * @returns {Promise<{results: Array<{id: string, status: string, mode: string, startedAt: string, stoppedAt?: string}>, count: number, text: string}>}
	 */
	async executions(workflowId, opts = {}) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, ...(opts.status ? { status: opts.status } : {}) }));
		const res = await this.request('GET', `/rest/executions?filter=${filter}${opts.limit ? `&limit=${opts.limit}` : ''}`);
		if (res.status !== 200) throw new Error(`GET /rest/executions answered ${res.status}: ${res.text.slice(0, 300)}`);
		const results = res.json.data.results ?? res.json.data;
		return { results, count: res.json.data.count ?? results.length, text: res.text };
	}

	/**
	 * One stored execution (GET /rest/executions/:id): `json.data` is n8n's answer, `text` as served.
	 * Rejects on any answer but 200.
	 * @param {string} id
	 */
	async execution(id) {
		const res = await this.request('GET', `/rest/executions/${id}`);
		if (res.status !== 200) throw new Error(`GET /rest/executions/${id} answered ${res.status}: ${res.text.slice(0, 300)}`);
		return { json: res.json, text: res.text };
	}
}

module.exports = { N8nRest };
