/**
 * The few parts of n8n's editor (2.41.1) the browser suite uses, found by the data-test-id
 * attributes n8n's own end-to-end tests use, plus bounded waits and screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';

/** Generous for a loaded two-core machine, but every wait ends. */
export const WAIT = { short: 10_000, normal: 30_000, long: 90_000 };

export interface Option {
	name: string;
	description: string;
}

/** Poll `probe` until `accept` says yes; the last value is returned either way (assert on it). */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = WAIT.normal): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await probe();
	while (!accept(value) && Date.now() < deadline) {
		await new Promise((r) => setTimeout(r, 250));
		value = await probe();
	}
	return value;
}

export class Editor {
	private shots = 0;

	constructor(
		readonly page: Page,
		readonly artifactsDir: string,
	) {
		fs.mkdirSync(artifactsDir, { recursive: true });
	}

	// ---- screenshots -------------------------------------------------------------------------

	/** A numbered screenshot of the whole window in the artifacts folder; `clip` limits it to an element. */
	async shot(name: string, opts: { clip?: Locator; margin?: number } = {}): Promise<string> {
		const file = path.join(this.artifactsDir, `${String(++this.shots).padStart(2, '0')}-${name}.png`);
		let clip;
		if (opts.clip) {
			const box = await opts.clip.boundingBox();
			if (box) {
				const m = opts.margin ?? 0;
				const viewport = this.page.viewportSize() ?? { width: 1440, height: 900 };
				const x = Math.max(0, box.x - m);
				const y = Math.max(0, box.y - m);
				clip = { x, y, width: Math.min(viewport.width - x, box.width + 2 * m), height: Math.min(viewport.height - y, box.height + 2 * m) };
			}
		}
		await this.page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
		return file;
	}

	// ---- pages -------------------------------------------------------------------------------

