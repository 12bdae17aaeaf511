import { AppError } from '../errors.js';
import { minifyPolicy, parsePolicy, PolicyValidationError, type Policy } from '../policy/index.js';

/** Validates a document and returns it minified, mapping validation failures to the API error. */
export function validatedDocument(document: unknown): string {
  return parsedDocument(document).minified;
}

/** The parsed policy and its minified text; validation failures become the API error. */
export function parsedDocument(document: unknown): { policy: Policy; minified: string } {
  try {
    const policy = parsePolicy(document);
    return { policy, minified: minifyPolicy(document) };
  } catch (err) {
    if (err instanceof PolicyValidationError) {
      const statement = err.statement === undefined ? {} : { statement: err.statement };
      const field = err.field === undefined ? {} : { field: err.field };
      throw new AppError(err.code, err.message, { details: { ...statement, ...field } });
    }
    throw err;
  }
}
