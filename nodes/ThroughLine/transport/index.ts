export { ThroughLineClient, RETRY_POLICY, CREDENTIAL_NAME } from './client';
export type { ClientOptions, ThroughLineContext } from './client';
export { ThroughLineRequestError, classifyFailure, toNodeApiError } from './errors';
export { listOf, objectOf, anyObject } from './validate';
export * from './api';
