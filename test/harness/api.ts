import type { SandboxServer } from '../../sandbox';

/** Reads ThroughLine's raw answer directly, so tests compare the node with the API, not with itself. */
export async function rawApi(server: SandboxServer, path: string): Promise<any> {
	const tokenResponse = await fetch(`${server.url}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: server.clientId,
			client_secret: server.clientSecret,
		}),
	});
	const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
	const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
	if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
	return await response.json();
}
