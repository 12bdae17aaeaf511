/**
 * The query parameters that decide the operation and feed condition keys, found in one pass
 * over the raw query; names are looked up by first character and length. A subresource given twice, or two
 * subresources, make the query ambiguous; a parameter nobody knows makes it unknown: both end
 * as `unknown-operation`. Names are decoded; values only when the classifier reads them
 * (paging tokens and signature parts are passed over undecoded).
 */
import type { QueryPair } from '../sigv4/queryPairs.js';
import { AMZ_PREFIX, PLAIN_PARAMETERS, READ_AMZ_PARAMETERS } from './constants.js';
import { decodeComponent } from './decodeComponent.js';
import { ROWS_BY_SUBRESOURCE } from './operationTable.js';
import type { S3UnknownReason } from './types.js';

/** Positions in `QueryFacts.values` of the parameters read by value. */
/** Parameter names of the slots. */
const SLOT_NAMES = {
  versionId: 'versionId',
  partNumber: 'partNumber',
  id: 'id',
  annotationName: 'annotationName',
  selectType: 'select-type',
  prefix: 'prefix',
  delimiter: 'delimiter',
  maxKeys: 'max-keys',
  annotationPrefix: 'annotation-prefix',
  maxAnnotationResults: 'max-annotation-results',
} as const;

export const SLOT = {
  versionId: 0,
  partNumber: 1,
  id: 2,
  annotationName: 3,
  selectType: 4,
  prefix: 5,
  delimiter: 6,
  maxKeys: 7,
  annotationPrefix: 8,
  maxAnnotationResults: 9,
} as const;

const SUBRESOURCE = 10;
const PLAIN = 11;
/** An `x-amz-*` parameter the classifier reads. */
const AMZ = 12;

interface KnownParameter {
  readonly name: string;
  /** A `SLOT`, `SUBRESOURCE`, `PLAIN` or `AMZ`. */
  readonly kind: number;
  /** For `AMZ`: the lower-case header name. */
  readonly header: string;
}

export interface QueryFacts {
  /** The subresource key present, '' for none. */
  subresource: string;
  /** Its value (`list-type=2` -> '2'). */
  subresourceValue: string;
  /** Decoded values by `SLOT`. */
  readonly values: (string | undefined)[];
  /** The `x-amz-*` parameters the classifier reads, by lower-case name: presigned URLs carry headers here. */
  amz: Record<string, string> | undefined;
  problem: S3UnknownReason | undefined;
}

/** The standard presigned parameters, in the spelling signers use. */
const PRESIGN_PARAMETERS = ['X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token'];

const KNOWN_PARAMETERS: readonly KnownParameter[] = [
  ...Object.entries(SLOT).map(([field, slot]) => ({ name: SLOT_NAMES[field as keyof typeof SLOT], kind: slot, header: '' })),
  ...[...ROWS_BY_SUBRESOURCE.keys()].filter((name) => name !== '').map((name) => ({ name, kind: SUBRESOURCE, header: '' })),
  ...[...PLAIN_PARAMETERS, ...PRESIGN_PARAMETERS].map((name) => ({ name, kind: PLAIN, header: '' })),
  ...[...READ_AMZ_PARAMETERS].map((name) => ({ name, kind: AMZ, header: name })),
  { name: 'X-Amz-Algorithm', kind: AMZ, header: 'x-amz-algorithm' },
];

const BY_NAME: ReadonlyMap<string, KnownParameter> = new Map(KNOWN_PARAMETERS.map((known) => [known.name, known]));

/** Known names by first character and length: a raw name is matched without hashing it. */
const MAX_NAME_LENGTH = 64;
const BY_FIRST_CHAR_AND_LENGTH: readonly (readonly KnownParameter[] | undefined)[] = indexByFirstCharAndLength(KNOWN_PARAMETERS);

