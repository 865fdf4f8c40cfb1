#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Reads Stryker's JSON report (docs/mutation/report.json), prints the mutation score and the
 * surviving mutants in the code where a surviving mutant would mean real harm, and writes
 * docs/mutation/last-run.md (docs/mutation/summary.md is the curated account of the runs). `node scripts/mutation/summary.js [--report FILE[,FILE...]] [--out FILE]
 * [--seconds N] [--scope TEXT]`.
 */

const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The harms that a test must catch, and where in the code a mutant could cause them. `lines`
 * narrows a file to the lines that take part (matched against the mutated source line).
 */
const HARMS = [
	{ harm: 'the secret sent in a URL or header', files: [/^credentials\//], lines: /secret|client_?id|token|url|header|body|query|https?/i },
	{
		harm: 'a priority list cut by Limit or filters',
		files: [/actions\/helpline\/(search\.operation|searchTarget)\.ts$/, /helpers\/query\.ts$/],
		lines: /priority|limit|filter|extra|slice|RESERVED|MAX_RESULTS/i,
	},
	{ harm: 'an error item on the success output', files: [/actions\/router\.ts$/] },
	{
		harm: 'Retry-After ignored',
		files: [/transport\/(client|errors|retry)\.ts$/, /^credentials\//],
		lines: /retry.?after|delay|wait|sleep/i,
	},
	{
		harm: 'a 429 or 5xx POST retried',
		files: [/transport\/(client|errors|retry)\.ts$/],
		lines: /POST|method|idempot|retr|attempt|status|429|5\d\d|kind/i,
	},
	{
		harm: 'removals reported without confirmation',
		files: [/ThroughLine\/trigger\/(changes|watch|poll)\.ts$/],
		lines: /remov|MAX_RESULTS|limit|length|confirm|shr/i,
	},
	{ harm: 'a snapshot advanced after a failed pull', files: [/ThroughLine\/trigger\/(poll|watch)\.ts$/] },
];

/** @typedef {{status: string, mutatorName: string, replacement?: string, location: {start: {line: number, column: number}, end?: {line: number, column: number}}}} Mutant */

/** @param {string[]} argv */
function parseArgs(argv) {
	/** @type {{report: string, out: string, seconds?: string, scope?: string}} */
	const options = { report: 'docs/mutation/report.json', out: 'docs/mutation/last-run.md', seconds: undefined, scope: undefined };
	for (let i = 0; i < argv.length; i++) {
		const key = /** @type {keyof typeof options} */ (argv[i].replace(/^--/, ''));
		// Own keys only: `key in options` took --toString or --constructor for options.
		if (!Object.hasOwn(options, key)) throw new Error(`unknown option ${argv[i]}`);
		const value = argv[++i];
		if (value === undefined) throw new Error(`${argv[i - 1]} needs a value`);
		options[key] = value;
	}
	return options;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Mutation score as Stryker computes it: detected / (detected + undetected), in percent. */
/** @param {Mutant[]} mutants */
function score(mutants) {
	const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
	const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
	return { detected, valid, percent: valid === 0 ? 100 : (100 * detected) / valid };
}

/** @param {string} source @param {number} line */
function sourceLine(source, line) {
	return (source.split(/\r?\n/)[line - 1] ?? '').trim();
}

/**
 * Which mutant of a file this is, across runs of the same source (Stryker's ids are numbered per
 * run). The end matters: `a || b` has two ConditionalExpression mutants that start at `a`.
 * @param {Mutant} m
 */
const mutantKey = (m) => {
	const { start, end } = m.location;
	return `${start.line}:${start.column}-${end?.line}:${end?.column}:${m.mutatorName}:${m.replacement ?? ''}`;
};

/**
 * Merges reports (one per campaign group, or a group's run and a later run of some of its files
 * with new tests) into one list of files. A mutant that any run detected is detected: every run
 * uses a subset of the suite's tests, so what one subset kills the whole suite kills. A file whose
 * source differs from an earlier report's has changed since: the later report's mutants replace
 * the earlier ones, since the old mutants may no longer exist.
 * @param {Array<{files: Record<string, {source: string, mutants: Mutant[]}>}>} reports
 * @returns {Array<{file: string, source: string, mutants: Mutant[]}>}
 */
function mergeReports(reports) {
	/** @type {Map<string, {file: string, source: string, mutants: Mutant[]}>} */
	const byFile = new Map();
	for (const report of reports) {
		for (const [file, data] of Object.entries(report.files)) {
			const name = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
			const earlier = byFile.get(name);
			if (!earlier || earlier.source !== data.source) {
				byFile.set(name, { file: name, source: data.source, mutants: [...data.mutants] });
				continue;
			}
			const merged = new Map(earlier.mutants.map((m) => [mutantKey(m), m]));
			for (const m of data.mutants) {
				const before = merged.get(mutantKey(m));
				// A run that skipped a mutant (Ignored: --ignoreStatic) says nothing about it.
				if (!before || (!DETECTED.has(before.status) && m.status !== 'Ignored')) merged.set(mutantKey(m), m);
			}
			earlier.mutants = [...merged.values()];
		}
	}
	return [...byFile.values()];
}

function main() {
	const options = parseArgs(process.argv.slice(2));
	const reports = options.report.split(',').map((reportFile) => JSON.parse(readFileSync(path.resolve(ROOT, reportFile.trim()), 'utf8')));
	const files = mergeReports(reports);
	const all = files.flatMap((f) => f.mutants);
	const total = score(all);
	/** @type {Record<string, number>} */
	const counts = {};
	for (const m of all) counts[m.status] = (counts[m.status] ?? 0) + 1;

	const out = [];
	out.push('# Mutation testing summary', '');
	out.push(`Generated ${new Date().toISOString()} by \`npm run test:mutation\` (Stryker, jest-runner, perTest coverage, no type checker).`);
	const tests = process.env.MUTATION_TESTS ?? 'test/nodes/**/*.test.ts, test/credentials/**/*.test.ts';
	if (options.scope) out.push(`Mutated: \`${options.scope}\`. Tests: \`${tests}\`.`);
	out.push('', `**Mutation score: ${total.percent.toFixed(1)} %** (${total.detected} of ${total.valid} mutants detected).`);
	out.push(
		'',
		`Statuses: ${Object.entries(counts)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ')}.`,
	);
	if (options.seconds) {
		const seconds = Number(options.seconds);
		out.push(
			'',
			`Wall time ${(seconds / 60).toFixed(1)} min for ${all.length} mutants: ${(seconds / Math.max(1, all.length)).toFixed(2)} s per mutant.`,
		);
	}
	out.push('', '| file | mutants | detected | survived | no coverage | score |', '|---|---|---|---|---|---|');
	for (const f of files.sort((a, b) => a.file.localeCompare(b.file))) {
		const s = score(f.mutants);
		const by = (/** @type {string} */ status) => f.mutants.filter((m) => m.status === status).length;
		out.push(`| ${f.file} | ${f.mutants.length} | ${s.detected} | ${by('Survived')} | ${by('NoCoverage')} | ${s.percent.toFixed(1)} % |`);
	}

	out.push('', '## Surviving mutants where they would do harm', '');
	out.push(
		'Each must be killed by a test (or shown to be equivalent). Listed: Survived and NoCoverage mutants on the lines that take part in each harm.',
	);
	let harmful = 0;
	for (const area of HARMS) {
		const hits = [];
		for (const f of files) {
			if (!area.files.some((re) => re.test(f.file))) continue;
			for (const m of f.mutants) {
				if (!UNDETECTED.has(m.status)) continue;
				const line = sourceLine(f.source, m.location.start.line);
				if (area.lines && !area.lines.test(line)) continue;
				hits.push(
					`- \`${f.file}:${m.location.start.line}:${m.location.start.column}\` ${m.mutatorName} (${m.status}): \`${line.slice(0, 100)}\` → \`${String(
						m.replacement ?? '',
					)
						.replace(/\s+/g, ' ')
						.slice(0, 80)}\``,
				);
			}
		}
		harmful += hits.length;
		out.push('', `### ${area.harm}: ${hits.length}`, '', ...(hits.length ? hits : ['- none in the mutated files']));
	}
	const text = `${out.join('\n')}\n`;
	writeFileSync(path.resolve(ROOT, options.out), text);
	console.log(
		`Mutation score ${total.percent.toFixed(1)} % (${total.detected}/${total.valid}); ${harmful} surviving mutants in harm-relevant code; see ${options.out}`,
	);
}

if (require.main === module) main();

module.exports = { mergeReports, score };
