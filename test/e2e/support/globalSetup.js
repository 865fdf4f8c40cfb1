// @ts-check
'use strict';
/**
 * Once per end-to-end run: pack the built package exactly as `npm publish` would (the artifact
 * users install) and make sure every n8n version under test is installed. Suites read the
 * results from the environment. Everything lands in the run's temp folder, which the global
 * teardown removes.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n } = require('../../../scripts/n8n');
const { enterRunTemp } = require('../../harness/tempRun');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The n8n versions the suites run on; the first is the current line. */
const VERSIONS = (process.env.THROUGHLINE_E2E_N8N_VERSIONS || '2.41.1,1.123.81').split(',').map((v) => v.trim());

module.exports = async function globalSetup() {
	enterRunTemp(); // first: the packed tarball below and every suite's temp folders go inside it
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes'))) {
		throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
	}
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-pack-'));
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }),
	);
	process.env.THROUGHLINE_E2E_TARBALL = path.join(packDir, packed.filename);
	process.env.THROUGHLINE_E2E_N8N_VERSIONS = VERSIONS.join(',');
	for (const version of VERSIONS) {
		await ensureN8n({ version, log: (line) => process.stdout.write(`${line}\n`) });
	}
};
