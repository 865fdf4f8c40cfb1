// @ts-check
'use strict';

/**
 * Local ThroughLine-compatible API server for tests and manual runs (dev
 * tooling only, never published). See index.d.ts for the typed API.
 */

const { startServer, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } = require('./server');
const { ROUTE_KEYS } = require('./faults');
const { TOPICS, CONTACT_METHODS } = require('./catalog');
const { DEFAULT_BEHAVIOUR, VARIANTS, parseVariant } = require('./behaviour');
const { DEFAULT_LIMITS } = require('./limits');

module.exports = {
	startServer,
	DEMO_CLIENT_ID,
	DEMO_CLIENT_SECRET,
	ROUTE_KEYS,
	TOPICS,
	CONTACT_METHODS,
	DEFAULT_BEHAVIOUR,
	DEFAULT_LIMITS,
	VARIANTS,
	parseVariant,
};
