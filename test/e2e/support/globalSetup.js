// @ts-check
'use strict';
/**
 * Once per end-to-end run: pack the built package exactly as `npm publish` would (the artifact
 * users install) and make sure every n8n version under test is installed. Suites read the
 * results from the environment. Everything lands in the run's temp folder, which the global
 * teardown removes.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n } = require('../../../scripts/n8n');
const { packPackage } = require('../../../scripts/n8n/pack');
const { enterRunTemp } = require('../../harness/tempRun');

/** The n8n versions the suites run on; the first is the current line. */
const VERSIONS = (process.env.THROUGHLINE_E2E_N8N_VERSIONS || '2.41.1,1.123.81').split(',').map((v) => v.trim());

module.exports = async function globalSetup() {
	enterRunTemp(); // first: the packed tarball below and every suite's temp folders go inside it
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-pack-'));
	process.env.THROUGHLINE_E2E_TARBALL = (await packPackage(packDir)).tarball;
	process.env.THROUGHLINE_E2E_N8N_VERSIONS = VERSIONS.join(',');
	for (const version of VERSIONS) {
		await ensureN8n({ version, log: (line) => process.stdout.write(`${line}\n`) });
	}
};
