/**
 * Forgiving comparison of what a person or a model typed with ThroughLine's own names:
 * case, accents, punctuation, "&"/"and" and a leading "the" do not matter.
 */
export function comparable(value: string): string {
	return value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()
		.replace(/^the /, '');
}

/** Levenshtein distance: insertions, deletions and substitutions each cost one. */
export function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
		}
		previous = current;
	}
	return previous[b.length];
}

export interface Candidate {
	/** What the error shows, e.g. "New Zealand (NZ)". */
	label: string;
	/** The texts the input is compared with, e.g. the name and the code. */
	keys: string[];
}

/**
 * How far `input` is from `key`: the closest of the whole key, its start ("suicide" is one
 * letter from "suicida|l thoughts") and each of its words ("zeland" → "New Zealand"), so that
 * what people type short still finds its entry.
 */
function closeness(wanted: string, key: string): number {
	const target = comparable(key);
	const parts = [target, target.slice(0, wanted.length), ...target.split(' ')];
	return Math.min(...parts.map((part) => editDistance(wanted, part)));
}

/** The `count` candidates closest to `input`, closest first; ties keep the list's order. */
export function nearest(input: string, candidates: Candidate[], count = 5): string[] {
	const wanted = comparable(input);
	return (
		candidates
			.map((candidate) => ({ candidate, distance: Math.min(...candidate.keys.map((key) => closeness(wanted, key))) }))
			// Array.prototype.sort is stable (ES2019): equally near candidates keep the list's order.
			.sort((a, b) => a.distance - b.distance)
			.slice(0, count)
			.map(({ candidate }) => candidate.label)
	);
}
