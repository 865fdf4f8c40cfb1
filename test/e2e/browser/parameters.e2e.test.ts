/**
 * Browser journey: the node's and the trigger's parameters in the editor. Resources and
 * operations read well, dropdowns come from the local server, parameters show only where they
 * apply, the notices show, and a run from the panel gives the server's helplines. Set-up in
 * session.ts; screenshots in test-artifacts/browser/parameters/.
 */
import { WAIT, eventually } from './editor';
import { CREDENTIAL, LOOKUP, NODE, TRIGGER, noticeText, operationOptions, property, resourceOptions, shownParameters } from './fixtures';
import { STACK_TRACE, same, useEditorSession } from './session';

const s = useEditorSession('parameters');

test(
	'node: resources and operations read well, Country and Topic come from the server, parameters show only where they apply, the priority notice shows',
	s.step('node', async () => {
		const { editor, page, server } = s;
		const searchAction = operationOptions('helpline').find((o) => o.value === 'search')?.action as string;
		await s.addFromNodesPanel(searchAction);

		// The one credential of the type is picked for the user.
		await expect(page.getByTestId('node-credentials-select').locator('input').inputValue()).resolves.toBe(CREDENTIAL.name);
		const searchParameters = shownParameters(NODE, { resource: 'helpline', operation: 'search' });
		expect(await s.shownOnce((shown) => same(shown, searchParameters))).toEqual(searchParameters);

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
				expect({
					resource: resource.value,
					operation: operation.value,
					shown: await s.shownOnce((shown) => same(shown, expectedShown)),
				}).toEqual({
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
			expect({ country: country.code, listed: countries.includes(`${country.name} (${country.code})`) }).toEqual({
				country: country.code,
				listed: true,
			});
		}
		await editor.chooseInLocator('country', countries.find((name) => name.includes('(NZ)')) as string);

		// Topic: "any topic" first, then every topic of the local server.
		const topics = await editor.readLocatorList('topic');
		expect(topics[0]).toMatch(/any/i);
		expect(topics.slice(1).sort()).toEqual(
			server.data
				.topics()
				.map((t) => t.name)
				.sort(),
		);
		await editor.chooseInLocator('topic', LOOKUP.topic);

		// Return All hides Limit.
		const limit = property(NODE, 'limit').displayName;
		await editor.setSwitch('returnAll', true);
		const withReturnAll = await s.shownOnce((shown) => !shown.includes(limit));
		expect(withReturnAll).toEqual(shownParameters(NODE, { resource: 'helpline', operation: 'search', returnAll: true }));
		expect(withReturnAll).not.toContain(limit);
		await editor.setSwitch('returnAll', false);
		expect(await s.shownOnce((shown) => shown.includes(limit))).toContain(limit);

		// Priority Only: no Return All, Limit or Filters (the list is never cut), and the notice says why.
		await editor.setSwitch('priorityOnly', true);
		const notice = noticeText(NODE, 'priorityNotice');
		const withPriority = await s.shownOnce((shown) => shown.includes(notice));
		expect(withPriority).toEqual(shownParameters(NODE, { resource: 'helpline', operation: 'search', priorityOnly: true }));
		expect(withPriority).toEqual(expect.arrayContaining([notice]));
		for (const hidden of ['returnAll', 'limit', 'filters']) expect(withPriority).not.toContain(property(NODE, hidden).displayName);
		await expect(
			editor.parameters
				.getByRole('alert')
				.filter({ hasText: notice.slice(0, 60) })
				.isVisible(),
		).resolves.toBe(true);
		await editor.shot('node-priority-notice');

		// Run it: the country's priority pair, whole.
		await editor.setSwitch('simplify', true);
		await page.getByTestId('node-execute-button').click();
		const priority = server.data.priority('NZ').map((h) => h.name);
		const output = await eventually(
			() => editor.outputPanel.innerText(),
			(text) => priority.every((name) => text.includes(name)),
			WAIT.long,
		);
		expect(output).toMatch(new RegExp(`\\b${priority.length} items?\\b`));
		for (const name of priority) expect(output).toContain(name);
		await editor.shot('node-priority-result');
		await editor.closeNdv();
		await editor.shot('node-on-canvas');
	}),
);

test(
	'trigger: the quota notice shows, countries come from the server, Fetch Test Event gives a sample or a readable reason',
	s.step('trigger', async () => {
		const { editor, page, server } = s;
		await s.addFromNodesPanel('On new ThroughLine event');
		const notice = noticeText(TRIGGER, 'costNotice');
		expect(await s.shownOnce((shown) => shown.includes(notice))).toEqual(expect.arrayContaining([notice]));
		await expect(
			editor.parameters
				.getByRole('alert')
				.filter({ hasText: notice.slice(0, 60) })
				.isVisible(),
		).resolves.toBe(true);

		const countries = await editor.readOptions(editor.param('countries'));
		expect(countries).toHaveLength(server.data.countries().length);
		for (const country of server.data.countries()) {
			expect({
				country: country.code,
				listed: countries.some((o) => o.name.includes(country.name) && o.name.includes(country.code)),
			}).toEqual({ country: country.code, listed: true });
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
		const nzNames = server.data
			.helplines()
			.filter((h) => h.country.code === 'NZ')
			.map((h) => h.name);
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
