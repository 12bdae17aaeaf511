export * from './claims.js';
export { issueToken } from './issueToken.js';
export { verifyToken } from './verifyToken.js';
export { sessionSecretKey } from './sessionSecret.js';
