/**
 * `parsePolicy`: JSON -> validated `Policy`. Decisions:
 * - `Version` is required. AWS defaults a missing Version to `2008-10-17`, under which
 *   `${aws:username}` is literal text; refusing the omission avoids that silent surprise.
 *   Both `2012-10-17` and `2008-10-17` are accepted (the latter with literal `${...}`).
 * - Only `Version`, `Id` and `Statement` at the top level; `Principal` anywhere is refused
 *   (these are identity policies); any unknown key is refused rather than ignored.
 * - Size is checked on the minified document, in UTF-8 bytes, before the grammar.
 */
import { MAX_POLICY_BYTES, POLICY_VERSIONS } from './constants.js';
import { isJsonObject, minifyPolicy } from './minifyPolicy.js';
import type { Policy, PolicyVersion, Statement } from './model.js';
import { parseStatement } from './parseStatement.js';
import { PolicyValidationError } from './policyValidationError.js';

const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);

export function parsePolicy(json: unknown): Policy {
  const document = minifyPolicy(json);
  const bytes = Buffer.byteLength(document, 'utf8');
  if (bytes > MAX_POLICY_BYTES) {
    throw new PolicyValidationError(
      'PolicyTooLarge',
      `the minified document is ${bytes} bytes; the limit is ${MAX_POLICY_BYTES}`,
    );
  }
  // Re-read the minified text so the model describes exactly the document that is stored.
  const value: unknown = JSON.parse(document);
  if (!isJsonObject(value)) throw malformed('a policy document is a JSON object');
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_KEYS.has(key)) throw malformed('is not a policy element', key);
  }
  const version = parseVersion(value['Version']);
  return { version, id: parseId(value['Id']), statements: parseStatements(value['Statement'], version), document };
}

function parseVersion(raw: unknown): PolicyVersion {
  if (raw === undefined) throw malformed(`is required (use "${POLICY_VERSIONS[0]}")`, 'Version');
  const version = POLICY_VERSIONS.find((known) => known === raw);
  if (version === undefined) {
    throw malformed(`${JSON.stringify(raw)} is not one of ${POLICY_VERSIONS.join(', ')}`, 'Version');
  }
  return version;
}

function parseId(raw: unknown): string | undefined {
  if (raw === undefined || typeof raw === 'string') return raw;
  throw malformed('must be a string', 'Id');
}

function parseStatements(raw: unknown, version: PolicyVersion): Statement[] {
  if (raw === undefined) throw malformed('is required', 'Statement');
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw malformed('must not be empty', 'Statement');
  const sids = new Set<string>();
  return list.map((entry: unknown, index) => parseStatement(entry, index, version, sids));
}

function malformed(detail: string, field?: string): PolicyValidationError {
  return new PolicyValidationError('MalformedPolicyDocument', detail, { field });
}
