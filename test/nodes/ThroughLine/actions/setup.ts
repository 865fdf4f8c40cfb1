/**
 * What the operation tests share: the parameters of a search, the records of a run, what the
 * server was asked, and a bare stand-in for answers the local server does not give.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { createCredentials } from '../../../harness/runNode';

export const search = (parameters: INodeParameters): INodeParameters => ({ resource: 'helpline', operation: 'search', ...parameters });
export const json = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);
export const searches = (server: { requests(): Array<{ url: string }> }) =>
	server.requests().filter((r) => r.url.startsWith('/v1/helplines?'));
export const query = (url: string) => new URLSearchParams(url.split('?')[1]);

/** A bare ThroughLine stand-in: a token, fixed lists, and `helplines(query)` for every search. */
export async function bareServer(helplines: (q: URLSearchParams) => IDataObject[]) {
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		seen.push(req.url ?? '');
		const send = (body: unknown) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/oauth/token') return send({ access_token: 'tok', token_type: 'Bearer', expires_in: 7200 });
		if (url.pathname === '/v1/countries')
			return send({
				countries: [
					{ name: 'New Zealand', code: 'NZ', emergencyNumber: '111' },
					{ name: 'United States', code: 'US', emergencyNumber: '911' },
				],
			});
		if (url.pathname === '/v1/topics') return send({ topics: [{ name: 'Suicidal thoughts', code: 'suicidal-thoughts' }] });
		if (url.pathname === '/v1/helplines') return send({ helplines: helplines(url.searchParams) });
		res.writeHead(404).end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		seen,
		credentials: () => createCredentials({ baseUrl: url, tokenUrl: `${url}/oauth/token`, clientId: 'id', clientSecret: 'secret' }),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

export const line = (i: number): IDataObject => ({ id: `h-${i}`, name: `Line ${i}`, country: { name: 'New Zealand', code: 'NZ' } });
