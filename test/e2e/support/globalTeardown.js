// @ts-check
'use strict';
/**
 * After every end-to-end run, passed or failed: the run's temp folder goes, with the packed
 * tarball and every n8n user folder, registry and scratch folder a suite left (see test/harness/tempRun.js).
 */
const { leaveRunTemp } = require('../../harness/tempRun');

module.exports = async function globalTeardown() {
	leaveRunTemp();
};
