/** Shared by the catalogue tests: validate a document, and reduce findings to comparable rows. */
import { validateAgainstCatalogue, type CatalogueValidation, type Finding } from '../../src/catalogue/index.js';
import { parsePolicy } from '../../src/policy/index.js';

export function validate(document: unknown): CatalogueValidation {
  return validateAgainstCatalogue(parsePolicy(document));
}

/** One statement, `Version` 2012-10-17. */
export function validateStatement(statement: Record<string, unknown>): CatalogueValidation {
  return validate({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', ...statement }] });
}

/** `code field value` per finding: what the tables compare. */
export function rows(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.code} ${finding.field} ${finding.value}`);
}
