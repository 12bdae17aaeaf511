/**
 * The `Principal` of a role trust statement. The policy engine refuses `Principal` (it
 * evaluates identity policies), so trust statements keep theirs here and it is matched before
 * the engine sees the rest of the statement. Only what AWS accepts in a role trust policy:
 * `"*"`, or an object of `AWS`, `Federated`, `Service`, `CanonicalUser`, each a string or a
 * non-empty list of strings. Wildcards other than a whole `"*"` are literal text, as in AWS.
 */
import { ElementProblem } from '../policy/elementProblem.js';
import { isJsonObject } from '../policy/minifyPolicy.js';

export interface TrustPrincipal {
  /** `"*"` or `{"AWS": "*"}`: anyone (still subject to the statement's conditions). */
  readonly anyone: boolean;
  /** `Federated` entries: an OIDC provider ARN or a provider key (issuer without scheme). */
  readonly federated: ReadonlySet<string>;
}

/** The identity provider a web identity caller authenticated with. */
export interface FederatedCaller {
  readonly arn: string;
  readonly key: string;
}

const PRINCIPAL_TYPES: ReadonlySet<string> = new Set(['AWS', 'Federated', 'Service', 'CanonicalUser']);
const FIELD = 'Principal';

export function parseTrustPrincipal(raw: unknown): TrustPrincipal {
  if (raw === undefined) throw new ElementProblem(FIELD, 'is required in a trust policy');
  if (raw === '*') return { anyone: true, federated: new Set() };
  if (!isJsonObject(raw) || Object.keys(raw).length === 0) {
    throw new ElementProblem(FIELD, 'must be "*" or an object of AWS, Federated, Service or CanonicalUser');
  }
  let anyone = false;
  let federated: readonly string[] = [];
  for (const [type, value] of Object.entries(raw)) {
    if (!PRINCIPAL_TYPES.has(type)) throw new ElementProblem(FIELD, `${JSON.stringify(type)} is not a principal type`);
    const names = principalNames(type, value);
    if (type === 'AWS' && names.includes('*')) anyone = true;
    if (type === 'Federated') federated = names;
  }
  return { anyone, federated: new Set(federated) };
}

export function principalMatches(principal: TrustPrincipal, caller: FederatedCaller): boolean {
  return principal.anyone || principal.federated.has(caller.arn) || principal.federated.has(caller.key);
}

function principalNames(type: string, value: unknown): string[] {
  const names: unknown[] = Array.isArray(value) ? value : [value];
  if (names.length === 0) throw new ElementProblem(FIELD, `${type} must not be empty`);
  for (const name of names) {
    if (typeof name !== 'string' || name === '') throw new ElementProblem(FIELD, `${type} entries must be non-empty strings`);
  }
  return names as string[];
}
