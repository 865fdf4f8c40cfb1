// @ts-check
'use strict';
/** The environment every n8n process of one instance runs with: isolated, quiet and offline. */
const path = require('node:path');
const { node24Env } = require('./install');

/**
 * @param {{runtime: {nodeBin: string, version: string}, userFolder: string, encryptionKey: string,
 *   logLevel: string, port: number, brokerPort: number, extraEnv?: Record<string, string>}} o
 * @returns {Record<string, string>}
 */
function buildEnv(o) {
	const base = /** @type {Record<string, string>} */ (node24Env(path.dirname(path.dirname(o.runtime.nodeBin))));
	// Nothing of the caller's n8n setup, and no NODE_OPTIONS from jest or ts-node, leaks in.
	for (const k of Object.keys(base)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|E2E_TESTS$|NODE_OPTIONS$)/.test(k)) delete base[k];
	}
	return {
		...base,
		// jest sets NODE_ENV=test, with which n8n's CLI commands never exit; production as in n8n's image.
		NODE_ENV: 'production',
		// One instance = one folder (.n8n/database.sqlite, .n8n/nodes), one key: CLI and server agree.
		N8N_USER_FOLDER: o.userFolder,
		N8N_ENCRYPTION_KEY: o.encryptionKey,
		DB_TYPE: 'sqlite',
		N8N_LOG_LEVEL: o.logLevel, // `execute` prints its result only at info or more verbose
		N8N_LOG_OUTPUT: 'console',
		// Free ports on loopback, so instances run side by side (the broker's default 5679 clashes).
		N8N_PORT: String(o.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(o.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false', // plain http: otherwise the session cookie is refused
		// Offline and quiet: no telemetry, update checks, templates, banners or license calls.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// Community packages from .n8n/nodes/node_modules load (the defaults, pinned); none are
		// reinstalled from the registry at start.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5', // stop() is quick
		NO_COLOR: '1',
		...(o.runtime.version.startsWith('1.')
			? {
					// 1.x warns unless these are set; the values are 2.x's defaults.
					N8N_RUNNERS_ENABLED: 'true',
					DB_SQLITE_POOL_SIZE: '3',
					N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
					N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
				}
			: {
					N8N_DISABLED_MODULES: 'mcp-registry', // its refresh task calls api.n8n.io (name unknown to 1.x)
					// CLI commands exit without disposing the isolated-vm expression pool, which then
					// segfaults now and then at exit; lazy acquisition avoids a warm idle isolate.
					N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true',
				}),
		...o.extraEnv,
	};
}

module.exports = { buildEnv };
