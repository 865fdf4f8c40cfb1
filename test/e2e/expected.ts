/**
 * What the example workflows should output, computed from the local server's data (not from the
 * package's code), and a CSV reader for the files they write. Shared by the end-to-end suites.
 */
import type { Helpline, SandboxServer } from '../../sandbox';

export const SUICIDAL = 'Suicidal thoughts';

/**
 * Simplify's short description, from its promise: the description on one line (ThroughLine's
 * may hold CRLF), up to the end of its first sentence (".", "!" or "?" before a space or the
 * end), at most 200 characters (longer: cut before a word, then "…"); null without one.
 */
export function firstSentence(description: string | undefined): string | null {
	const words = (description ?? '').split(/\s+/).filter((word) => word !== '');
	if (words.length === 0) return null;
	let text = '';
	for (const word of words) {
		const longer = text === '' ? word : `${text} ${word}`;
		if (longer.length > 200) return `${text || word.slice(0, 200)}…`;
		text = longer;
		if (/[.!?]$/.test(word)) break;
	}
	return text;
}

/** What Simplify promises for a helpline, written out from ThroughLine's fields. */
export const simplified = (h: Helpline) => ({
	id: h.id,
	name: h.name,
	description: firstSentence(h.description),
	phone: h.phoneNumber ?? null,
	sms: h.smsNumber ?? null,
	webChat: h.webChatUrl ?? null,
	whatsapp: h.whatsappUrl ?? null,
	website: h.website ?? null,
	topics: h.topics,
	specialties: h.specialties ?? [],
	languages: h.supported_languages,
	country: h.country.name,
	countryCode: h.country.code,
	emergencyNumber: h.country.emergencyNumber,
});

/**
 * The crisis-line lookup's output for these countries (its "Crisis lines" node): every country's
 * priority list whole, then up to 5 ranked "Suicidal thoughts" helplines of each that are not
 * already listed, all Simplified and marked `priority`.
 */
export function expectedCrisisLines(server: SandboxServer, countries: string[]) {
	const priority = countries.flatMap((cc) => server.data.priority(cc));
	const seen = new Set(priority.map((h) => h.id));
	const others = countries.flatMap((cc) =>
		server.data
			.helplines()
			.filter((h) => h.country.code === cc && h.topics.includes(SUICIDAL))
			.slice(0, 5)
			.filter((h) => !seen.has(h.id)),
	);
	return [...priority.map((h) => ({ ...simplified(h), priority: true })), ...others.map((h) => ({ ...simplified(h), priority: false }))];
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF) into records by header, ignoring a byte-order mark. */
export function parseCsv(text: string): Array<Record<string, string>> {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const src = text.replace(/^\uFEFF/, '');
	for (let i = 0; i < src.length; i++) {
		const c = src[i];
		if (quoted) {
			if (c === '"' && src[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(field);
			field = '';
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && src[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += c;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	const [header = [], ...body] = rows;
	return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/**
 * A helpline as the ThroughLine tool hands it to a model (node 1.1, compact tool output): the
 * Simplify record, whether it came from a priority list and, on a priority list, the rule that
 * every one of them must be shown (ThroughLine: two priority services are shown both or neither).
 */
export function expectToolRecords(got: unknown, helplines: Helpline[], priorityList: boolean) {
	expect(Array.isArray(got)).toBe(true);
	const records = got as Array<Record<string, unknown>>;
	expect(records.map(({ priorityRule: _rule, ...rest }) => rest)).toEqual(
		helplines.map((h) => ({ ...simplified(h), priority: priorityList })),
	);
	records.forEach((record, index) => {
		if (!priorityList) return expect(record.priorityRule).toBeUndefined();
		expect(record.priorityRule).toEqual(expect.stringContaining(`${index + 1} of ${helplines.length}`));
		expect(record.priorityRule).toEqual(expect.stringMatching(new RegExp(`show all ${helplines.length}`)));
	});
}
