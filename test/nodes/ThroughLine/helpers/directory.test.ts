/** "Is this empty answer because ThroughLine does not know the country or topic?", against the local server's lists. */
import { countryInDirectory, topicInDirectory } from '../../../../nodes/ThroughLine/helpers/directory';
import type { Country, Topic } from '../../../../nodes/ThroughLine/helpers/types';
import type { SandboxServer } from '../../../../sandbox';
import { startServer } from '../../../../sandbox';

let server: SandboxServer;
let countries: Country[];
let topics: Topic[];
beforeAll(async () => {
	server = await startServer({ port: 0 });
	countries = server.data.countries() as Country[];
	topics = server.data.topics() as Topic[];
});
afterAll(async () => await server.close());

describe('countryInDirectory', () => {
	test('finds every listed country by its code, in any case', () => {
		for (const country of countries) {
			expect(countryInDirectory(countries, country.code.toLowerCase())).toBe(country);
			expect(countryInDirectory(countries, country.code.toUpperCase())).toBe(country);
		}
	});

	test('a code the list does not hold is unknown', () => {
		const codes = new Set(countries.map((c) => c.code.toUpperCase()));
		const missing = ['ZZ', 'XQ', 'QQ'].find((code) => !codes.has(code))!;
		expect(countryInDirectory(countries, missing)).toBeUndefined();
		expect(countryInDirectory([], countries[0].code)).toBeUndefined();
	});

	test('a list that spells codes in lower case still matches', () => {
		const lower = countries.map((c) => ({ ...c, code: c.code.toLowerCase() }));
		expect(countryInDirectory(lower, countries[0].code.toUpperCase())).toBe(lower[0]);
	});
});

describe('topicInDirectory', () => {
	test('knows every listed topic by its name and by its code, in any case', () => {
		for (const topic of topics) {
			for (const spelling of [topic.name, topic.code, topic.name.toUpperCase(), topic.code.toLowerCase()]) {
				expect(topicInDirectory(topics, spelling)).toBe(true);
			}
		}
	});

	test('a topic the list does not hold, or only part of a name, is unknown', () => {
		expect(topicInDirectory(topics, 'Weather forecasts')).toBe(false);
		expect(topicInDirectory(topics, topics[0].name.slice(0, 3))).toBe(false);
		expect(topicInDirectory([], topics[0].name)).toBe(false);
	});
});
