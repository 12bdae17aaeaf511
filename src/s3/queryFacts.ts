/**
 * The query parameters that decide the operation and feed condition keys, found in one pass
 * over the raw query. A subresource given twice, or two subresources, make the query ambiguous;
 * a parameter nobody knows makes it unknown: both end as `unknown-operation`.
 */
import type { QueryPair } from '../sigv4/queryPairs.js';
import { AMZ_PREFIX, PLAIN_PARAMETERS } from './constants.js';
import { decodeComponent } from './decodeComponent.js';
import { ROWS_BY_SUBRESOURCE } from './operationTable.js';
import type { S3UnknownReason } from './types.js';

export interface QueryFacts {
  /** The subresource key present, '' for none. */
  subresource: string;
  /** Its value (`list-type=2` -> '2'). */
  subresourceValue: string;
  versionId: string | undefined;
  partNumber: string | undefined;
  id: string | undefined;
  annotationName: string | undefined;
  selectType: string | undefined;
  prefix: string | undefined;
  delimiter: string | undefined;
  maxKeys: string | undefined;
  annotationPrefix: string | undefined;
  maxAnnotationResults: string | undefined;
  /** `x-amz-*` parameters by lower-case name: a presigned URL carries headers here. */
  amz: Record<string, string> | undefined;
  problem: S3UnknownReason | undefined;
}

type ValueField = Exclude<keyof QueryFacts, 'subresource' | 'subresourceValue' | 'amz' | 'problem'>;

const VALUE_FIELDS: ReadonlyMap<string, ValueField> = new Map<string, ValueField>([
  ['versionId', 'versionId'],
  ['partNumber', 'partNumber'],
  ['id', 'id'],
  ['annotationName', 'annotationName'],
  ['select-type', 'selectType'],
  ['prefix', 'prefix'],
  ['delimiter', 'delimiter'],
  ['max-keys', 'maxKeys'],
  ['annotation-prefix', 'annotationPrefix'],
  ['max-annotation-results', 'maxAnnotationResults'],
]);

export function queryFacts(query: string | readonly QueryPair[]): QueryFacts {
  const facts: QueryFacts = {
    subresource: '', subresourceValue: '', versionId: undefined, partNumber: undefined, id: undefined,
    annotationName: undefined, selectType: undefined, prefix: undefined, delimiter: undefined, maxKeys: undefined,
    annotationPrefix: undefined, maxAnnotationResults: undefined, amz: undefined, problem: undefined,
  };
  if (typeof query !== 'string') {
    for (const pair of query) if (!record(facts, pair.key, pair.value)) break;
    return facts;
  }
  let start = 0;
  while (start <= query.length && query !== '') {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start && !recordRaw(facts, query, start, end)) break;
    start = end + 1;
  }
  return facts;
}

function recordRaw(facts: QueryFacts, query: string, start: number, end: number): boolean {
  const eq = query.indexOf('=', start);
  const hasValue = eq >= 0 && eq < end;
  const key = decodeComponent(query.slice(start, hasValue ? eq : end), true);
  const value = hasValue ? decodeComponent(query.slice(eq + 1, end), true) : '';
  if (key === undefined || value === undefined) {
    facts.problem = 'malformed-query';
    return false;
  }
  return record(facts, key, value);
}

/** Files one decoded parameter; false (with `facts.problem` set) stops the scan. */
function record(facts: QueryFacts, key: string, value: string): boolean {
  const field = VALUE_FIELDS.get(key);
  if (field !== undefined) {
    if (facts[field] !== undefined) return fail(facts, 'ambiguous-query');
    facts[field] = value;
    return true;
  }
  if (ROWS_BY_SUBRESOURCE.has(key) && key !== '') {
    if (facts.subresource !== '') return fail(facts, 'ambiguous-query');
    facts.subresource = key;
    facts.subresourceValue = value;
    return true;
  }
  if (PLAIN_PARAMETERS.has(key)) return true;
  if (key.length > AMZ_PREFIX.length && key.slice(0, AMZ_PREFIX.length).toLowerCase() === AMZ_PREFIX) {
    const name = key.toLowerCase();
    facts.amz ??= {};
    if (Object.hasOwn(facts.amz, name)) return fail(facts, 'ambiguous-query');
    facts.amz[name] = value;
    return true;
  }
  return fail(facts, 'unknown-parameter');
}

function fail(facts: QueryFacts, reason: S3UnknownReason): false {
  facts.problem = reason;
  return false;
}
