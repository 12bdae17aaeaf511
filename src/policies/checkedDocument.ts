import { validateAgainstCatalogue, type Finding } from '../catalogue/index.js';
import { AppError } from '../errors.js';
import { parsedDocument } from './validatedDocument.js';

/** A custom policy as stored, and what the S3 catalogue found suspicious in it. */
export interface CheckedDocument {
  /** The minified document. */
  readonly document: string;
  readonly warnings: readonly Finding[];
}

/**
 * Validation for policies an admin stores, as IAM Access Analyzer's ValidatePolicy does it: the
 * grammar first, then the S3 catalogue. Unknown actions and services and malformed ARNs are
 * errors (MalformedPolicyDocument naming statement and field); patterns that match nothing,
 * resources an action never uses and condition keys that do not apply are warnings.
 */
export function checkedDocument(document: unknown): CheckedDocument {
  const { policy, minified } = parsedDocument(document);
  const { errors, warnings } = validateAgainstCatalogue(policy);
  const first = errors[0];
  if (first !== undefined) {
    throw new AppError('MalformedPolicyDocument', first.message, {
      details: { statement: first.sid ?? `Statement[${first.statement}]`, field: first.field, findings: errors },
    });
  }
  return { document: minified, warnings };
}
