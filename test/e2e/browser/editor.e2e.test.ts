/**
 * The editor experience in a real browser: n8n 2.41.1 with the packed package, a ThroughLine
 * credential for the local server, and Debian's chromium driven by playwright-core. A person signs
 * in on n8n's sign-in page, finds the nodes in the nodes panel (light and dark theme), sets up the
 * node and the trigger, creates and tests a credential, runs a lookup from the editor and picks
 * the node as an AI Agent's tool. Screenshots of every step land in test-artifacts/browser/;
 * THROUGHLINE_UPDATE_SCREENSHOTS=1 also refreshes the three in docs/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Browser, BrowserContext, Page, Response } from 'playwright-core';

import type { SandboxServer } from '../../../sandbox';
import { startServer } from '../../../sandbox';
import * as demo from '../../../scripts/demo/examples';
import { expectedCrisisLines } from '../expected';
import { n8nRuntime, tarball } from '../support';
import { ensureChromium, launchChromium } from './chromium';
import { Editor, WAIT, eventually } from './editor';
import {
	CREDENTIAL,
	CREDENTIAL_TYPE,
	LOOKUP,
	NODE,
	OWNER,
	TRIGGER,
	allActions,
	crisisLookupExample,
	localCredential,
	lookupWorkflow,
	noticeText,
	operationOptions,
	property,
	resourceOptions,
	serverSearch,
	shownCredentialFields,
	shownParameters,
} from './fixtures';

const VERSION = '2.41.1'; // the editor's test ids and layout are those of this release
const ROOT = path.resolve(__dirname, '..', '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'browser');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
const PACKAGE_ICONS = path.join(ROOT, 'dist', 'nodes');

let server: SandboxServer;
let n8n: any;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let editor: Editor;
const browserErrors: string[] = [];

/** Copy an artifact into docs/screenshots/ when asked to (the committed ones change only on purpose). */
function toDocs(file: string, name: string) {
	fs.copyFileSync(file, path.join(ARTIFACTS, `docs-${name}`));
	if (process.env.THROUGHLINE_UPDATE_SCREENSHOTS === '1') {
		fs.mkdirSync(DOCS, { recursive: true });
		fs.copyFileSync(file, path.join(DOCS, name));
	}
}

/** Run a step; on failure keep a screenshot of what the browser showed, then fail. */
function step(name: string, fn: () => Promise<void>): () => Promise<void> {
	return async () => {
		try {
			await fn();
		} catch (error) {
			if (page) await editor.shot(`FAILED-${name}`).catch(() => {});
			throw error;
		}
	};
}

/**
 * Lightness (0 black .. 1 white) of a computed CSS colour: n8n 2.x computes to oklch(L C H), whose
 * L is perceptual lightness; rgb()/rgba() gives relative luminance.
 */
function lightness(color: string): number {
	const parts = (color.match(/-?[\d.]+/g) ?? []).map(Number);
	if (color.startsWith('oklch(')) return parts[0];
	if (color.startsWith('rgb')) {
		const [r, g, b] = parts.slice(0, 3).map((c) => c / 255);
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	}
	throw new Error(`cannot read the lightness of the colour ${color}`);
}

/**
 * The colour the panel paints: the first opaque background on it or inside it that covers most of
 * it (the panel's own root is transparent and sits on a dimming overlay).
 */
function panelBackground(panel: any): string {
	const opaque = (el: any) => {
		const color: string = (globalThis as any).getComputedStyle(el).backgroundColor;
		// rgba(r, g, b, a) or oklch(l c h / a); no alpha part means opaque.
		const alpha = /^rgba\(.*,\s*([\d.]+)\)$/.exec(color) ?? /\/\s*([\d.]+)\)$/.exec(color);
		return !alpha || Number(alpha[1]) === 1 ? color : undefined;
	};
	const big = (el: any) => el.offsetWidth >= panel.offsetWidth * 0.8 && el.offsetHeight >= panel.offsetHeight * 0.5;
	for (const el of [panel, ...panel.querySelectorAll('*')]) {
		const color = big(el) && opaque(el);
		if (color) return color;
	}
	return 'none';
}

