/** The AWS STS Query API (`GET /`, `POST /`): a framework-free handler and its Express route. */
export { createStsRoute, STS_BODY_LIMIT } from './stsRoute.js';
export { createStsService, handleStsRequest, type StsHttpResponse, type StsService } from './handleStsRequest.js';
export type { StsHttpRequest } from './stsHttpRequest.js';
