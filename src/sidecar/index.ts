/** The sidecar API (`/v1/verify`, `/v1/authorize`) on the S3 hot path, served without Express. */
export { createSidecarHandler, SIDECAR_DEFAULTS, type SidecarOptions, type SidecarRoute } from './sidecarHandler.js';
export { SidecarService, DEFAULT_CACHE, type SidecarCacheOptions } from './sidecarService.js';
export { SERVICE_KEYS } from './serviceContext.js';
export type * from './apiTypes.js';
