/**
 * The credential's form as n8n shows it: what a user fills in, what n8n hides and masks, and which
 * fields appear for which environment. Expectations come from the API facts (throughline-api.md:
 * the token and data addresses, GET /v1/topics) and from n8n's rules for credential types
 * (n8n-notes.md: the token a preAuthentication hook stores is a hidden, expirable field).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { ThroughLineApi } from '../../credentials/ThroughLineApi.credentials';
import { ThroughLine } from '../../nodes/ThroughLine/ThroughLine.node';
import { ThroughLineTrigger } from '../../nodes/ThroughLine/ThroughLineTrigger.node';

const credential = new ThroughLineApi();
const field = (name: string) => {
	const found = credential.properties.find((p) => p.name === name);
	if (!found) throw new Error(`the form has no field ${name}`);
	return found;
};
const shown = (values: Record<string, unknown>) =>
	credential.properties
		.filter((p) => p.type !== 'hidden' && NodeHelpers.displayParameter(values as never, p, null, null))
		.map((p) => p.name);

test('both nodes ask for this credential by its name, and n8n can label it', () => {
	for (const node of [new ThroughLine(), new ThroughLineTrigger()]) {
		expect(node.description.credentials).toEqual([{ name: credential.name, required: true }]);
	}
	expect(credential.name).toBe('throughLineApi');
	expect(credential.displayName).toMatch(/^ThroughLine .*API$/);
	expect(credential.documentationUrl).toMatch(/^https:\/\/developer\.throughlinecare\.com/);
});

test('its icons are files of the package, light and dark', () => {
	const icon = credential.icon as { light: string; dark: string };
	expect(icon.light).not.toBe(icon.dark);
	for (const file of [icon.light, icon.dark]) {
		expect(file).toMatch(/^file:.+\.svg$/);
		expect(existsSync(path.resolve(__dirname, '../../credentials', file.slice('file:'.length)))).toBe(true);
	}
});

test('a new credential asks for a client ID and secret, and the secret is masked', () => {
	expect(shown({ environment: 'production' })).toEqual(['environment', 'clientId', 'clientSecret']);
	for (const name of ['clientId', 'clientSecret']) {
		expect(field(name)).toMatchObject({ type: 'string', required: true, default: '' });
	}
	expect(field('clientSecret').typeOptions).toEqual({ password: true });
	expect(field('clientId').typeOptions?.password).toBeFalsy();
});

test("Production is the default and uses ThroughLine's own addresses; Custom shows them to edit", () => {
	const environment = field('environment');
	expect(environment.type).toBe('options');
	expect(environment.default).toBe('production');
	expect(environment.options?.map((o) => (o as { value: string }).value)).toEqual(['production', 'custom']);
	expect(shown({ environment: 'custom' })).toEqual(['environment', 'clientId', 'clientSecret', 'baseUrl', 'tokenUrl']);
	// throughline-api.md: data calls on api.throughlinecare.com, the token from api.findahelpline.com
	expect(field('baseUrl')).toMatchObject({ type: 'string', default: 'https://api.throughlinecare.com' });
	expect(field('tokenUrl')).toMatchObject({ type: 'string', default: 'https://api.findahelpline.com/oauth/token' });
});

test('the token n8n stores, and what it was issued for, are hidden, masked, and the token expires', () => {
	expect(field('accessToken')).toMatchObject({ type: 'hidden', default: '', typeOptions: { expirable: true, password: true } });
	expect(field('tokenFingerprint')).toMatchObject({ type: 'hidden', default: '', typeOptions: { password: true } });
	expect(field('tokenFingerprint').typeOptions?.expirable).toBeFalsy();
});

test('every field and choice a user sees has a label and a sentence that explains it', () => {
	const visible = credential.properties.filter((p) => p.type !== 'hidden');
	const labelled: Array<Pick<INodeProperties, 'displayName' | 'description'>> = [
		...visible,
		...(field('environment').options ?? []).map((o) => ({
			displayName: (o as { name: string }).name,
			description: (o as { description?: string }).description,
		})),
	];
	for (const entry of labelled) {
		expect(entry.displayName).toMatch(/\w/);
		expect(entry.description?.split(' ').length).toBeGreaterThanOrEqual(5);
	}
	expect(field('accessToken').displayName).toMatch(/\w/);
	expect(field('tokenFingerprint').displayName).toMatch(/\w/);
});

test("the Test button signs in and reads ThroughLine's topic list, the cheapest authorised call", () => {
	expect(credential.test.request).toMatchObject({ method: 'GET', url: '/v1/topics' });
	expect(String(credential.test.request.baseURL)).toMatch(/^=\{\{.+\}\}$/);
});
