/**
 * Merging mutation reports (scripts/mutation/summary.js): the campaign's groups, and a group's run
 * followed by a run of some of its files against new tests. Every run uses a subset of the suite,
 * so a mutant any run detected counts as detected; a file whose code changed since counts from the
 * later run only (its old mutants may be gone).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { mergeReports, score } = require('../../scripts/mutation/summary') as {
	mergeReports: (reports: unknown[]) => Array<{ file: string; source: string; mutants: Mutant[] }>;
	score: (mutants: Mutant[]) => { detected: number; valid: number; percent: number };
};

interface Mutant {
	status: string;
	mutatorName: string;
	replacement?: string;
	location: { start: { line: number; column: number }; end?: { line: number; column: number } };
}

const mutant = (line: number, status: string, mutatorName = 'EqualityOperator', replacement = 'a <= b'): Mutant => ({
	status,
	mutatorName,
	replacement,
	location: { start: { line, column: 3 }, end: { line, column: 9 } },
});
const report = (files: Record<string, { source: string; mutants: Mutant[] }>) => ({ files });
const statuses = (file: { mutants: Mutant[] }) => file.mutants.map((m) => `${m.location.start.line}:${m.status}`).sort();

test('a mutant killed by a later run with new tests counts as killed; one killed before stays killed', () => {
	const group = report({ 'nodes/a.ts': { source: 'v1', mutants: [mutant(1, 'Survived'), mutant(2, 'Killed'), mutant(3, 'NoCoverage')] } });
	const rerun = report({ 'nodes/a.ts': { source: 'v1', mutants: [mutant(1, 'Killed'), mutant(2, 'Survived')] } });
	const [merged] = mergeReports([group, rerun]);
	expect(statuses(merged)).toEqual(['1:Killed', '2:Killed', '3:NoCoverage']);
	expect(score(merged.mutants)).toEqual({ detected: 2, valid: 3, percent: (100 * 2) / 3 });
});

test('a later run that skipped a mutant (--ignoreStatic) leaves what an earlier run found', () => {
	const staticPass = report({ 'nodes/a.ts': { source: 'v1', mutants: [mutant(1, 'Survived'), mutant(2, 'Ignored')] } });
	const rerun = report({ 'nodes/a.ts': { source: 'v1', mutants: [mutant(1, 'Ignored'), mutant(2, 'Survived')] } });
	expect(statuses(mergeReports([staticPass, rerun])[0])).toEqual(['1:Survived', '2:Survived']);
});

test('mutants on the same line with different replacements are different mutants', () => {
	const group = report({ 'nodes/a.ts': { source: 'v1', mutants: [mutant(1, 'Killed', 'EqualityOperator', 'a <= b')] } });
	const rerun = report({ 'nodes/a.ts': { source: 'v1', mutants: [mutant(1, 'Survived', 'EqualityOperator', 'a >= b')] } });
	expect(mergeReports([group, rerun])[0].mutants).toHaveLength(2);
});

test('two mutants that start at the same place but end elsewhere (the halves of a || b) stay two', () => {
	const whole = mutant(1, 'Survived', 'ConditionalExpression', 'false');
	const left = {
		...mutant(1, 'Killed', 'ConditionalExpression', 'false'),
		location: { start: { line: 1, column: 3 }, end: { line: 1, column: 5 } },
	};
	const group = report({ 'nodes/a.ts': { source: 'v1', mutants: [whole, left] } });
	const [merged] = mergeReports([group, group]);
	expect(merged.mutants).toHaveLength(2);
	expect(score(merged.mutants).detected).toBe(1);
});

test('a file whose code changed counts from the later run only', () => {
	const group = report({ 'nodes/a.ts': { source: 'v1', mutants: [mutant(1, 'Killed'), mutant(2, 'Killed')] } });
	const rerun = report({ 'nodes/a.ts': { source: 'v2', mutants: [mutant(1, 'Survived')] } });
	const [merged] = mergeReports([group, rerun]);
	expect(merged.source).toBe('v2');
	expect(statuses(merged)).toEqual(['1:Survived']);
});

test("the groups' files are kept side by side, each once", () => {
	const merged = mergeReports([
		report({ 'nodes/a.ts': { source: 'a', mutants: [mutant(1, 'Killed')] } }),
		report({ 'credentials/b.ts': { source: 'b', mutants: [mutant(1, 'Survived')] } }),
	]);
	expect(merged.map((f) => f.file).sort()).toEqual(['credentials/b.ts', 'nodes/a.ts']);
	expect(score(merged.flatMap((f) => f.mutants)).percent).toBe(50);
});

test('ignored and erroring mutants count on neither side of the score', () => {
	expect(
		score([mutant(1, 'Killed'), mutant(2, 'Timeout'), mutant(3, 'Survived'), mutant(4, 'Ignored'), mutant(5, 'RuntimeError')]),
	).toEqual({
		detected: 2,
		valid: 3,
		percent: (100 * 2) / 3,
	});
});
