/**
 * The one list of resources and operations: what the node shows and what the router runs are the
 * same list, every operation file is in it, and the values saved workflows hold still run.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { findOperation, RESOURCES } from '../../../../nodes/ThroughLine/actions/registry';
import { ThroughLine } from '../../../../nodes/ThroughLine/ThroughLine.node';

const ACTIONS = join(__dirname, '../../../../nodes/ThroughLine/actions');
const EXAMPLES = join(__dirname, '../../../../examples');
const { properties } = new ThroughLine().description;

const values = (property: INodeProperties) => (property.options as INodePropertyOptions[]).map((o) => o.value);
const resourceDropdown = () => properties.find((p) => p.name === 'resource')!;
const operationDropdown = (resource: string) =>
	properties.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource));
const listed = Object.entries(RESOURCES).flatMap(([resource, { operations }]) =>
	Object.entries(operations).map(([operation, entry]) => ({ resource, operation, ...entry })),
);

test('every listed operation has an executor and parameters shown only for it', () => {
	expect(listed.length).toBeGreaterThan(0);
	for (const { resource, operation, run } of listed) {
		expect(typeof run.execute).toBe('function');
		expect(Array.isArray(run.description)).toBe(true);
		for (const parameter of run.description) {
			expect([parameter.name, parameter.displayOptions?.show?.resource]).toEqual([parameter.name, [resource]]);
			expect([parameter.name, parameter.displayOptions?.show?.operation]).toEqual([parameter.name, [operation]]);
		}
	}
});

test("the node's dropdowns list exactly the registry's resources and operations, no more, no fewer", () => {
	expect(values(resourceDropdown()).sort()).toEqual(Object.keys(RESOURCES).sort());
	for (const [resource, { operations, default: first }] of Object.entries(RESOURCES)) {
		const dropdowns = operationDropdown(resource);
		expect(dropdowns).toHaveLength(1);
		expect(values(dropdowns[0]).sort()).toEqual(Object.keys(operations).sort());
		expect(Object.keys(operations)).toContain(first);
		expect(dropdowns[0].default).toBe(first);
	}
	// No operation dropdown for a resource the registry does not have.
	const shownFor = properties.filter((p) => p.name === 'operation').flatMap((p) => p.displayOptions!.show!.resource!);
	expect(shownFor.sort()).toEqual(Object.keys(RESOURCES).sort());
});

test('every value in the dropdowns runs through the router, and every operation file is listed', () => {
	for (const resource of values(resourceDropdown()) as string[]) {
		for (const operation of values(operationDropdown(resource)[0]) as string[]) {
			expect([resource, operation, findOperation(resource, operation)?.execute]).toEqual([resource, operation, expect.any(Function)]);
		}
	}
	const runs = new Set(listed.map(({ run }) => run));
	const files = readdirSync(ACTIONS, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.operation.ts'));
	expect(files.length).toBe(listed.length);
	for (const file of files) {
		// The registry holds each operation's module object; require returns that same object.
		const module = require(join(ACTIONS, file));
		expect([file, runs.has(module)]).toEqual([file, true]);
	}
});

test('every operation has its own test file beside this one, at the path of its operation file', () => {
	const operations = readdirSync(ACTIONS, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.operation.ts'));
	expect(operations.length).toBeGreaterThan(0);
	for (const file of operations) {
		const mirror = file.replace(/\.operation\.ts$/, '.test.ts');
		expect([file, existsSync(join(__dirname, mirror))]).toEqual([file, true]);
	}
});

test('the resource and operation values of the shipped example workflows still run', () => {
	const nodes = readdirSync(EXAMPLES)
		.filter((file) => file.endsWith('.json'))
		.flatMap(
			(file) => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')).nodes as Array<{ type: string; parameters: Record<string, string> }>,
		)
		.filter((node) => /\.throughLine(Tool)?$/.test(node.type));
	expect(nodes.length).toBeGreaterThan(0);
	for (const { parameters } of nodes) {
		// n8n leaves out a parameter saved at its default.
		const resource = parameters.resource ?? resourceDropdown().default;
		const operation = parameters.operation ?? operationDropdown(resource)[0].default;
		expect([resource, operation, findOperation(resource, operation)]).toEqual([resource, operation, expect.anything()]);
	}
});

test('a combination the node does not have finds nothing, including names every object inherits', () => {
	for (const [resource, operation] of [
		['helpline', 'delete'],
		['nope', 'search'],
		['helpline', 'constructor'],
		['constructor', 'name'],
		['helpline', 'toString'],
		['__proto__', 'search'],
		['helpline', 'hasOwnProperty'],
	]) {
		expect(findOperation(resource, operation)).toBeUndefined();
	}
});
