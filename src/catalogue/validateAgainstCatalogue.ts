/**
 * `validateAgainstCatalogue`: a parsed policy checked against the S3 catalogue, the way IAM
 * Access Analyzer's ValidatePolicy checks a policy. Errors are documents to refuse (an unknown
 * action or service, a malformed ARN); warnings are documents that are valid but do less than
 * they seem to (patterns matching nothing, resources an action can never meet, condition keys
 * that are never present). Findings come in document order: statement, then Action, Resource,
 * Condition, then the order of the patterns.
 */
import type { Policy } from '../policy/index.js';
import { checkActions } from './checkActions.js';
import { checkConditions } from './checkConditions.js';
import { checkResources } from './checkResources.js';
import { FindingSink, type CatalogueValidation } from './finding.js';
import { s3Catalogue, type S3Catalogue } from './s3Catalogue.js';

export function validateAgainstCatalogue(policy: Policy, catalogue: S3Catalogue = s3Catalogue()): CatalogueValidation {
  const sink = new FindingSink();
  for (const statement of policy.statements) {
    const { actions, subjects } = checkActions(statement, catalogue, sink);
    checkResources(statement, policy.version, subjects, catalogue, sink);
    checkConditions(statement, actions, catalogue, sink);
  }
  return { errors: sink.errors, warnings: sink.warnings };
}
