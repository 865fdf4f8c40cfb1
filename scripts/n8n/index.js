// @ts-check
'use strict';
/**
 * A real n8n for end-to-end tests and scripts: install.js (ensureN8n, installPackage),
 * instance.js (N8nInstance), env.js (the env it runs with), proc.js (processes without orphans).
 */
const install = require('./install');
const instance = require('./instance');

module.exports = {
	ensureN8n: install.ensureN8n,
	installPackage: install.installPackage,
	cacheRoot: install.cacheRoot,
	SUPPORTED_VERSIONS: install.SUPPORTED_VERSIONS,
	N8nInstance: instance.N8nInstance,
	parseExecuteOutput: instance.parseExecuteOutput,
	freePort: require('./proc').freePort,
	buildEnv: require('./env').buildEnv,
};
