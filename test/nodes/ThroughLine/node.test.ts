/**
 * The action node's description as n8n reads it: the type name saved workflows refer to, the
 * versions they were saved with, the icons and codex beside it, one main input and output.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import { ThroughLine } from '../../../nodes/ThroughLine/ThroughLine.node';
import { NODE_TYPE } from '../../harness/runNode';

const root = join(__dirname, '../../..');
const folder = join(root, 'nodes/ThroughLine');
const { description } = new ThroughLine();
/** n8n names a community node `<package>.<node name>`. */
const PACKAGE = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string }).name;

/** Every ThroughLine node of the example workflows (written by n8n's editor and exported). */
const exampleNodes = () =>
	readdirSync(join(root, 'examples'))
		.filter((file) => file.endsWith('.json'))
		.flatMap(
			(file) =>
				(JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as { nodes: Array<{ type: string; typeVersion: number }> }).nodes,
		)
		.filter((node) => node.type.startsWith(NODE_TYPE) && !node.type.includes('Trigger'));

test('its type is the one saved workflows use, plain and as a model’s tool', () => {
	expect(`${PACKAGE}.${description.name}`).toBe(NODE_TYPE);
	const types = new Set(exampleNodes().map((node) => node.type));
	expect([...types].sort()).toEqual([NODE_TYPE, `${NODE_TYPE}Tool`]);
	expect(description.usableAsTool).toBe(true);
	const codex = JSON.parse(readFileSync(join(folder, 'ThroughLine.node.json'), 'utf8'));
	expect(codex.node).toBe(NODE_TYPE);
});

test('every version a saved workflow holds is still offered, and new nodes get the highest', () => {
	const versions = description.version as number[];
	for (const node of exampleNodes()) expect(versions).toContain(node.typeVersion);
	expect(versions).toContain(1);
	expect(Math.max(...versions)).toBe(1.1);
	expect(description.defaultVersion).toBeUndefined();
});

test('its icons sit beside it, and it shows as ThroughLine with one main input and output', () => {
	const icon = description.icon as { light: string; dark: string };
	expect(icon.light).not.toBe(icon.dark);
	for (const file of [icon.light, icon.dark]) {
		expect(file).toMatch(/^file:.+\.svg$/);
		expect(existsSync(join(folder, file.replace(/^file:/, '')))).toBe(true);
	}
	expect(description.defaults.name).toBe(description.displayName);
	expect(description.displayName).toBe('ThroughLine');
	expect(description.inputs).toEqual(['main']);
	expect(description.outputs).toEqual(['main']);
	expect(description.group).toEqual(['transform']); // n8n's group for a node that is not a trigger
	expect(description.subtitle).toMatch(/^=\{\{.*\$parameter\["operation"\].*\$parameter\["resource"\].*\}\}$/);
});