/**
 * The node's parameters once the panel has re-rendered after a change: read until `settled` holds
 * (for up to 10 s; the last reading is returned either way, to assert on).
 */
async function shownOnce(settled: (shown: string[]) => boolean): Promise<string[]> {
	return await eventually(() => editor.visibleParameters(), settled, WAIT.short);
}

const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

const STACK_TRACE = /\n\s*at\s+\S+\s+\(?[^)\s]+:\d+:\d+\)?/;

beforeAll(async () => {
	await ensureChromium((line) => process.stdout.write(`${line}\n`));
	fs.rmSync(ARTIFACTS, { recursive: true, force: true });
	server = await startServer();
	const runtime = await n8nRuntime.ensureN8n({ version: VERSION });
	n8n = new n8nRuntime.N8nInstance({ runtime });
	await n8nRuntime.installPackage({ userFolder: n8n.userFolder, tarball: tarball() });
	await n8n.importCredentials([localCredential(server)]);
	await n8n.importWorkflows([lookupWorkflow(), crisisLookupExample()]);
	// n8n boots while chromium starts.
	const launched = launchChromium().then((b) => (browser = b));
	await n8n.start();
	await n8n.setupOwner(OWNER);
	await launched;
	context = await (browser as Browser).newContext({ baseURL: n8n.url, viewport: { width: 1440, height: 900 }, locale: 'en-US', timezoneId: 'UTC' });
	page = await context.newPage();
	page.setDefaultTimeout(WAIT.normal);
	page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
	// Dropdown loads that fail: what n8n answered (for the artifacts; the tests check what is shown).
	page.on('response', async (response) => {
		if (/\/rest\/dynamic-node-parameters\//.test(response.url()) && response.status() >= 400) {
			const request = response.request().postData() ?? '';
			browserErrors.push(`${response.status()} ${response.url()} ${request.slice(0, 600)} -> ${(await response.text().catch(() => '')).slice(0, 600)}`);
		}
	});
	page.on('console', (message) => {
		if (message.type() === 'error') browserErrors.push(`console: ${message.text()}`);
	});
	editor = new Editor(page, ARTIFACTS);
}, 20 * 60_000);

afterAll(async () => {
	await context?.close().catch(() => {});
	await browser?.close().catch(() => {});
	if (n8n) {
		await n8n.dispose();
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		fs.writeFileSync(path.join(ARTIFACTS, 'n8n.log'), n8n.logs());
	}
	if (browserErrors.length) fs.writeFileSync(path.join(ARTIFACTS, 'browser-errors.log'), browserErrors.join('\n'));
	await server?.close();
}, 120_000);

test(
	"signs in on n8n's sign-in page",
	step('sign-in', async () => {
		await editor.signIn(OWNER.email, OWNER.password);
		expect(new URL(page.url()).pathname).not.toMatch(/^\/signin/);
		await editor.shot('signed-in');
	}),
);

