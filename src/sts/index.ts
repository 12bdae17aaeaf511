/** The AWS STS Query API (`GET /`, `POST /`), served without Express. */
export { createStsHttpHandler, isStsRoute, STS_BODY_LIMIT } from './stsHttpHandler.js';
export { createStsService, handleStsRequest, type StsHttpResponse, type StsService } from './handleStsRequest.js';
export type { StsHttpRequest } from './stsHttpRequest.js';
