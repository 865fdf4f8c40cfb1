/**
 * Browser journey: the credential dialog. Its fields and help texts, the Environment switch, and
 * Test: it succeeds against the local server and fails clearly, without echoing it, with a wrong
 * secret. Set-up in session.ts; screenshots in test-artifacts/browser/credential/.
 */
import type { Response } from 'playwright-core';

import { WAIT, eventually } from './editor';
import { CREDENTIAL, CREDENTIAL_TYPE, property, shownCredentialFields } from './fixtures';
import { STACK_TRACE, same, useEditorSession } from './session';

const s = useEditorSession('credential');

test(
	'credential dialog: fields and help texts, the Environment switch, Test succeeds against the server and fails clearly with a wrong secret',
	s.step('credential', async () => {
		const { editor, page, server, n8n } = s;
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
				const item = dialog
					.getByTestId('credential-connection-parameter')
					.filter({ has: page.getByTestId(`parameter-input-${field.name}`) });
				await item.hover();
				await item.locator('[data-icon="circle-help"]').hover();
				// The popper holding the text is not always the element with role="tooltip": look for the text.
				const tooltip = page
					.getByText(field.description as string, { exact: true })
					.filter({ visible: true })
					.first();
				await tooltip.waitFor({ state: 'visible', timeout: WAIT.short });
				expect({ field: field.name, shown: await tooltip.isVisible() }).toEqual({ field: field.name, shown: true });
			}

			// Environment: the options explain themselves; Custom shows API Base URL and Token URL.
			const environment = property(CREDENTIAL_TYPE, 'environment');
			const envOptions = await editor.readOptions(editor.param('environment', dialog));
			expect(envOptions).toEqual(
				(environment.options as Array<{ name: string; description: string }>).map((o) => ({ name: o.name, description: o.description })),
			);
			await editor.shot('credential-environment-options');
			const custom = (environment.options as Array<{ name: string; value: string }>).find((o) => o.value === 'custom')?.name as string;
			const production = (environment.options as Array<{ name: string; value: string }>).find((o) => o.value === 'production')
				?.name as string;
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
			const failure = await eventually(
				() => dialog.innerText(),
				(text) => /ThroughLine sign-in failed/.test(text),
				WAIT.short,
			);
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
			await eventually(
				async () => testAnswers.length,
				(n) => n > answersBefore,
				WAIT.long,
			);
			await success.waitFor({ timeout: WAIT.long });
			const file = await editor.shot('credential-tested', { clip: dialog });
			s.toDocs(file, 'credential.png');

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