describe('nodes panel', () => {
	for (const theme of ['light', 'dark'] as const) {
		test(
			`searching "ThroughLine" finds the node and its trigger, with our icon (${theme} theme)`,
			step(`nodes-panel-${theme}`, async () => {
				await editor.setTheme(theme);
				await editor.newWorkflow();
				expect(await editor.bodyTheme()).toBe(theme);

				await editor.openNodesPanel();
				const painted = await editor.nodeCreator.evaluate(panelBackground);
				const background = lightness(painted);
				if (theme === 'dark') expect(background).toBeLessThan(0.3);
				else expect(background).toBeGreaterThan(0.7);

				// n8n lists a node and its trigger as one entry, named after the node.
				const item = await editor.searchNodes('ThroughLine', NODE.displayName);
				expect(await item.count()).toBe(1);
				expect((await item.getByTestId('node-creator-item-name').innerText()).trim()).toBe(NODE.displayName);
				await expectOurIcon(item, 'ThroughLine', theme);
				await editor.shot(`nodes-panel-search-${theme}`);

				// Its details: the trigger and every action of every resource.
				await item.click();
				const triggers = editor.nodeCreator.getByTestId('node-creator-category-item').filter({ hasText: 'Triggers' });
				await expect(triggers.innerText()).resolves.toMatch(/Triggers \(1\)/);
				const trigger = editor.creatorItem(/ThroughLine/).filter({ hasText: /^On new ThroughLine event$/ });
				await trigger.waitFor();
				await expectOurIcon(trigger, 'ThroughLine', theme);

				const actions = editor.nodeCreator.getByTestId('node-creator-category-item').filter({ hasText: 'Actions' });
				expect(await actions.innerText()).toContain(`Actions (${allActions().length})`);
				await actions.click();
				const listed = await eventually(
					() => editor.nodeCreator.getByTestId('node-creator-item-name').allInnerTexts(),
					(names) => names.length > allActions().length,
				);
				expect(listed.map((n) => n.trim()).filter((n) => !/^On new /.test(n)).sort()).toEqual([...allActions()].sort());
				const file = await editor.shot(`nodes-panel-actions-${theme}`, { clip: editor.nodeCreator });
				if (theme === 'light') toDocs(file, 'node-panel.png');
			}),
		);
	}

	afterAll(async () => {
		await editor?.setTheme('light').catch(() => {});
	});
});

/** The nodes panel entry shows this package's icon for the theme, loaded, byte for byte. */
async function expectOurIcon(item: ReturnType<Editor['creatorItem']>, nodeFolder: string, theme: 'light' | 'dark') {
	const img = item.locator('img').first();
	const { src, width } = await eventually(
		() => img.evaluate((i: any) => ({ src: i.src as string, width: (i.complete ? i.naturalWidth : 0) as number })),
		(v) => v.width > 0,
	);
	const file = theme === 'dark' ? 'throughline.dark.svg' : 'throughline.svg';
	expect(new URL(src).pathname).toBe(`/icons/n8n-nodes-throughline/dist/nodes/${nodeFolder}/${file}`);
	expect(width).toBeGreaterThan(0);
	const served = await page.request.get(src);
	expect(served.status()).toBe(200);
	expect((await served.body()).toString()).toBe(fs.readFileSync(path.join(PACKAGE_ICONS, nodeFolder, file), 'utf8'));
}

/** Open the nodes panel on an empty workflow and pick one of the node's entries by its action name. */
async function addFromNodesPanel(action: string) {
	await editor.newWorkflow();
	await editor.openNodesPanel();
	await (await editor.searchNodes('ThroughLine', NODE.displayName)).click();
	const entry = editor.creatorItem(action);
	if (!(await entry.first().isVisible())) {
		await editor.nodeCreator.getByTestId('node-creator-category-item').filter({ hasText: 'Actions' }).click();
	}
	await entry.first().click();
	await editor.ndv.waitFor({ timeout: WAIT.long });
	await editor.parameters.waitFor();
}

