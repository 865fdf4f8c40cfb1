/**
 * n8n's rules for a node's parameters, checked on every parameter of both nodes at every depth
 * (collections and their options too). The oracle is n8n's editor and its community linter, not
 * our own descriptions: the editor shows a parameter by its display name, saves it by its name,
 * renders a dropdown from its options, and starts a new node from the defaults; an AI agent names a
 * tool by the operation's action.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { ThroughLine } from '../../../../nodes/ThroughLine/ThroughLine.node';
import { ThroughLineTrigger } from '../../../../nodes/ThroughLine/ThroughLineTrigger.node';

type Child = INodeProperties | INodePropertyOptions | INodePropertyCollection;

const NODES: Array<[string, INodeTypeDescription, INodeType['methods']]> = [
	['ThroughLine', new ThroughLine().description, new ThroughLine().methods],
	['ThroughLine Trigger', new ThroughLineTrigger().description, new ThroughLineTrigger().methods],
];

/** Every parameter with the path that leads to it: top level, inside collections, inside fixed collections. */
function everyParameter(properties: INodeProperties[], path = ''): Array<{ at: string; parameter: INodeProperties }> {
	return properties.flatMap((parameter) => {
		const at = `${path}${parameter.name}`;
		const inner = (parameter.options ?? []) as Child[];
		const nested =
			parameter.type === 'collection'
				? everyParameter(inner as INodeProperties[], `${at}.`)
				: parameter.type === 'fixedCollection'
					? (inner as INodePropertyCollection[]).flatMap((group) => everyParameter(group.values, `${at}.${group.name}.`))
					: [];
		return [{ at, parameter }, ...nested];
	});
}

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

