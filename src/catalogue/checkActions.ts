/**
 * `Action` / `NotAction` against the catalogue: spelling (errors), then patterns that can never
 * name an S3 request (warnings, `Action` only). Returns the S3 actions the statement covers, and
 * for each S3 pattern of an `Action` the resource types its actions take, for the resource check.
 */
import type { Statement } from '../policy/index.js';
import { tokenizePattern } from '../policy/patternTokens.js';
import { compileMatcher, type VariableSource } from '../policy/wildcardMatcher.js';
import { addAction, complement, emptyActionSet, hasAction, isEmptySet, unionInto, type ActionSet } from './actionSet.js';
import { closestName } from './closestName.js';
import type { FindingSink } from './finding.js';
import { S3_SERVICE, type CatalogueAction, type S3Catalogue } from './s3Catalogue.js';

export interface ActionSubject {
  /** The pattern as written. */
  readonly pattern: string;
  /** Union of the resource-type bits of the actions it matches. */
  readonly resourceTypes: number;
}

export interface StatementActions {
  /** The S3 actions the statement applies to (for `NotAction`, those it does not exclude). */
  readonly actions: ActionSet;
  /** `Action` only: each S3 pattern other than `*` / `s3:*`, with what its actions take. */
  readonly subjects: readonly ActionSubject[];
}

const NO_VARIABLES: VariableSource = { variable: () => undefined };
const WILDCARD = /[*?]/;

export function checkActions(statement: Statement, catalogue: S3Catalogue, sink: FindingSink): StatementActions {
  const { negated, patterns } = statement.action;
  const field = negated ? 'NotAction' : 'Action';
  const matched = emptyActionSet(catalogue.actions.length);
  const subjects: ActionSubject[] = [];
  for (const pattern of patterns) {
    const lower = pattern.toLowerCase();
    if (lower === '*') {
      unionInto(matched, catalogue.allActions);
      continue;
    }
    const colon = lower.indexOf(':');
    const service = colon < 0 ? lower : lower.slice(0, colon);
    if (service !== S3_SERVICE) {
      if (!catalogue.services.has(service)) {
        sink.report(statement, field, 'UnknownService', pattern, `${JSON.stringify(pattern)}: "${service}" is not an AWS service`);
      } else if (!negated) {
        sink.report(statement, field, 'ActionNotForS3', pattern, `${JSON.stringify(pattern)} is an action of ${service}, which no S3 request asks for`);
      }
      continue;
    }
    const own = matchS3Pattern(lower, catalogue);
    if (isEmptySet(own)) reportNoMatch(statement, field, pattern, catalogue, sink);
    unionInto(matched, own);
    if (!negated && lower !== 's3:*' && !isEmptySet(own)) subjects.push({ pattern, resourceTypes: resourceTypesOf(own, catalogue) });
  }
  return { actions: negated ? complement(matched, catalogue.allActions) : matched, subjects };
}

/** The catalogue actions an `s3:` pattern names: a Map lookup, or one matcher over every name. */
function matchS3Pattern(lower: string, catalogue: S3Catalogue): ActionSet {
  const set = emptyActionSet(catalogue.actions.length);
  if (!WILDCARD.test(lower)) {
    const index = catalogue.actionIndex.get(lower);
    if (index !== undefined) addAction(set, index);
    return set;
  }
  const matcher = compileMatcher(tokenizePattern(lower, { wildcards: true, variables: false }));
  const prefix = lower.slice(0, lower.search(WILDCARD));
  const { actions, byName } = catalogue;
  for (let i = firstWithPrefix(prefix, catalogue); i < byName.length; i++) {
    const index = byName[i] as number;
    const name = (actions[index] as CatalogueAction).lower;
    if (!name.startsWith(prefix)) break;
    if (matcher(name, NO_VARIABLES)) addAction(set, index);
  }
  return set;
}

/** Binary search in `byName`: the first action whose name is not below `prefix`. */
function firstWithPrefix(prefix: string, { actions, byName }: S3Catalogue): number {
  let low = 0;
  let high = byName.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((actions[byName[middle] as number] as CatalogueAction).lower < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

function reportNoMatch(statement: Statement, field: 'Action' | 'NotAction', pattern: string, catalogue: S3Catalogue, sink: FindingSink): void {
  if (WILDCARD.test(pattern)) {
    sink.report(statement, field, 'ActionMatchesNothing', pattern, `${JSON.stringify(pattern)} matches no S3 action`);
    return;
  }
  const suggestion = closestName(pattern.toLowerCase(), catalogue.actions.map((action) => action.lower));
  const index = suggestion === undefined ? undefined : catalogue.actionIndex.get(suggestion);
  const hint = index === undefined ? '' : ` (did you mean "s3:${catalogue.actions[index]?.name}"?)`;
  sink.report(statement, field, 'UnknownAction', pattern, `${JSON.stringify(pattern)} is not an S3 action${hint}`);
}

function resourceTypesOf(set: ActionSet, catalogue: S3Catalogue): number {
  let mask = 0;
  catalogue.actions.forEach((action, index) => {
    if (hasAction(set, index)) mask |= action.resourceTypes;
  });
  return mask;
}