test(
	'node: resources and operations read well, Country and Topic come from the server, parameters show only where they apply, the priority notice shows',
	step('node', async () => {
		const searchAction = operationOptions('helpline').find((o) => o.value === 'search')?.action as string;
		await addFromNodesPanel(searchAction);

		// The one credential of the type is picked for the user.
		await expect(page.getByTestId('node-credentials-select').locator('input').inputValue()).resolves.toBe(CREDENTIAL.name);
		const searchParameters = shownParameters(NODE, { resource: 'helpline', operation: 'search' });
		expect(await shownOnce((shown) => same(shown, searchParameters))).toEqual(searchParameters);

		// Every resource, every operation (with its description), and what each shows.
		// n8n itself appends "Custom API Call" to the resources of any node whose credential has a
		// generic `authenticate`: it turns the node into an HTTP Request with our credential.
		const resources = await editor.readOptions(editor.param('resource'));
		expect(resources.map((o) => o.name)).toEqual([...resourceOptions().map((o) => o.name), 'Custom API Call']);
		for (const resource of resourceOptions()) {
			await editor.select('resource', resource.name);
			const operations = await editor.readOptions(editor.param('operation'));
			expect(operations).toEqual([
				...operationOptions(resource.value).map((o) => ({ name: o.name, description: o.description ?? '' })),
				{ name: 'Custom API Call', description: '' },
			]);
			for (const operation of operationOptions(resource.value)) {
				await editor.select('operation', operation.name);
				const expectedShown = shownParameters(NODE, { resource: resource.value, operation: operation.value });
				expect({ resource: resource.value, operation: operation.value, shown: await shownOnce((shown) => same(shown, expectedShown)) }).toEqual({
					resource: resource.value,
					operation: operation.value,
					shown: shownParameters(NODE, { resource: resource.value, operation: operation.value }),
				});
			}
		}
		await editor.shot('node-event-report-click');
		await editor.select('resource', resourceOptions().find((r) => r.value === 'helpline')?.name as string);
		await editor.select('operation', operationOptions('helpline').find((o) => o.value === 'search')?.name as string);

		// Country (a resource locator from version 1.1): every country of the local server, with its code.
		const countries = await editor.readLocatorList('country');
		await editor.shot('node-country-list');
		const expected = server.data.countries();
		expect(countries).toHaveLength(expected.length);
		for (const country of expected) {
			expect({ country: country.code, listed: countries.includes(`${country.name} (${country.code})`) }).toEqual({ country: country.code, listed: true });
		}
		await editor.chooseInLocator('country', countries.find((name) => name.includes('(NZ)')) as string);

		// Topic: "any topic" first, then every topic of the local server.
		const topics = await editor.readLocatorList('topic');
		expect(topics[0]).toMatch(/any/i);
		expect(topics.slice(1).sort()).toEqual(server.data.topics().map((t) => t.name).sort());
		await editor.chooseInLocator('topic', LOOKUP.topic);

		// Return All hides Limit.
		const limit = property(NODE, 'limit').displayName;
		await editor.setSwitch('returnAll', true);
		const withReturnAll = await shownOnce((shown) => !shown.includes(limit));
		expect(withReturnAll).toEqual(shownParameters(NODE, { resource: 'helpline', operation: 'search', returnAll: true }));
		expect(withReturnAll).not.toContain(limit);
		await editor.setSwitch('returnAll', false);
		expect(await shownOnce((shown) => shown.includes(limit))).toContain(limit);

		// Priority Only: no Return All, Limit or Filters (the list is never cut), and the notice says why.
		await editor.setSwitch('priorityOnly', true);
		const notice = noticeText(NODE, 'priorityNotice');
		const withPriority = await shownOnce((shown) => shown.includes(notice));
		expect(withPriority).toEqual(shownParameters(NODE, { resource: 'helpline', operation: 'search', priorityOnly: true }));
		expect(withPriority).toEqual(expect.arrayContaining([notice]));
		for (const hidden of ['returnAll', 'limit', 'filters']) expect(withPriority).not.toContain(property(NODE, hidden).displayName);
		await expect(editor.parameters.getByRole('alert').filter({ hasText: notice.slice(0, 60) }).isVisible()).resolves.toBe(true);
		await editor.shot('node-priority-notice');

		// Run it: the country's priority pair, whole.
		await editor.setSwitch('simplify', true);
		await page.getByTestId('node-execute-button').click();
		const priority = server.data.priority('NZ').map((h) => h.name);
		const output = await eventually(() => editor.outputPanel.innerText(), (text) => priority.every((name) => text.includes(name)), WAIT.long);
		expect(output).toMatch(new RegExp(`\\b${priority.length} items?\\b`));
		for (const name of priority) expect(output).toContain(name);
		await editor.shot('node-priority-result');
		await editor.closeNdv();
		await editor.shot('node-on-canvas');
	}),
);

