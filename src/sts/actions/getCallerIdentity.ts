import { callerArn, callerUserId, type Caller } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { rejectUnknown, type Params } from '../params.js';
import type { XmlTree } from '../xml.js';

/** Always allowed, as in AWS: it only tells callers who they are. */
export async function getCallerIdentity(deps: Deps, caller: Caller, params: Params): Promise<XmlTree> {
  rejectUnknown(params, 'GetCallerIdentity', () => false);
  return { Arn: callerArn(caller, deps.config.accountId), UserId: callerUserId(caller), Account: deps.config.accountId };
}
