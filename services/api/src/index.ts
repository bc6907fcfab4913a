/**
 * @packageDocumentation
 * The REST API under `/api/v1`: bearer-token auth with roles, the device inventory, API tokens,
 * credential profiles, job submission, reading and control. `createApi(deps)` builds the
 * express app; `src/main.ts` is the standalone composition root.
 */
export { createApi, API_BASE } from './create-api';
export type { ApiDeps, ApiLimits } from './api-deps';
export { ApiHttpError, ApiErrorCode, type ApiHttpErrorOptions } from './errors';
export { PRODUCTION_ROLE } from './routes/job-submit-route';
export { REQUEST_ID_HEADER } from './request-id';
export { webUiRoutes, uiConfigRoute, type WebUiOptions } from './web-ui';