test(
	"trigger: the quota notice shows, countries come from the server, Fetch Test Event gives a sample or a readable reason",
	step('trigger', async () => {
		await addFromNodesPanel('On new ThroughLine event');
		const notice = noticeText(TRIGGER, 'costNotice');
		expect(await shownOnce((shown) => shown.includes(notice))).toEqual(expect.arrayContaining([notice]));
		await expect(editor.parameters.getByRole('alert').filter({ hasText: notice.slice(0, 60) }).isVisible()).resolves.toBe(true);

		const countries = await editor.readOptions(editor.param('countries'));
		expect(countries).toHaveLength(server.data.countries().length);
		for (const country of server.data.countries()) {
			expect({ country: country.code, listed: countries.some((o) => o.name.includes(country.name) && o.name.includes(country.code)) }).toEqual({ country: country.code, listed: true });
		}
		await editor.choose(editor.param('countries'), countries.find((o) => o.name.includes('(NZ)'))?.name as string);
		await editor.closeList(editor.parameters.getByTestId('input-label').filter({ hasText: property(TRIGGER, 'countries').displayName }));
		await editor.shot('trigger-panel');

		// n8n's default Poll Times (every minute) would spend 1,440 calls a day: whatever the trigger
		// does with it, the person must see a sentence, not a stack trace.
		await page.getByTestId('node-execute-button').click();
		const first = await eventually(
			() => editor.outputPanel.innerText(),
			(text) => /\d+ items?|error|limit|problem/i.test(text),
			WAIT.long,
		);
		expect(first).not.toMatch(STACK_TRACE);
		await editor.shot('trigger-default-poll-times');

		// Every hour: a sample of what the first poll would emit, from the local server.
		await editor.select('mode', 'Every Hour');
		await page.getByTestId('node-execute-button').click();
		const nzNames = server.data.helplines().filter((h) => h.country.code === 'NZ').map((h) => h.name);
		const sample = await eventually(
			() => editor.outputPanel.innerText(),
			(text) => /\d+ items?/.test(text) && nzNames.some((name) => text.includes(name)),
			WAIT.long,
		);
		expect(sample).toMatch(/\badded\b/);
		expect(nzNames.some((name) => sample.includes(name))).toBe(true);
		await editor.shot('trigger-test-event');
		await editor.closeNdv();
	}),
);

