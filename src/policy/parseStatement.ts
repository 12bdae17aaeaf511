/** One entry of `Statement`, validated into a typed `Statement`. */
import { ElementProblem } from './elementProblem.js';
import { isJsonObject } from './minifyPolicy.js';
import type { Effect, PatternList, PolicyVersion, Statement } from './model.js';
import { parseConditionBlock } from './parseCondition.js';
import { checkAction, checkResource } from './patternSyntax.js';
import { PolicyValidationError } from './policyValidationError.js';

const STATEMENT_KEYS: ReadonlySet<string> = new Set([
  'Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition',
]);
const SID = /^[A-Za-z0-9]*$/;

export function parseStatement(raw: unknown, index: number, version: PolicyVersion, sids: Set<string>): Statement {
  const position = `Statement[${index}]`;
  if (!isJsonObject(raw)) throw refuse(position, position, new ElementProblem('Statement', 'must be an object'));
  const sid = parseSid(raw['Sid'], position, sids);
  const label = sid ?? position;
  const where = sid === undefined ? position : `${position} (Sid ${JSON.stringify(sid)})`;
  try {
    rejectUnknownKeys(raw);
    return {
      index,
      sid,
      effect: parseEffect(raw['Effect']),
      action: parsePatternList(raw, ['Action', 'NotAction'], checkAction),
      resource: parsePatternList(raw, ['Resource', 'NotResource'], (pattern) => checkResource(pattern, version)),
      conditions: parseConditionBlock(raw['Condition'], version),
    };
  } catch (err) {
    if (err instanceof ElementProblem) throw refuse(label, where, err);
    throw err;
  }
}

/** Sids are alphanumeric and unique in the document; an empty Sid counts as none. */
function parseSid(raw: unknown, position: string, sids: Set<string>): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !SID.test(raw)) {
    throw refuse(position, position, new ElementProblem('Sid', `${JSON.stringify(raw)} is not alphanumeric`));
  }
  if (sids.has(raw)) throw refuse(position, position, new ElementProblem('Sid', `"${raw}" is not unique`));
  sids.add(raw);
  return raw;
}

function rejectUnknownKeys(raw: Record<string, unknown>): void {
  for (const key of Object.keys(raw)) {
    if (key === 'Principal' || key === 'NotPrincipal') {
      throw new ElementProblem(key, 'is not allowed in an identity policy');
    }
    if (!STATEMENT_KEYS.has(key)) throw new ElementProblem(key, 'is not a statement element');
  }
}

function parseEffect(raw: unknown): Effect {
  if (raw === 'Allow' || raw === 'Deny') return raw;
  throw new ElementProblem('Effect', raw === undefined ? 'is required' : `${JSON.stringify(raw)} is not Allow or Deny`);
}

/** Exactly one of `names` must be present: a string or a non-empty array of strings. */
function parsePatternList(
  raw: Record<string, unknown>,
  names: readonly [string, string],
  check: (pattern: string) => string | undefined,
): PatternList {
  const [plain, negatedName] = names;
  const present = names.filter((name) => raw[name] !== undefined);
  if (present.length !== 1) {
    throw new ElementProblem(plain, `a statement needs exactly one of ${plain} or ${negatedName}`);
  }
  const field = present[0] as string;
  const value = raw[field];
  const patterns: unknown[] = Array.isArray(value) ? value : [value];
  if (patterns.length === 0) throw new ElementProblem(field, 'must not be empty');
  for (const pattern of patterns) {
    if (typeof pattern !== 'string') throw new ElementProblem(field, `${JSON.stringify(pattern)} is not a string`);
    const problem = check(pattern);
    if (problem !== undefined) throw new ElementProblem(field, problem);
  }
  return { negated: field === negatedName, patterns: patterns as string[] };
}

function refuse(statement: string, where: string, problem: ElementProblem): PolicyValidationError {
  return new PolicyValidationError('MalformedPolicyDocument', problem.message, { statement, field: problem.field }, where);
}
