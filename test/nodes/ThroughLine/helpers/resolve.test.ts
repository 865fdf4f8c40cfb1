/** Country and topic resolution, against the local server's lists (not the node's own). */
import { isAnyTopic, readCountryInput, readTopicInput, resolveCountry, resolveTopic } from '../../../../nodes/ThroughLine/helpers/resolve';
import type { Country, Topic } from '../../../../nodes/ThroughLine/helpers/types';
import type { SandboxServer } from '../../../../sandbox';
import { startServer } from '../../../../sandbox';

import { refusal } from './refusal';

let server: SandboxServer;
let countries: Country[];
let topics: Topic[];
beforeAll(async () => {
	server = await startServer({ port: 0 });
	countries = server.data.countries() as Country[];
	topics = server.data.topics() as Topic[];
});
afterAll(async () => await server.close());
const codeOf = (name: string) => countries.find((c) => c.name === name)!.code;

describe('readCountryInput', () => {
	test.each([
		['nz', 'NZ'],
		[' Us ', 'US'],
		['uk', 'GB'],
	])('the two-letter code %p goes to the search as %p, without the country list', (input, code) => {
		expect(readCountryInput(input)).toEqual({ code });
	});

	test.each(['New Zealand', 'USA', 'U.S.', 'New Zealand (NZ)'])('%p is a name to look up', (input) => {
		expect(readCountryInput(input)).toEqual({ name: input });
	});

	test.each([
		[undefined, 'Country is missing'],
		[null, 'Country is missing'],
		['  ', 'Country is missing'],
		[42, 'Country must be text, not number 42'],
		[{ code: 'US' }, 'Country must be text, not an object'],
		[['US'], 'Country must be text, not a list'],
		[true, 'Country must be text, not boolean true'],
	])('%p is refused: %p, with what to send', (input, message) => {
		const error = refusal(() => readCountryInput(input));
		expect(error.message).toBe(message);
		expect(error.hint).toMatch(/two-letter country code .* English country name/);
	});
});

describe('resolveCountry', () => {
	test('every country of the list by its name, in any case, and by its code', () => {
		for (const country of countries) {
			expect(resolveCountry(country.name, countries)).toEqual(country);
			expect(resolveCountry(country.name.toUpperCase(), countries)).toEqual(country);
			expect(resolveCountry(`  ${country.name.toLowerCase()} `, countries)).toEqual(country);
			expect(resolveCountry(country.code.toLowerCase(), countries)).toEqual(country);
			expect(resolveCountry(`${country.name} (${country.code})`, countries)).toEqual(country);
		}
	});

	test.each([
		['united kingdom', 'United Kingdom'],
		['UK', 'United Kingdom'],
		['U.K.', 'United Kingdom'],
		['Great Britain', 'United Kingdom'],
		['England', 'United Kingdom'],
		['USA', 'United States'],
		['U.S.A.', 'United States'],
		['United States of America', 'United States'],
		['the Netherlands', 'Netherlands'],
		['Holland', 'Netherlands'],
		['Aotearoa', 'New Zealand'],
		['U.S.', 'United States'],
		['America', 'United States'],
		['Britain', 'United Kingdom'],
		['Scotland', 'United Kingdom'],
		['Wales', 'United Kingdom'],
		['Northern Ireland', 'United Kingdom'],
		// a name the list lacks, labelled with a code as a dropdown or a model writes it
		['Kiwi land ( nz ) ', 'New Zealand'],
		['Great Island (uk)', 'United Kingdom'],
	])('%p is %p', (input, name) => {
		expect(resolveCountry(input, countries).code).toBe(codeOf(name));
	});

	test('an unknown name names what was wrong and the nearest countries of the list', () => {
		const error = refusal(() => resolveCountry('New Zeland', countries));
		expect(error.message).toBe('Country "New Zeland" is not one ThroughLine covers');
		const closest = /Closest: (.*?)\. /.exec(error.hint)![1].split(', ');
		expect(closest[0]).toBe(`New Zealand (${codeOf('New Zealand')})`);
		expect(closest.length).toBeGreaterThanOrEqual(3);
		expect(closest.length).toBeLessThanOrEqual(5);
		const labels = countries.map((c) => `${c.name} (${c.code})`);
		for (const entry of closest) expect(labels).toContain(entry);
	});

	test("a near name is not offered as the person's country", () => {
		expect(refusal(() => resolveCountry('South Korea', countries)).hint).toMatch(
			/If the person is in none of these, ThroughLine has no helplines for their country: do not search another country instead\.$/,
		);
	});

	test('a code in brackets counts only at the end of the name', () => {
		expect(refusal(() => resolveCountry('Middle (NZ) earth', countries)).message).toBe(
			'Country "Middle (NZ) earth" is not one ThroughLine covers',
		);
	});

	test('a well-formed code the list lacks is refused the same way', () => {
		expect(refusal(() => resolveCountry('ZZ', countries)).message).toBe('Country "ZZ" is not one ThroughLine covers');
	});
});

describe('topics', () => {
	test('every topic by its name or its code, in any case, resolves to the NAME', () => {
		for (const topic of topics) {
			expect(resolveTopic(topic.name, topics)).toBe(topic.name);
			expect(resolveTopic(topic.name.toUpperCase(), topics)).toBe(topic.name);
			expect(resolveTopic(topic.code, topics)).toBe(topic.name);
			expect(resolveTopic(topic.code.toUpperCase(), topics)).toBe(topic.name);
		}
	});

	test.each(['', 'any', 'All', 'none', 'All topics', 'Any Topic'])('%p means any topic', (input) => {
		expect(isAnyTopic(input)).toBe(true);
		expect(resolveTopic(input, topics)).toBe('');
	});

	test('an unknown topic gets the nearest names of the list', () => {
		const error = refusal(() => resolveTopic('suicidal thougts', topics));
		expect(error.message).toBe('Topic "suicidal thougts" is not one ThroughLine knows');
		expect(error.hint).toMatch(/^Send a topic name from ThroughLine's list, or an empty topic for helplines on every topic\. Closest: /);
		const closest = /Closest: (.*)\.$/.exec(error.hint)![1].split(', ');
		expect(closest[0]).toBe('Suicidal thoughts');
		for (const entry of closest) expect(topics.map((t) => t.name)).toContain(entry);
	});

	test.each([
		[undefined, ''],
		[null, ''],
		['  Anxiety ', 'Anxiety'],
	])('readTopicInput(%p) → %p', (input, expected) => expect(readTopicInput(input)).toBe(expected));

	test.each([[7], [{}], [['Anxiety']]])('readTopicInput(%p) is refused', (input) => {
		expect(refusal(() => readTopicInput(input)).message).toMatch(/^Topic must be text, not /);
	});
});
