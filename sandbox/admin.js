// @ts-check
'use strict';

/**
 * /__admin/ API: lets out-of-process tests (and the n8n end-to-end runs) steer
 * the sandbox. No auth, so it answers loopback clients only. Admin calls are
 * never logged or counted, so they do not disturb what tests assert.
 */

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * @param {any} api the object startServer returns
 * @param {any} state
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} raw
 */
function handleAdmin(api, state, req, res, url, raw) {
	/** @param {number} status @param {unknown} [body] */
	const send = (status, body) => {
		const text = body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' });
		res.end(text);
	};
	if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(403, { error: 'forbidden', message: 'admin API is loopback only' });

	let body;
	if (raw.trim() !== '') {
		try {
			body = JSON.parse(raw);
		} catch {
			return send(400, { error: 'invalid_request', message: 'body must be JSON' });
		}
	}
	const path = url.pathname.replace(/^\/__admin\/?/, '').replace(/\/$/, '');
	const method = req.method ?? 'GET';
	const hl = /^helplines\/([^/]+)$/.exec(path);
	try {
		switch (`${method} ${hl ? 'helplines/:id' : path}`) {
			case 'GET stats':
				return send(200, api.stats());
			case 'GET requests':
				return send(200, api.requests());
			case 'GET events':
				return send(200, api.events());
			case 'GET sink':
				return send(200, api.sink());
			case 'POST sink':
				state.sink.push(body ?? null);
				return send(201, { stored: state.sink.length });
			case 'DELETE sink':
				state.sink = [];
				return send(204);
			case 'POST reset':
				api.reset();
				return send(204);
			case 'GET faults':
				return send(200, api.faults());
			case 'POST faults':
				if (!body || typeof body.route !== 'string') return send(400, { error: 'invalid_request', message: 'body must be {route, fault}' });
				api.setFault(body.route, body.fault ?? null);
				return send(204);
			case 'DELETE faults':
				api.clearFaults();
				return send(204);
			case 'POST expire-tokens':
				api.expireTokens();
				return send(204);
			case 'GET limits':
				return send(200, api.limits());
			case 'POST limits':
				api.setLimits(body ?? {});
				return send(200, api.limits());
			case 'GET behaviour':
				return send(200, api.behaviour());
			case 'POST behaviour':
				return send(200, api.setBehaviour(body ?? {}));
			case 'GET countries':
				return send(200, api.data.countries());
			case 'GET helplines':
				return send(200, api.data.helplines());
			case 'POST helplines':
				return send(201, api.data.addHelpline(body ?? {}));
			case 'GET helplines/:id': {
				const h = api.data.getHelpline(decodeURIComponent(hl ? hl[1] : ''));
				return h ? send(200, h) : send(404, { error: 'not_found' });
			}
			case 'PATCH helplines/:id': {
				const id = decodeURIComponent(hl ? hl[1] : '');
				if (!api.data.getHelpline(id)) return send(404, { error: 'not_found' });
				return send(200, api.data.updateHelpline(id, body ?? {}));
			}
			case 'DELETE helplines/:id':
				return api.data.removeHelpline(decodeURIComponent(hl ? hl[1] : '')) ? send(204) : send(404, { error: 'not_found' });
			case 'POST priority':
				if (!body || typeof body.country_code !== 'string' || !Array.isArray(body.ids)) {
					return send(400, { error: 'invalid_request', message: 'body must be {country_code, ids}' });
				}
				api.data.setPriority(body.country_code, body.ids);
				return send(204);
			default:
				return send(404, { error: 'not_found', message: `no admin route for ${method} /__admin/${path}` });
		}
	} catch (err) {
		// Validation errors from the store, fault and limit setters.
		return send(400, { error: 'invalid_request', message: String(err && /** @type {Error} */ (err).message) });
	}
}

module.exports = { handleAdmin };