test(
	'credential dialog: fields and help texts, the Environment switch, Test succeeds against the server and fails clearly with a wrong secret',
	step('credential', async () => {
		const wrongSecret = `wrong-secret-${Date.now().toString(36)}`;
		const testAnswers: string[] = [];
		const onResponse = async (response: Response) => {
			if (/\/rest\/credentials\/test/.test(response.url())) testAnswers.push(await response.text().catch(() => ''));
		};
		page.on('response', onResponse);
		try {
			await page.goto('/home/credentials', { timeout: WAIT.long });
			await page.getByTestId('add-resource-credential').click({ timeout: WAIT.long });
			const chooser = page.getByTestId('selectCredential-modal');
			await chooser.getByRole('combobox').first().fill('ThroughLine');
			await page.getByTestId('new-credential-type-select-option').filter({ hasText: CREDENTIAL_TYPE.displayName }).click();
			await page.getByTestId('new-credential-type-button').click();
			const dialog = page.getByTestId('editCredential-modal');
			await dialog.getByTestId('parameter-input-environment').waitFor();

			const fields = () => editor.visibleParameters(dialog, 'credential-connection-parameter');
			const ours = (environment: string) => shownCredentialFields({ environment }).map((p) => p.displayName);
			// The dialog's fields once it has re-rendered for `environment` (the last reading either way).
			const fieldsOnce = async (environment: string) =>
				await eventually(fields, (shown) => same(shown.slice(0, ours(environment).length), ours(environment)), WAIT.short);
			expect((await fieldsOnce('production')).slice(0, ours('production').length)).toEqual(ours('production'));
			await editor.shot('credential-new');

			// Help texts: each field's description, in the tooltip of its label.
			for (const field of shownCredentialFields({ environment: 'production' }).filter((p) => p.description)) {
				const item = dialog.getByTestId('credential-connection-parameter').filter({ has: page.getByTestId(`parameter-input-${field.name}`) });
				await item.hover();
				await item.locator('[data-icon="circle-help"]').hover();
				// The popper holding the text is not always the element with role="tooltip": look for the text.
				const tooltip = page.getByText(field.description as string, { exact: true }).filter({ visible: true }).first();
				await tooltip.waitFor({ state: 'visible', timeout: WAIT.short });
				expect({ field: field.name, shown: await tooltip.isVisible() }).toEqual({ field: field.name, shown: true });
			}

			// Environment: the options explain themselves; Custom shows API Base URL and Token URL.
			const environment = property(CREDENTIAL_TYPE, 'environment');
			const envOptions = await editor.readOptions(editor.param('environment', dialog));
			expect(envOptions).toEqual((environment.options as Array<{ name: string; description: string }>).map((o) => ({ name: o.name, description: o.description })));
			await editor.shot('credential-environment-options');
			const custom = (environment.options as Array<{ name: string; value: string }>).find((o) => o.value === 'custom')?.name as string;
			const production = (environment.options as Array<{ name: string; value: string }>).find((o) => o.value === 'production')?.name as string;
			await editor.select('environment', custom, dialog);
			expect((await fieldsOnce('custom')).slice(0, ours('custom').length)).toEqual(ours('custom'));
			for (const name of ['baseUrl', 'tokenUrl']) {
				expect(await editor.param(name, dialog).locator('input').inputValue()).toBe(property(CREDENTIAL_TYPE, name).default);
			}
			await editor.select('environment', production, dialog);
			expect((await fieldsOnce('production')).slice(0, ours('production').length)).toEqual(ours('production'));
			await editor.select('environment', custom, dialog);

			// A wrong secret: saving tests it, and the reason is clear and does not echo the secret.
			await page.getByTestId('credential-name').click();
			await page.getByTestId('credential-name').getByTestId('inline-edit-input').fill('ThroughLine (browser test)');
			await page.getByTestId('credential-name').getByTestId('inline-edit-input').press('Enter');
			const fill = async (name: string, value: string) => {
				const input = editor.param(name, dialog).locator('input');
				await input.fill(value);
				await expect(input.inputValue()).resolves.toBe(value);
			};
			await fill('clientId', server.clientId);
			await fill('clientSecret', wrongSecret);
			await fill('baseUrl', server.url);
			await fill('tokenUrl', `${server.url}/oauth/token`);
			await dialog.getByTestId('credential-save-button').click();
			await dialog.getByText('Couldn’t connect with these settings').waitFor({ timeout: WAIT.long });
			const moreDetails = dialog.getByText('More details');
			if (await moreDetails.isVisible()) await moreDetails.click();
			const failure = await eventually(() => dialog.innerText(), (text) => /ThroughLine sign-in failed/.test(text), WAIT.short);
			expect(failure).toMatch(/ThroughLine sign-in failed: the client ID or secret was not accepted/);
			expect(failure).not.toMatch(STACK_TRACE);
			await editor.shot('credential-wrong-secret', { clip: dialog });

			// The right secret: success, and the Test (Retry) button says so again.
			await fill('clientSecret', server.clientSecret);
			await dialog.getByTestId('credential-save-button').click();
			const success = dialog.getByTestId('credentials-config-container-test-success');
			await success.waitFor({ timeout: WAIT.long });
			expect(await success.innerText()).toMatch(/Connection tested successfully/);
			const answersBefore = testAnswers.length;
			await dialog.locator('button[title="Retry credential test"]').click();
			await eventually(async () => testAnswers.length, (n) => n > answersBefore, WAIT.long);
			await success.waitFor({ timeout: WAIT.long });
			const file = await editor.shot('credential-tested', { clip: dialog });
			toDocs(file, 'credential.png');

			// Neither secret appears in anything the editor showed or received about the test.
			const shown = await page.locator('body').innerText();
			expect(testAnswers.length).toBeGreaterThanOrEqual(3);
			for (const secret of [wrongSecret, server.clientSecret]) {
				expect(shown).not.toContain(secret);
				for (const answer of testAnswers) expect(answer).not.toContain(secret);
			}
		} finally {
			page.off('response', onResponse);
			// Leave only the imported credential, so that nodes added later pick it.
			const list = await n8n.request('GET', '/rest/credentials');
			for (const c of list.json?.data ?? []) {
				if (c.id !== CREDENTIAL.id) await n8n.request('DELETE', `/rest/credentials/${c.id}`);
			}
		}
	}),
);

