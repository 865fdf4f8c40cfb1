export { ThroughLineClient, CREDENTIAL_NAME } from './client';
export type { ClientOptions, ThroughLineContext } from './client';
export { RETRY_POLICY, THROUGHLINE_LIMITS, CLIENT_DEFAULTS } from './limits';
export { ThroughLineRequestError, classifyFailure, toNodeApiError } from './errors';
export { listOf, objectOf, anyObject } from './validate';
export * from './api';
