/**
 * Browser journey: a person signs in on n8n's sign-in page, finds the node and its trigger in the
 * nodes panel (light and dark theme, with the package's icons), and picks the node as an AI
 * Agent's tool. Set-up in session.ts; screenshots in test-artifacts/browser/panel/.
 */
import { WAIT, eventually } from './editor';
import { NODE, OWNER, allActions, shownParameters } from './fixtures';
import { useEditorSession } from './session';

const s = useEditorSession('panel', { signIn: false });

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

test(
	"signs in on n8n's sign-in page",
	s.step('sign-in', async () => {
		const { editor, page } = s;
		await editor.signIn(OWNER.email, OWNER.password);
		expect(new URL(page.url()).pathname).not.toMatch(/^\/signin/);
		await editor.shot('signed-in');
	}),
);

describe('nodes panel', () => {
	for (const theme of ['light', 'dark'] as const) {
		test(
			`searching "ThroughLine" finds the node and its trigger, with our icon (${theme} theme)`,
			s.step(`nodes-panel-${theme}`, async () => {
				const { editor } = s;
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
				await s.expectOurIcon(item, 'ThroughLine', theme);
				await editor.shot(`nodes-panel-search-${theme}`);

				// Its details: the trigger and every action of every resource.
				await item.click();
				const triggers = editor.nodeCreator.getByTestId('node-creator-category-item').filter({ hasText: 'Triggers' });
				await expect(triggers.innerText()).resolves.toMatch(/Triggers \(1\)/);
				const trigger = editor.creatorItem(/ThroughLine/).filter({ hasText: /^On new ThroughLine event$/ });
				await trigger.waitFor();
				await s.expectOurIcon(trigger, 'ThroughLine', theme);

				const actions = editor.nodeCreator.getByTestId('node-creator-category-item').filter({ hasText: 'Actions' });
				expect(await actions.innerText()).toContain(`Actions (${allActions().length})`);
				await actions.click();
				const listed = await eventually(
					() => editor.nodeCreator.getByTestId('node-creator-item-name').allInnerTexts(),
					(names) => names.length > allActions().length,
				);
				expect(
					listed
						.map((n) => n.trim())
						.filter((n) => !/^On new /.test(n))
						.sort(),
				).toEqual([...allActions()].sort());
				const file = await editor.shot(`nodes-panel-actions-${theme}`, { clip: editor.nodeCreator });
				if (theme === 'light') s.toDocs(file, 'node-panel.png');
			}),
		);
	}

	afterAll(async () => {
		await s.editor?.setTheme('light').catch(() => {});
	});
});

test(
	"the AI Agent's tool picker lists the ThroughLine tool, which adds with the node's parameters",
	s.step('ai-tool', async () => {
		const { editor, page, server, n8n } = s;
		await editor.newWorkflow();
		await editor.openNodesPanel();
		await (
			await editor.searchNodes('AI Agent', /^AI Agent/)
		)
			.filter({ hasText: /^AI Agent/ })
			.first()
			.click();
		await editor.ndv.waitFor({ timeout: WAIT.long });
		await editor.closeNdv();

		await page
			.locator('[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"]')
			.getByTestId('canvas-handle-plus')
			.click();
		await editor.nodeCreator.waitFor();
		const tool = await editor.searchNodes('ThroughLine', `${NODE.displayName} Tool`);
		expect(await tool.count()).toBe(1);
		await s.expectOurIcon(tool, 'ThroughLine', 'light');
		await editor.shot('ai-tool-picker', { clip: editor.nodeCreator });

		await tool.click();
		await editor.ndv.waitFor({ timeout: WAIT.long });
		await editor.parameters.waitFor();
		const searchParameters = shownParameters(NODE, { resource: 'helpline', operation: 'search' });
		const shown = await s.shownOnce((now) => searchParameters.every((name) => now.includes(name)));
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
			async () =>
				(await n8n.request('GET', `/rest/workflows/${id}`)).json?.data?.nodes?.find(
					(n: any) => n.type === 'n8n-nodes-throughline.throughLineTool',
				),
			(node: any) => JSON.stringify(node?.parameters ?? {}).includes('$fromAI('),
			WAIT.normal,
		);
		const written = (name: string) => saved.parameters[name];
		expect({ country: written('country'), topic: written('topic') }).toEqual({
			country: expect.objectContaining({
				__rl: true,
				value: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Country', ``, 'string') }}",
			}),
			topic: expect.objectContaining({ __rl: true, value: "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Topic', ``, 'string') }}" }),
		});
	}),
);
