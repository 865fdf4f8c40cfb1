/** A bare HTTP server for answers the local ThroughLine server cannot give (204, trickling bodies). */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface SeenRequest {
	method: string;
	url: string;
	authorization?: string;
	body: string;
	receivedAt: number;
	/** When the server finished its answer; undefined if the client hung up first. */
	answeredAt?: number;
	/** When the connection closed, whoever closed it. */
	closedAt?: number;
}

export async function bareServer(route: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
	const seen: SeenRequest[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const record: SeenRequest = {
				method: req.method ?? '',
				url: req.url ?? '',
				authorization: req.headers.authorization,
				body,
				receivedAt: Date.now(),
			};
			seen.push(record);
			res.on('finish', () => (record.answeredAt = Date.now()));
			res.on('close', () => (record.closedAt = Date.now()));
			route(req, res, body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		seen,
		credential: () => ({ baseUrl: url, tokenUrl: `${url}/oauth/token`, clientId: 'id', clientSecret: 'bare-secret' }),
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

export function answerToken(res: http.ServerResponse, token = 'tok-bare') {
	res.writeHead(200, { 'content-type': 'application/json' });
	res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 7200 }));
}
