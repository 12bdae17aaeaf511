import { callerArn, isRoleSession, type Caller } from '../auth/caller.js';
import type { CompiledPolicy, EvaluationResult, PolicyCache } from '../policy/index.js';
import type { Revision } from '../store/revisionCounters.js';
import type { PolicyInForce, PrincipalSource } from './principalSource.js';
import { roleOfOwner } from '../store/records.js';
import { principalContext, type PrincipalContext } from './serviceContext.js';

/**
 * Everything the hot path needs about one access key, built once and cached: the caller, the
 * secret to check signatures with (process memory only, never rendered or logged), the
 * compiled policies, the principal's context keys, and the JSON of both answers.
 */
export interface PrincipalEntry {
  readonly caller: Caller;
  /** The records the entry was built from, to tell whether a fresh read changed anything. */
  readonly source: PrincipalSource;
  /** The revision stamp read before the entry was loaded; undefined when the store has none. */
  readonly revision: Revision | undefined;
  readonly loadedAt: number;
  /** Session end (ms); undefined for a permanent key. */
  readonly expiresAt: number | undefined;
  readonly secretKey: string;
  readonly policies: readonly CompiledPolicy[];
  readonly context: PrincipalContext;
  readonly principalJson: string;
  readonly verifyJson: string;
  /** `{"principal":…,"expiration":…,"results":[` — the results and `]}` follow. */
  readonly authorizePrefix: string;
  /** The JSON of a decision, cached per (frozen, per-statement) result object. */
  resultJson(result: EvaluationResult): string;
}

export interface EntryParts {
  readonly source: PrincipalSource;
  readonly secretKey: string;
  readonly revision: Revision | undefined;
  readonly loadedAt: number;
  readonly accountId: string;
  readonly policyCache: PolicyCache;
}

export function buildPrincipalEntry(parts: EntryParts): PrincipalEntry {
  const { source } = parts;
  const caller = callerOf(source);
  const views = new Map<string, StatementView>();
  const compiled = source.policies.map((policy, policyIndex) => {
    const label = policyLabel(policy, policyIndex);
    views.set(label, { source: policy.source, policyIndex, ...(policy.name === undefined ? {} : { name: policy.name }) });
    return parts.policyCache.get(policy.document, label);
  });
  const principalJson = JSON.stringify(principalView(caller, parts.accountId));
  const expiresAt = caller.kind === 'session' ? caller.session.expiresAt : undefined;
  const resultJson = resultRenderer(views);
  return {
    caller,
    source,
    revision: parts.revision,
    loadedAt: parts.loadedAt,
    expiresAt,
    secretKey: parts.secretKey,
    policies: compiled,
    context: principalContext(caller, parts.accountId),
    principalJson,
    verifyJson: verifyJson(principalJson, expiresAt, source.policies),
    authorizePrefix: `{"principal":${principalJson},"expiration":${expirationJson(expiresAt)},"results":[`,
    resultJson,
  };
}

function callerOf(source: PrincipalSource): Caller {
  return source.kind === 'user'
    ? { kind: 'user', accessKeyId: source.accessKeyId, user: source.user }
    : { kind: 'session', accessKeyId: source.accessKeyId, user: source.user, session: source.session };
}

/** A role's session names its role (`user` is `role:<name>`) and, from a web identity, its provider and subject. */
function principalView(caller: Caller, accountId: string) {
  const sessionName = caller.kind === 'session' && isRoleSession(caller.session) ? caller.session.sessionName : null;
  const role = roleOfOwner(caller.user.name);
  const identity = caller.kind === 'session' ? caller.session.webIdentity : undefined;
  return {
    user: caller.user.name,
    accessKeyId: caller.accessKeyId,
    sessionName,
    arn: callerArn(caller, accountId),
    posixUid: caller.user.posixUid ?? null,
    posixGid: caller.user.posixGid ?? null,
    ...(role === undefined ? {} : { role }),
    ...(identity === undefined ? {} : { provider: identity.providerKey, subject: identity.subject }),
  };
}

function expirationJson(expiresAt: number | undefined): string {
  return expiresAt === undefined ? 'null' : JSON.stringify(new Date(expiresAt).toISOString());
}

/** Documents are minified JSON already (validated on write), so they are embedded as they are. */
function verifyJson(principalJson: string, expiresAt: number | undefined, policies: readonly PolicyInForce[]): string {
  const expiration = expirationJson(expiresAt);
  const rendered = policies.map((policy) => {
    const name = policy.name === undefined ? '' : `,"name":${JSON.stringify(policy.name)}`;
    return `{"source":"${policy.source}"${name},"document":${policy.document}}`;
  });
  return `{"valid":true,"principal":${principalJson},"expiration":${expiration},"policies":[${rendered.join(',')}],"combine":"all-must-allow"}`;
}

interface StatementView {
  readonly source: PolicyInForce['source'];
  readonly policyIndex: number;
  readonly name?: string;
}

/**
 * Decisions name their statement's policy by the name it was compiled under, so each policy is
 * compiled under a label saying where it sits: the user's policy by its name (shared by every
 * user it is attached to), a session policy by its position.
 */
function policyLabel(policy: PolicyInForce, policyIndex: number): string {
  return policy.source === 'session' ? `session:${policyIndex}` : `${policy.source}:${policy.name ?? ''}`;
}

/** Decisions are frozen per statement, so their JSON is rendered once; the bound is a safeguard. */
const MAX_RENDERED_RESULTS = 256;

function resultRenderer(views: Map<string, StatementView>): (result: EvaluationResult) => string {
  const rendered = new Map<EvaluationResult, string>();
  return (result) => {
    let json = rendered.get(result);
    if (json === undefined) {
      json = JSON.stringify(resultView(result, views));
      if (rendered.size < MAX_RENDERED_RESULTS) rendered.set(result, json);
    }
    return json;
  };
}

function resultView(result: EvaluationResult, views: Map<string, StatementView>) {
  const ref = result.statement;
  const view = ref?.policy === undefined ? undefined : views.get(ref.policy);
  if (ref === undefined || view === undefined) return { decision: result.decision, reason: result.reason };
  return {
    decision: result.decision,
    reason: result.reason,
    statement: { ...view, ...(ref.sid === undefined ? {} : { sid: ref.sid }), index: ref.index },
  };
}
