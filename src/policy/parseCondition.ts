/**
 * `Condition`: `{ operator: { key: value | [values] } }`. Operators come from the registry;
 * every value is checked by its operator (CIDRs parse, dates parse, ...) and kept as a string.
 */
import { parseOperatorName } from './conditions/registry.js';
import { ElementProblem } from './elementProblem.js';
import { isJsonObject } from './minifyPolicy.js';
import type { ConditionClause, PolicyVersion } from './model.js';

const FIELD = 'Condition';
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export function parseConditionBlock(raw: unknown, version: PolicyVersion): ConditionClause[] {
  if (raw === undefined) return [];
  if (!isJsonObject(raw)) throw new ElementProblem(FIELD, 'must be an object of operators');
  const clauses: ConditionClause[] = [];
  for (const [written, block] of Object.entries(raw)) {
    const name = parseOperatorName(written);
    if (typeof name === 'string') throw new ElementProblem(FIELD, name);
    if (!isJsonObject(block) || Object.keys(block).length === 0) {
      throw new ElementProblem(FIELD, `${written} must be a non-empty object of condition keys`);
    }
    for (const [key, value] of Object.entries(block)) {
      const where = `${written} ${JSON.stringify(key)}`;
      if (key === '' || CONTROL_CHARS.test(key)) throw new ElementProblem(FIELD, `${where} is not a valid key`);
      const values = conditionValues(value, where);
      for (const text of values) {
        const problem = name.operator.check(text, version);
        if (problem !== undefined) throw new ElementProblem(FIELD, `${where}: ${problem}`);
      }
      clauses.push({ operator: written, key, values });
    }
  }
  return clauses;
}

/** A string, number or boolean, or a non-empty array of them; all as strings. */
function conditionValues(raw: unknown, where: string): string[] {
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw new ElementProblem(FIELD, `${where} has no values`);
  return list.map((value) => {
    if (typeof value === 'string' || typeof value === 'boolean') return String(value);
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    throw new ElementProblem(FIELD, `${where}: values must be strings, numbers or booleans`);
  });
}
