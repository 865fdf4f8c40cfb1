// @ts-check
'use strict';
/** Once per fast-suite run: one temp folder for the run (see tempRun.js). */
const { enterRunTemp } = require('./tempRun');

module.exports = async function globalSetup() {
	enterRunTemp();
};
