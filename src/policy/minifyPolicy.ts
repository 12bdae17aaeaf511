import { PolicyValidationError } from './policyValidationError.js';

/**
 * The document as compact JSON: `JSON.stringify` of the parsed input, so key order and string
 * content are kept and only whitespace goes. Accepts JSON text or an already-parsed value.
 */
export function minifyPolicy(json: unknown): string {
  const value = typeof json === 'string' ? parseJsonText(json) : json;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new PolicyValidationError('MalformedPolicyDocument', `the document is not JSON: ${String(cause)}`);
  }
  if (text === undefined) throw new PolicyValidationError('MalformedPolicyDocument', 'the document is not JSON');
  return text;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new PolicyValidationError('MalformedPolicyDocument', `the document is not valid JSON: ${reason}`);
  }
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
