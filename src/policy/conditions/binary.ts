/** BinaryEquals: policy values are base64; request values are base64 too, compared as bytes. */
import type { ConditionOperator, ValueTest } from './types.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The decoded bytes as a latin1 string (cheap to compare), or undefined when not base64. */
export function decodeBase64Value(text: string): string | undefined {
  return text !== '' && BASE64.test(text) ? Buffer.from(text, 'base64').toString('latin1') : undefined;
}

function checkBase64(value: string): string | undefined {
  return decodeBase64Value(value) === undefined ? `${JSON.stringify(value)} is not base64` : undefined;
}

function compileBinary(values: readonly string[]): ValueTest {
  const wanted = new Set(values.map(decodeBase64Value));
  return (requestValue) => {
    const bytes = decodeBase64Value(requestValue);
    return bytes !== undefined && wanted.has(bytes);
  };
}

export const BINARY_OPERATORS: readonly ConditionOperator[] = [
  { name: 'BinaryEquals', kind: 'value', negated: false, variables: false, check: checkBase64, compile: compileBinary },
];
