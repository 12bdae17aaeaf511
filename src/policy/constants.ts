import type { PolicyVersion } from './model.js';

/** Limit on a document's minified size, in UTF-8 bytes (the service's policy size limit). */
export const MAX_POLICY_BYTES = 2048;

export const POLICY_VERSIONS: readonly PolicyVersion[] = ['2012-10-17', '2008-10-17'];

export const CURRENT_POLICY_VERSION: PolicyVersion = '2012-10-17';
