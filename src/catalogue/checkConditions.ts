/**
 * `Condition` keys against the catalogue: a global key always applies; an S3 key must apply to
 * at least one of the statement's S3 actions (its own keys or its resource types'); anything else
 * is unknown. Operators need no check here: `parsePolicy` refuses unknown ones.
 */
import type { Statement } from '../policy/index.js';
import { intersects, type ActionSet } from './actionSet.js';
import type { FindingSink } from './finding.js';
import type { S3Catalogue } from './s3Catalogue.js';

export function checkConditions(statement: Statement, actions: ActionSet, catalogue: S3Catalogue, sink: FindingSink): void {
  const seen = new Set<string>();
  for (const { key, operator } of statement.conditions) {
    const lower = key.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    if (catalogue.globalConditionKeys.get(key) !== undefined) continue;
    const appliesTo = catalogue.conditionKeys.get(key);
    const where = `${operator} ${JSON.stringify(key)}`;
    if (appliesTo === undefined) {
      sink.report(statement, 'Condition', 'UnknownConditionKey', key, `${where}: not a global condition key nor an S3 one`);
    } else if (!intersects(appliesTo, actions)) {
      sink.report(statement, 'Condition', 'ConditionKeyNotApplicable', key,
        `${where}: no action of this statement supplies the key, so it is never present`);
    }
  }
}
