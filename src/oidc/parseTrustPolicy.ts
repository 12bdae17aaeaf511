/**
 * `parseTrustPolicy`: a role's trust policy, validated once and compiled. The project's policy
 * engine evaluates identity policies and rightly refuses `Principal`; a trust statement is an
 * identity-policy statement plus a `Principal` and minus `Resource`. So each statement's
 * `Principal` is taken out and parsed here (`trustPrincipal.ts`), and the rest goes through the
 * engine's own parser as a synthetic document with `Resource: "*"` (the statement applies to
 * the role it is attached to): `Version`, `Effect`, `Action`, `Condition` operators and values
 * get exactly the validation and semantics of every other policy. Statement order is kept, so
 * errors and decisions name the statement as written.
 */
import { ElementProblem } from '../policy/elementProblem.js';
import { isJsonObject, minifyPolicy } from '../policy/minifyPolicy.js';
import {
  compilePolicy, parsePolicy, PolicyValidationError, type CompiledPolicy, type Effect, type PolicyVersion, type StatementRef,
} from '../policy/index.js';
import { parseTrustPrincipal, type TrustPrincipal } from './trustPrincipal.js';

/** AWS's default limit on a role trust policy, applied to the minified document. */
export const MAX_TRUST_POLICY_BYTES = 2048;

export interface TrustStatement {
  readonly effect: Effect;
  readonly ref: StatementRef;
  readonly principal: TrustPrincipal;
  /** The statement without its Principal, as a one-statement policy for `evaluateOne`. */
  readonly policy: CompiledPolicy;
}

export interface TrustPolicy {
  /** The trust document as written, minified. */
  readonly document: string;
  readonly version: PolicyVersion;
  readonly statements: readonly TrustStatement[];
}

const NOT_IN_TRUST_POLICY = ['NotPrincipal', 'Resource', 'NotResource'] as const;

export function parseTrustPolicy(json: unknown): TrustPolicy {
  const document = minifyPolicy(json);
  const bytes = Buffer.byteLength(document, 'utf8');
  if (bytes > MAX_TRUST_POLICY_BYTES) {
    throw new PolicyValidationError('PolicyTooLarge', `the minified trust policy is ${bytes} bytes; the limit is ${MAX_TRUST_POLICY_BYTES}`);
  }
  const value: unknown = JSON.parse(document);
  if (!isJsonObject(value)) throw new PolicyValidationError('MalformedPolicyDocument', 'a trust policy is a JSON object');
  const raw = value['Statement'];
  const entries: unknown[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const principals = entries.map(principalOf);
  const synthetic = { ...value, Statement: Array.isArray(raw) || raw === undefined ? entries.map(withoutPrincipal) : withoutPrincipal(raw) };
  // The engine validates everything else and reports the statement at fault by its position.
  const policy = parsePolicy(synthetic);
  const statements = policy.statements.map((statement) => {
    const compiled = compilePolicy({ ...policy, statements: [statement] });
    return Object.freeze({
      effect: statement.effect,
      ref: statementRefOf(statement.sid, statement.index),
      principal: principals[statement.index] as TrustPrincipal,
      policy: compiled,
    });
  });
  return Object.freeze({ document, version: policy.version, statements: Object.freeze(statements) });
}

function principalOf(entry: unknown, index: number): TrustPrincipal | undefined {
  if (!isJsonObject(entry)) return undefined; // the engine reports it
  const position = `Statement[${index}]`;
  const sid = typeof entry['Sid'] === 'string' && entry['Sid'] !== '' ? entry['Sid'] : undefined;
  try {
    for (const field of NOT_IN_TRUST_POLICY) {
      if (entry[field] !== undefined) throw new ElementProblem(field, 'is not allowed in a trust policy');
    }
    return parseTrustPrincipal(entry['Principal']);
  } catch (err) {
    if (!(err instanceof ElementProblem)) throw err;
    const where = sid === undefined ? position : `${position} (Sid ${JSON.stringify(sid)})`;
    throw new PolicyValidationError('MalformedPolicyDocument', err.message, { statement: sid ?? position, field: err.field }, where);
  }
}

function withoutPrincipal(entry: unknown): unknown {
  if (!isJsonObject(entry)) return entry;
  const { Principal: _principal, ...rest } = entry;
  return { ...rest, Resource: '*' };
}

function statementRefOf(sid: string | undefined, index: number): StatementRef {
  return Object.freeze({ ...(sid === undefined ? {} : { sid }), index });
}