describe.each(NODES)('%s', (_, description, methods) => {
	const parameters = everyParameter(description.properties);

	test('has parameters, each with a display name, a camelCase name and a type', () => {
		expect(parameters.length).toBeGreaterThan(5);
		const wrong = parameters
			.filter(({ parameter: p }) => !p.displayName?.trim() || !/^[a-z][a-zA-Z0-9]*$/.test(p.name) || !p.type)
			.map(({ at }) => at);
		expect(wrong).toEqual([]);
	});

	test('every parameter has a default of its own type (n8n starts a new node from them)', () => {
		const wrong = parameters
			.filter(({ parameter: p }) => {
				const value = p.default as unknown;
				if (value === undefined) return true;
				if (isExpression(value)) return false;
				switch (p.type) {
					case 'boolean':
						return typeof value !== 'boolean';
					case 'number':
						return typeof value !== 'number';
					case 'string':
					case 'notice':
					case 'hidden':
						return typeof value !== 'string';
					case 'collection':
					case 'fixedCollection':
						return typeof value !== 'object' || value === null || Array.isArray(value);
					case 'multiOptions':
						return !Array.isArray(value);
					case 'resourceLocator':
						return typeof value !== 'object' || value === null || !('mode' in value);
					default:
						return false;
				}
			})
			.map(({ at, parameter }) => `${at}: ${parameter.type} = ${JSON.stringify(parameter.default)}`);
		expect(wrong).toEqual([]);
	});

	test('every parameter a person fills in says what it takes (not the resource and operation choosers, collections or notices)', () => {
		const choosers = new Set(['resource', 'operation']);
		const silent = parameters
			.filter(({ parameter: p }) => !choosers.has(p.name) && !['collection', 'notice'].includes(p.type))
			.filter(({ parameter: p }) => !p.description?.trim() && !p.hint?.trim())
			.map(({ at }) => at);
		expect(silent).toEqual([]);
	});

	test('every dropdown lists named, distinct choices, and its default is one of them', () => {
		const dropdowns = parameters.filter(
			({ parameter: p }) => (p.type === 'options' || p.type === 'multiOptions') && !p.typeOptions?.loadOptionsMethod,
		);
		expect(dropdowns.length).toBeGreaterThan(0);
		for (const { at, parameter } of dropdowns) {
			const choices = (parameter.options ?? []) as INodePropertyOptions[];
			const values = choices.map((c) => c.value);
			expect({ at, empty: choices.length === 0, unnamed: choices.filter((c) => !c.name?.trim()).length }).toEqual({
				at,
				empty: false,
				unnamed: 0,
			});
			expect({ at, distinct: new Set(values).size }).toEqual({ at, distinct: values.length });
			const defaults = parameter.type === 'multiOptions' ? (parameter.default as unknown[]) : [parameter.default];
			expect({ at, unknownDefaults: defaults.filter((d) => !values.includes(d as string)) }).toEqual({ at, unknownDefaults: [] });
		}
	});

	test('every collection offers options and starts empty or with some of them', () => {
		const collections = parameters.filter(({ parameter: p }) => p.type === 'collection' || p.type === 'fixedCollection');
		for (const { at, parameter } of collections) {
			const inner = (parameter.options ?? []) as Child[];
			const names = inner.map((o) => o.name);
			expect({ at, offers: inner.length > 0, placeholder: Boolean(parameter.placeholder?.trim()) }).toEqual({
				at,
				offers: true,
				placeholder: true,
			});
			const unknown = Object.keys(parameter.default as object).filter((key) => !names.includes(key));
			expect({ at, unknown }).toEqual({ at, unknown: [] });
		}
	});

	test('every list the editor loads names a method the node has', () => {
		const loaded = parameters.filter(({ parameter: p }) => p.typeOptions?.loadOptionsMethod);
		expect(loaded.length).toBeGreaterThan(0);
		const missing = loaded
			.filter(({ parameter: p }) => !(p.typeOptions!.loadOptionsMethod! in (methods?.loadOptions ?? {})))
			.map(({ at, parameter: p }) => `${at}: ${p.typeOptions?.loadOptionsMethod}`);
		expect(missing).toEqual([]);
	});

	test('a code or a name can be typed or picked from a searchable list (every resource locator)', () => {
		for (const { at, parameter } of parameters.filter(({ parameter: p }) => p.type === 'resourceLocator')) {
			const modes = (parameter.modes ?? []).map((mode) => ({
				name: mode.name,
				named: Boolean(mode.displayName?.trim()),
				type: mode.type,
				// a long list (every country) must be searchable, from a method the node has
				searchable:
					mode.type === 'list'
						? mode.typeOptions?.searchable === true && mode.typeOptions.searchListMethod! in (methods?.listSearch ?? {})
						: undefined,
				// typed: an example of what to type
				example: mode.type === 'string' ? Boolean(mode.placeholder?.trim()) : undefined,
			}));
			expect({ at, modes }).toEqual({
				at,
				modes: [
					{ name: 'list', named: true, type: 'list', searchable: true, example: undefined },
					{ name: 'codeOrName', named: true, type: 'string', searchable: undefined, example: true },
				],
			});
			expect({ at, startsOnList: (parameter.default as { mode?: string }).mode }).toEqual({ at, startsOnList: 'list' });
		}
	});

	test('two parameters of one name are never shown together (n8n keeps one value per name)', () => {
		const top = description.properties;
		const clashes: string[] = [];
		for (let i = 0; i < top.length; i++) {
			for (let j = i + 1; j < top.length; j++) {
				if (top[i].name !== top[j].name) continue;
				const [a, b] = [top[i].displayOptions?.show ?? {}, top[j].displayOptions?.show ?? {}];
				// Shown together unless some field both name has no value in common.
				const apart = Object.keys(a).some((key) => key in b && !(a[key] ?? []).some((v) => (b[key] ?? []).includes(v)));
				if (!apart) clashes.push(top[i].name);
			}
		}
		expect(clashes).toEqual([]);
	});
});

test('every operation of the action node tells an AI agent and the editor what it does', () => {
	const operations = new ThroughLine().description.properties.filter((p) => p.name === 'operation');
	expect(operations.length).toBeGreaterThan(3);
	const choices = operations.flatMap((p) => p.options as INodePropertyOptions[]);
	const wrong = choices.filter((c) => !c.action?.trim() || !c.description?.trim()).map((c) => String(c.value));
	expect(wrong).toEqual([]);
	// n8n names an operation's tool by its action: two alike would be one tool twice.
	const actions = choices.map((c) => c.action);
	expect(new Set(actions).size).toBe(actions.length);
});

test('the action node is offered to AI agents and both nodes name the credential they need', () => {
	const action = new ThroughLine().description;
	const trigger = new ThroughLineTrigger().description;
	expect(action.usableAsTool).toBe(true);
	for (const node of [action, trigger]) {
		expect(node.credentials).toEqual([expect.objectContaining({ name: 'throughLineApi', required: true })]);
		expect([node.name, node.displayName.trim().length > 0, node.description.trim().length > 0]).toEqual([node.name, true, true]);
	}
	expect(trigger.polling).toBe(true);
	expect(trigger.inputs).toEqual([]);
});

test('a search cannot be saved without a country, in every version: ThroughLine requires country_code (doc)', () => {
	const countries = new ThroughLine().description.properties.filter((p) => p.name === 'country');
	expect(countries.length).toBeGreaterThan(1);
	expect(countries.map((p) => [p.type, p.required])).toEqual(countries.map((p) => [p.type, true]));
});
