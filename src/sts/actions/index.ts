import type { Caller } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import type { Params } from '../params.js';
import type { XmlTree } from '../xml.js';
import { assumeRole } from './assumeRole.js';
import { getCallerIdentity } from './getCallerIdentity.js';
import { getSessionToken } from './getSessionToken.js';

export type StsAction = (deps: Deps, caller: Caller, params: Params) => Promise<XmlTree>;

/** The Query API's actions: a table, not a switch. */
export const STS_ACTIONS: Readonly<Record<string, StsAction>> = Object.freeze({
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
  GetSessionToken: getSessionToken,
});

export const STS_VERSION = '2011-06-15';