test(
	'a lookup workflow run from the editor shows the helplines in the output panel',
	step('lookup', async () => {
		const expected = (await serverSearch(server, { country_code: LOOKUP.country, topic: LOOKUP.topic, limit: String(LOOKUP.limit) })).map((h) => h.name);
		expect(expected.length).toBeGreaterThan(1);

		await editor.openWorkflow(LOOKUP.id);
		await page.getByTestId('execute-workflow-button').click();
		await editor.canvasNode(LOOKUP.node).getByTestId('canvas-node-status-success').waitFor({ timeout: WAIT.long });
		await editor.shot('lookup-canvas-after-run');

		await editor.canvasNode(LOOKUP.node).dblclick();
		await editor.ndv.waitFor();
		const output = await eventually(() => editor.outputPanel.innerText(), (text) => expected.every((name) => text.includes(name)), WAIT.long);
		expect(output).toMatch(new RegExp(`\\b${expected.length} items\\b`));
		// In ThroughLine's order.
		const positions = expected.map((name) => output.indexOf(name));
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		const file = await editor.shot('lookup-result');
		toDocs(file, 'result.png');
		await editor.closeNdv();
	}),
);

test(
	'the crisis-line lookup example, run from the editor, shows each country’s priority helplines first',
	step('example', async () => {
		const example = demo.EXAMPLES.crisisLineLookup;
		// The example's own Countries list (US and NZ): the priority pairs whole, then the others.
		const expected = expectedCrisisLines(server, ['US', 'NZ']);
		expect(expected.filter((h) => h.priority).length).toBeGreaterThanOrEqual(4);

		// It has two triggers (manual, and a webhook once published): run it from the manual one, with
		// the button n8n shows beside that trigger on the canvas.
		const workflow = crisisLookupExample() as { nodes: Array<{ name: string; type: string }> };
		const manual = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name as string;
		await editor.openWorkflow(example.id);
		await editor.canvasNode(manual).hover();
		await page.getByTestId(`execute-workflow-button-${manual}`).click();
		await editor.canvasNode(example.outputNode).getByTestId('canvas-node-status-success').waitFor({ timeout: WAIT.long });
		await editor.canvasNode(example.outputNode).dblclick();
		await editor.ndv.waitFor();
		// The table shows the first page; the count covers them all.
		const firstPage = expected.slice(0, 10).map((h) => h.name as string);
		const output = await eventually(() => editor.outputPanel.innerText(), (text) => firstPage.every((name) => text.includes(name)), WAIT.long);
		expect(output).toMatch(new RegExp(`\\b${expected.length} items\\b`));
		const positions = firstPage.map((name) => output.indexOf(name));
		expect(positions).toEqual([...positions].sort((a, b) => a - b));
		await editor.shot('example-crisis-lookup');
		await editor.closeNdv();
	}),
);

