export * from './claims.js';
export { issueToken } from './issueToken.js';
export { signingRing, verifyToken } from './verifyToken.js';
export { sessionSecretKey } from './sessionSecret.js';
