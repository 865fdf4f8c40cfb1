/**
 * One browser journey's set-up, shared by every browser suite: n8n 2.41.1 with the packed
 * package, the ThroughLine credential for a local server and two workflows imported, an owner,
 * and Debian's chromium on n8n's editor. Each journey file calls useEditorSession() once and
 * gets a fresh n8n, so a journey runs alone and one journey's leftovers never reach another.
 * Screenshots and logs land in test-artifacts/browser/<journey>/.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import type { SandboxServer } from '../../../sandbox';
import { startServer } from '../../../sandbox';
import { n8nRuntime, tarball } from '../support';
import { ensureChromium, launchChromium } from './chromium';
import { Editor, WAIT, eventually } from './editor';
import { NODE, OWNER, crisisLookupExample, localCredential, lookupWorkflow } from './fixtures';

const VERSION = '2.41.1'; // the editor's test ids and layout are those of this release
const ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
const PACKAGE_ICONS = path.join(ROOT, 'dist', 'nodes');

export const STACK_TRACE = /\n\s*at\s+\S+\s+\(?[^)\s]+:\d+:\d+\)?/;

export const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

export interface EditorSession {
	server: SandboxServer;
	n8n: any;
	page: Page;
	editor: Editor;
	/** A test body that keeps a screenshot of what the browser showed when it fails. */
	step(name: string, fn: () => Promise<void>): () => Promise<void>;
	/** Copy an artifact into docs/screenshots/ when asked to (the committed ones change only on purpose). */
	toDocs(file: string, name: string): void;
	/** The node's parameters once the panel has re-rendered: read until `settled` (the last reading either way). */
	shownOnce(settled: (shown: string[]) => boolean): Promise<string[]>;
	/** Open the nodes panel on an empty workflow and pick one of the node's entries by its action name. */
	addFromNodesPanel(action: string): Promise<void>;
	/** The nodes panel entry shows this package's icon for the theme, loaded, byte for byte. */
	expectOurIcon(item: ReturnType<Editor['creatorItem']>, nodeFolder: string, theme: 'light' | 'dark'): Promise<void>;
}

/**
 * Registers the journey's beforeAll (n8n, chromium, signed in unless `signIn: false`) and afterAll
 * (everything closed, n8n's user folder removed, its log kept). Fields are filled in by beforeAll.
 */
export function useEditorSession(journey: string, opts: { signIn?: boolean } = {}): EditorSession {
	const artifacts = path.join(ROOT, 'test-artifacts', 'browser', journey);
	const browserErrors: string[] = [];
	let browser: Browser | undefined;
	let context: BrowserContext | undefined;

	const session = {
		step(name: string, fn: () => Promise<void>) {
			return async () => {
				try {
					await fn();
				} catch (error) {
					if (session.page) await session.editor.shot(`FAILED-${name}`).catch(() => {});
					throw error;
				}
			};
		},
		toDocs(file: string, name: string) {
			fs.copyFileSync(file, path.join(artifacts, `docs-${name}`));
			if (process.env.THROUGHLINE_UPDATE_SCREENSHOTS === '1') {
				fs.mkdirSync(DOCS, { recursive: true });
				fs.copyFileSync(file, path.join(DOCS, name));
			}
		},
		async shownOnce(settled: (shown: string[]) => boolean) {
			return await eventually(() => session.editor.visibleParameters(), settled, WAIT.short);
		},
		async addFromNodesPanel(action: string) {
			const { editor } = session;
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
		},
		async expectOurIcon(item: ReturnType<Editor['creatorItem']>, nodeFolder: string, theme: 'light' | 'dark') {
			const img = item.locator('img').first();
			const { src, width } = await eventually(
				() => img.evaluate((i: any) => ({ src: i.src as string, width: (i.complete ? i.naturalWidth : 0) as number })),
				(v) => v.width > 0,
			);
			const file = theme === 'dark' ? 'throughline.dark.svg' : 'throughline.svg';
			expect(new URL(src).pathname).toBe(`/icons/n8n-nodes-throughline/dist/nodes/${nodeFolder}/${file}`);
			expect(width).toBeGreaterThan(0);
			const served = await session.page.request.get(src);
			expect(served.status()).toBe(200);
			expect((await served.body()).toString()).toBe(fs.readFileSync(path.join(PACKAGE_ICONS, nodeFolder, file), 'utf8'));
		},
	} as EditorSession;

	beforeAll(async () => {
		await ensureChromium((line) => process.stdout.write(`${line}\n`));
		fs.rmSync(artifacts, { recursive: true, force: true });
		session.server = await startServer();
		const runtime = await n8nRuntime.ensureN8n({ version: VERSION });
		session.n8n = new n8nRuntime.N8nInstance({ runtime });
		await n8nRuntime.installPackage({ userFolder: session.n8n.userFolder, tarball: tarball() });
		await session.n8n.importCredentials([localCredential(session.server)]);
		await session.n8n.importWorkflows([lookupWorkflow(), crisisLookupExample()]);
		// n8n boots while chromium starts.
		const launched = launchChromium().then((b) => (browser = b));
		await session.n8n.start();
		await session.n8n.setupOwner(OWNER);
		await launched;
		context = await (browser as Browser).newContext({
			baseURL: session.n8n.url,
			viewport: { width: 1440, height: 900 },
			locale: 'en-US',
			timezoneId: 'UTC',
		});
		const page = await context.newPage();
		session.page = page;
		page.setDefaultTimeout(WAIT.normal);
		page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
		// Dropdown loads that fail: what n8n answered (for the artifacts; the tests check what is shown).
		page.on('response', async (response) => {
			if (/\/rest\/dynamic-node-parameters\//.test(response.url()) && response.status() >= 400) {
				const request = response.request().postData() ?? '';
				browserErrors.push(
					`${response.status()} ${response.url()} ${request.slice(0, 600)} -> ${(await response.text().catch(() => '')).slice(0, 600)}`,
				);
			}
		});
		page.on('console', (message) => {
			if (message.type() === 'error') browserErrors.push(`console: ${message.text()}`);
		});
		session.editor = new Editor(page, artifacts);
		if (opts.signIn !== false) await session.editor.signIn(OWNER.email, OWNER.password);
	}, 20 * 60_000);

	afterAll(async () => {
		await context?.close().catch(() => {});
		await browser?.close().catch(() => {});
		if (session.n8n) {
			await session.n8n.dispose();
			fs.mkdirSync(artifacts, { recursive: true });
			fs.writeFileSync(path.join(artifacts, 'n8n.log'), session.n8n.logs());
		}
		if (browserErrors.length) fs.writeFileSync(path.join(artifacts, 'browser-errors.log'), browserErrors.join('\n'));
		await session.server?.close();
	}, 120_000);

	return session;
}
