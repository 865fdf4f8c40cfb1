// @ts-check
'use strict';
/** After every run, passed or failed: the run's temp folder goes (see tempRun.js). */
const { leaveRunTemp } = require('./tempRun');

module.exports = async function globalTeardown() {
	leaveRunTemp();
};