	/** n8n's real sign-in page. */
	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto('/signin', { timeout: WAIT.long });
		await this.page.getByTestId('emailOrLdapLoginId').locator('input').fill(email, { timeout: WAIT.long });
		await this.page.getByTestId('password').locator('input').fill(password);
		await this.page.getByTestId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: WAIT.long });
	}

	/** n8n keeps the theme in localStorage (N8N_THEME: light, dark or system) and marks <body data-theme>. */
	async setTheme(theme: 'light' | 'dark'): Promise<void> {
		// Runs in the page (the suite's typecheck has no DOM library, hence globalThis).
		await this.page.evaluate((t) => (globalThis as any).localStorage.setItem('N8N_THEME', t), theme);
	}

	async bodyTheme(): Promise<string | null> {
		return await this.page.evaluate(() => (globalThis as any).document.body.getAttribute('data-theme') as string | null);
	}

	/** An empty workflow, canvas ready. */
	async newWorkflow(): Promise<void> {
		await this.page.goto('/workflow/new', { timeout: WAIT.long });
		await this.page.getByTestId('canvas-plus-button').waitFor({ timeout: WAIT.long });
	}

	/** A saved workflow, its nodes on the canvas. */
	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`/workflow/${id}`, { timeout: WAIT.long });
		await this.page.getByTestId('canvas-node').first().waitFor({ timeout: WAIT.long });
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	canvasNodeOfType(type: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-type="${type}"]`);
	}

	// ---- the nodes panel ---------------------------------------------------------------------

	get nodeCreator(): Locator {
		return this.page.getByTestId('node-creator');
	}

	async openNodesPanel(): Promise<void> {
		await this.page.getByTestId('node-creator-plus-button').click();
		await this.nodeCreator.waitFor();
	}

	/** Type into the nodes panel's search and wait for an item with `expect` in it. */
	async searchNodes(text: string, expect: string | RegExp): Promise<Locator> {
		await this.page.getByTestId('node-creator-search-bar').fill(text);
		const item = this.creatorItem(expect);
		await item.first().waitFor();
		return item;
	}

	/** Items of the nodes panel (nodes, actions, triggers) whose text matches. */
	creatorItem(text: string | RegExp): Locator {
		return this.nodeCreator.getByTestId('item-iterator-item').filter({ hasText: text });
	}

	// ---- the node's panel (NDV) --------------------------------------------------------------

	get ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	get parameters(): Locator {
		return this.page.getByTestId('node-parameters');
	}

	get outputPanel(): Locator {
		return this.page.getByTestId('output-panel');
	}

	param(name: string, scope: Locator | Page = this.page): Locator {
		return scope.getByTestId(`parameter-input-${name}`);
	}

	async closeNdv(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	/**
	 * The parameters the panel shows now, top level, in order: each label, or a notice's text.
	 * `scope` defaults to the node's parameters; give the credential dialog for its fields.
	 */
	async visibleParameters(scope: Locator = this.parameters, itemTestId = 'parameter-item'): Promise<string[]> {
		return await scope.getByTestId(itemTestId).evaluateAll((items: any[]) =>
			items
				.filter((item) => item.offsetParent !== null)
				// Only top-level items, not the fields inside a collection.
				.filter((item) => !item.parentElement?.closest('[data-test-id="parameter-item"]'))
				.map((item) => {
					const label = item.querySelector('[data-test-id="input-label"]');
					const text: string = (label ?? item).innerText.split('\n')[0];
					return text.replace(/\s*\*\s*$/, '').trim();
				}),
		);
	}

	/** The open dropdown list (Element Plus renders it in a popper at the end of <body>). */
	get openList(): Locator {
		return this.page.locator('.el-select__popper[aria-hidden="false"]');
	}

	/**
	 * Open a dropdown and read its options once they have loaded (the list stops changing).
	 * The list stays open: pick one with `choose`, or close it with `closeList`.
	 */
	async readOptions(field: Locator): Promise<Option[]> {
		// A click while the field is still re-rendering can be lost (seen once in CI on a reopened
		// node): if no option shows, close whatever opened and click again, three times at most.
		for (let attempt = 1; ; attempt++) {
			if (!(await this.openList.isVisible())) await field.click();
			try {
				await this.openList.getByRole('option').first().waitFor({ timeout: WAIT.short });
				break;
			} catch (error) {
				if (attempt >= 3) throw error;
				if (await this.openList.isVisible()) await field.click();
				await this.openList.waitFor({ state: 'hidden', timeout: WAIT.short }).catch(() => {});
			}
		}
		let previous = '';
		const options = await eventually(
			async () => {
				const texts = await this.openList.getByRole('option').allInnerTexts();
				const stable = texts.join('|') === previous;
				previous = texts.join('|');
				return { texts, stable };
			},
			(v) => v.stable && v.texts.length > 0,
			WAIT.short,
		);
		return options.texts.map((text) => {
			const [name, ...rest] = text.split('\n').map((line) => line.trim());
			return { name, description: rest.filter(Boolean).join(' ') };
		});
	}

	/** Click the option whose name is exactly `name` in the open dropdown (opening it first if needed). */
	async choose(field: Locator, name: string): Promise<void> {
		if (!(await this.openList.isVisible())) await field.click();
		const headline = this.openList.getByRole('option').filter({ has: this.page.getByText(name, { exact: true }) });
		await headline.first().click();
	}

	/** Close an open dropdown without choosing, by clicking the field's own label. */
	async closeList(label: Locator): Promise<void> {
		if (await this.openList.isVisible()) await label.click();
		await this.openList.waitFor({ state: 'hidden', timeout: WAIT.short }).catch(() => {});
	}

	/** The items of the open "From List" dropdown of a resource locator (Country and Topic from 1.1). */
	get openLocatorItems(): Locator {
		// Only one list is open at a time; the dropdown's own element has no box of its own.
		return this.page.getByTestId('rlc-item').filter({ visible: true });
	}

	/**
	 * Open a resource locator's list and read its item names once they have loaded (the list
	 * stops changing). The list stays open: pick one with `chooseInLocator`.
	 */
	async readLocatorList(name: string): Promise<string[]> {
		for (let attempt = 1; ; attempt++) {
			if ((await this.openLocatorItems.count()) === 0)
				await this.page.getByTestId(`resource-locator-${name}`).getByTestId('rlc-input').click();
			try {
				await this.openLocatorItems.first().waitFor({ timeout: WAIT.short });
				break;
			} catch (error) {
				if (attempt >= 3) throw error;
			}
		}
		let previous = '';
		const read = await eventually(
			async () => {
				const texts = (await this.openLocatorItems.allInnerTexts()).map((t) => t.trim());
				const stable = texts.join('|') === previous;
				previous = texts.join('|');
				return { texts, stable };
			},
			(v) => v.stable && v.texts.length > 0,
			WAIT.short,
		);
		return read.texts;
	}

	/** Click the item named exactly `item` in a resource locator's list (opening it first if needed). */
	async chooseInLocator(name: string, item: string): Promise<void> {
		if ((await this.openLocatorItems.count()) === 0) await this.readLocatorList(name);
		await this.openLocatorItems
			.filter({ has: this.page.getByText(item, { exact: true }) })
			.first()
			.click();
		await eventually(
			() => this.openLocatorItems.count(),
			(n) => n === 0,
			WAIT.short,
		);
	}

	/** Pick `value` in an options parameter and wait until the field shows it. */
	async select(name: string, value: string, scope: Locator | Page = this.page): Promise<void> {
		const field = this.param(name, scope);
		await this.choose(field, value);
		await eventually(
			() => field.locator('input').first().inputValue(),
			(v) => v === value,
			WAIT.short,
		);
	}

	async switchState(name: string): Promise<boolean> {
		return (await this.param(name).locator('[role="switch"]').getAttribute('aria-checked')) === 'true';
	}

	/** Turn a boolean parameter on or off. */
	async setSwitch(name: string, on: boolean): Promise<void> {
		if ((await this.switchState(name)) !== on) await this.param(name).locator('.el-switch').click();
		const state = await eventually(
			() => this.switchState(name),
			(v) => v === on,
			WAIT.short,
		);
		if (state !== on) throw new Error(`parameter ${name} did not turn ${on ? 'on' : 'off'}`);
	}
}