test(
	"the AI Agent's tool picker lists the ThroughLine tool, which adds with the node's parameters",
	step('ai-tool', async () => {
		await editor.newWorkflow();
		await editor.openNodesPanel();
		await (await editor.searchNodes('AI Agent', /^AI Agent/)).filter({ hasText: /^AI Agent/ }).first().click();
		await editor.ndv.waitFor({ timeout: WAIT.long });
		await editor.closeNdv();

		await page.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"]').getByTestId('canvas-handle-plus').click();
		await editor.nodeCreator.waitFor();
		const tool = await editor.searchNodes('ThroughLine', `${NODE.displayName} Tool`);
		expect(await tool.count()).toBe(1);
		await expectOurIcon(tool, 'ThroughLine', 'light');
		await editor.shot('ai-tool-picker', { clip: editor.nodeCreator });

		await tool.click();
		await editor.ndv.waitFor({ timeout: WAIT.long });
		await editor.parameters.waitFor();
		const searchParameters = shownParameters(NODE, { resource: 'helpline', operation: 'search' });
		const shown = await shownOnce((now) => searchParameters.every((name) => now.includes(name)));
		expect(shown).toEqual(expect.arrayContaining(searchParameters));
		await editor.shot('ai-tool-first-open');
		await editor.closeNdv();
		expect(await editor.canvasNodeOfType('n8n-nodes-throughline.throughLineTool').count()).toBe(1);

		// n8n 2.41.1 asks for the tool's dropdowns before it attaches the credential, and does not
		// ask again once it has: the first open shows "Error fetching options", with the node's
		// "Choose a ThroughLine credential first" as the reason. Opened again, the list is there.
		await editor.canvasNodeOfType('n8n-nodes-throughline.throughLineTool').dblclick();
		await editor.ndv.waitFor();
		const countries = await editor.readLocatorList('country');
		expect(countries).toHaveLength(server.data.countries().length);
		await editor.chooseInLocator('country', countries.find((name) => name.includes('(NZ)')) as string);
		await editor.shot('ai-tool-reopened');

		// "Let the model define this parameter" on Country and Topic (n8n refuses it on options
		// parameters, hence resource locators from 1.1): what the editor writes is what the model gets.
		for (const name of ['country', 'topic']) {
			const item = editor.parameters.getByTestId('parameter-item').filter({ has: page.getByTestId(`resource-locator-${name}`) });
			await item.hover();
			await item.getByTestId('from-ai-override-button').first().click();
			await item.getByTestId('fromAI-override-field').waitFor({ timeout: WAIT.short });
		}
		await editor.shot('ai-tool-model-defines-country-and-topic');
		await editor.closeNdv();
		// 2.41.1 saves by itself (there is no Save button); Ctrl+S makes it save now.
		await page.keyboard.press('Control+s');
		await page.waitForURL((url) => /\/workflow\/(?!new)[^/]+/.test(url.pathname), { timeout: WAIT.normal });
		const id = /\/workflow\/([^/?]+)/.exec(new URL(page.url()).pathname)?.[1] as string;
		const saved = await eventually(
			async () => (await n8n.request('GET', `/rest/workflows/${id}`)).json?.data?.nodes?.find((n: any) => n.type === 'n8n-nodes-throughline.throughLineTool'),
			(node: any) => JSON.stringify(node?.parameters ?? {}).includes('$fromAI('),
			WAIT.normal,
		);
		const written = (name: string) => saved.parameters[name];
		expect({ country: written('country'), topic: written('topic') }).toEqual({
			country: expect.objectContaining({ __rl: true, value: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Country', ``, 'string') }}" }),
			topic: expect.objectContaining({ __rl: true, value: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Topic', ``, 'string') }}" }),
		});
	}),
);
