/** The trigger's description as n8n and its verification scanner expect it, and its shared parts. */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { NodeHelpers } from 'n8n-workflow';

import { getCountries, getTopics } from '../../../../nodes/ThroughLine/methods/loadOptions';
import { ThroughLine } from '../../../../nodes/ThroughLine/ThroughLine.node';
import { ThroughLineTrigger } from '../../../../nodes/ThroughLine/ThroughLineTrigger.node';
import { loadedTrigger, TRIGGER_TYPE } from '../../../harness/runPoll';

const root = join(__dirname, '../../../..');
const folder = join(root, 'nodes/ThroughLine');
const internals = join(folder, 'trigger');
const { description } = new ThroughLineTrigger();

test('is a polling trigger with the ThroughLine credential and no inputs', () => {
	expect(description).toMatchObject({
		name: 'throughLineTrigger',
		displayName: 'ThroughLine Trigger',
		group: ['trigger'],
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'throughLineApi', required: true }],
	});
	expect(description.subtitle).toMatch(/^=\{\{/);
	expect(description.description.length).toBeGreaterThan(40);
});

test('light and dark icons and the codex sit next to the node file', () => {
	const icon = description.icon as { light: string; dark: string };
	for (const file of [icon.light, icon.dark]) expect(existsSync(join(folder, file.replace(/^file:/, '')))).toBe(true);
	const codex = JSON.parse(readFileSync(join(folder, 'ThroughLineTrigger.node.json'), 'utf8'));
	expect(codex.node).toBe(TRIGGER_TYPE);
});

test('shows the same icons as the ThroughLine node: one pair in the folder', () => {
	expect(description.icon).toEqual(new ThroughLine().description.icon);
	expect(
		readdirSync(folder)
			.filter((name) => name.endsWith('.svg'))
			.sort(),
	).toEqual(['throughline.dark.svg', 'throughline.svg']);
});

test('package.json registers the built trigger for n8n', () => {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	expect(pkg.n8n.nodes).toContain('dist/nodes/ThroughLine/ThroughLineTrigger.node.js');
});

test('defaults: baseline silently, any topic, no country yet; n8n puts Poll Times at every minute', () => {
	const defaults = NodeHelpers.getNodeParameters(loadedTrigger().description.properties, {}, true, false, null, null);
	expect(defaults).toMatchObject({
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		countries: [],
		topic: '',
		onFirstPoll: 'recordBaseline',
	});
	const notice = description.properties.find((p) => p.type === 'notice')!;
	expect(notice.displayName).toMatch(/one call to ThroughLine per watched country.*1,000 calls a day/);
});

test("dropdowns are the ThroughLine node's own loaders", () => {
	const trigger = new ThroughLineTrigger();
	expect(trigger.methods.loadOptions.getCountries).toBe(getCountries);
	expect(trigger.methods.loadOptions.getTopics).toBe(getTopics);
	const loaders = description.properties.map((p) => p.typeOptions?.loadOptionsMethod).filter(Boolean);
	expect(loaders).toEqual(['getCountries', 'getTopics']);
});

test('talks to ThroughLine only through the shared transport', () => {
	const files = [join(folder, 'ThroughLineTrigger.node.ts'), ...readdirSync(internals).map((name) => join(internals, name))];
	for (const file of files.filter((name) => name.endsWith('.ts'))) {
		const source = readFileSync(file, 'utf8');
		expect(source).not.toMatch(/httpRequest|requestWithAuthentication|fetch\(/);
	}
	expect(readFileSync(join(internals, 'poll.ts'), 'utf8')).toMatch(/from '\.\.\/transport'/);
});