function indexByFirstCharAndLength(parameters: readonly KnownParameter[]): (KnownParameter[] | undefined)[] {
  const index: (KnownParameter[] | undefined)[] = new Array<KnownParameter[] | undefined>(128 * MAX_NAME_LENGTH).fill(undefined);
  for (const known of parameters) {
    const at = known.name.charCodeAt(0) * MAX_NAME_LENGTH + known.name.length;
    (index[at] ??= []).push(known);
  }
  return index;
}

export function queryFacts(query: string | readonly QueryPair[]): QueryFacts {
  const facts: QueryFacts = {
    subresource: '',
    subresourceValue: '',
    values: [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined],
    amz: undefined,
    problem: undefined,
  };
  if (typeof query !== 'string') {
    for (const pair of query) {
      const known = findByName(facts, pair.key);
      if (known === undefined ? facts.problem !== undefined : !record(facts, known, pair.value)) break;
    }
    return facts;
  }
  let start = 0;
  while (start < query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start && !recordRaw(facts, query, start, end)) break;
    start = end + 1;
  }
  return facts;
}

function recordRaw(facts: QueryFacts, query: string, start: number, end: number): boolean {
  let eq = query.indexOf('=', start);
  if (eq < 0 || eq > end) eq = end;
  const known = findInPlace(query, start, eq) ?? findDecoded(facts, query.slice(start, eq));
  if (known === undefined) return facts.problem === undefined;
  if (known.kind === PLAIN) return true;
  const value = decodeComponent(eq === end ? '' : query.slice(eq + 1, end), true);
  if (value === undefined) return fail(facts, 'malformed-query');
  return record(facts, known, value);
}

function findInPlace(query: string, start: number, end: number): KnownParameter | undefined {
  const length = end - start;
  const first = query.charCodeAt(start);
  if (length >= MAX_NAME_LENGTH || first >= 128) return undefined;
  const candidates = BY_FIRST_CHAR_AND_LENGTH[first * MAX_NAME_LENGTH + length];
  if (candidates === undefined) return undefined;
  // Only names of this first character and length are sliced; slice and === measured faster than startsWith(name, start).
  const name = query.slice(start, end);
  for (const known of candidates) if (known.name === name) return known;
  return undefined;
}

/**
 * The slow path: a name written with escapes, or an `x-amz-*` name in another case. Undefined
 * either for a name to pass over (an unread `x-amz-*`) or with `facts.problem` set.
 */
function findDecoded(facts: QueryFacts, rawName: string): KnownParameter | undefined {
  const name = decodeComponent(rawName, true);
  return name === undefined ? failWith(facts, 'malformed-query') : findByName(facts, name);
}

function findByName(facts: QueryFacts, name: string): KnownParameter | undefined {
  const known = BY_NAME.get(name);
  if (known !== undefined) return known;
  if (name.length <= AMZ_PREFIX.length || name.slice(0, AMZ_PREFIX.length).toLowerCase() !== AMZ_PREFIX) return failWith(facts, 'unknown-parameter');
  const header = name.toLowerCase();
  return READ_AMZ_PARAMETERS.has(header) ? { name, kind: AMZ, header } : undefined;
}

/** Files one decoded parameter; false, with `facts.problem` set, stops the scan. */
function record(facts: QueryFacts, known: KnownParameter, value: string): boolean {
  const { kind } = known;
  if (kind === SUBRESOURCE) {
    if (facts.subresource !== '') return fail(facts, 'ambiguous-query');
    facts.subresource = known.name;
    facts.subresourceValue = value;
  } else if (kind === AMZ) {
    facts.amz ??= {};
    if (Object.hasOwn(facts.amz, known.header)) return fail(facts, 'ambiguous-query');
    facts.amz[known.header] = value;
  } else if (kind !== PLAIN) {
    if (facts.values[kind] !== undefined) return fail(facts, 'ambiguous-query');
    facts.values[kind] = value;
  }
  return true;
}

function fail(facts: QueryFacts, reason: S3UnknownReason): false {
  facts.problem = reason;
  return false;
}

function failWith(facts: QueryFacts, reason: S3UnknownReason): undefined {
  facts.problem = reason;
  return undefined;
}
