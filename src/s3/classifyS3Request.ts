/** Classifies one S3 REST request: see `index.ts` for the contract. */
import { H } from './constants.js';
import { conditionContext } from './conditionContext.js';
import { parseCopySource, type CopySource } from './copySource.js';
import { matchOperation } from './matchOperation.js';
import { FEATURE, type S3OperationRow, type S3Target } from './operationRow.js';
import { METHODS, ROWS_BY_SUBRESOURCE, rowGroupSlot, TARGETS } from './operationTable.js';
import { parseObjectTags } from './parseObjectTags.js';
import { queryFacts, SLOT } from './queryFacts.js';
import { RequestHeaders } from './requestHeaders.js';
import { requiredAuthorizations } from './requiredAuthorizations.js';
import { resolveTarget } from './resolveTarget.js';
import type { S3Classification, S3ClassifierOptions, S3RequestInput, S3UnknownOperation, S3UnknownReason } from './types.js';

const METHOD_INDEX: ReadonlyMap<string, number> = new Map(METHODS.map((method, index) => [method, index]));
const NO_ROWS: readonly S3OperationRow[] = [];
/** Rows that read the ACL or object-creation headers: for these one pass over the headers is cheaper. */
const HEADER_HEAVY = FEATURE.objectWrite | FEATURE.aclKeys | FEATURE.createBucket;

/** One frozen answer per reason, built once: refusing allocates nothing. */
const UNKNOWN: Readonly<Record<S3UnknownReason, S3UnknownOperation>> = {
  'unsupported-method': refusal('unsupported-method'),
  'unknown-parameter': refusal('unknown-parameter'),
  'ambiguous-query': refusal('ambiguous-query'),
  'no-matching-operation': refusal('no-matching-operation'),
  'malformed-path': refusal('malformed-path'),
  'malformed-query': refusal('malformed-query'),
  'malformed-bucket': refusal('malformed-bucket'),
  'malformed-header': refusal('malformed-header'),
  'key-too-long': refusal('key-too-long'),
  'unknown-host': refusal('unknown-host'),
};

function refusal(reason: S3UnknownReason): S3UnknownOperation {
  return Object.freeze({ kind: 'unknown-operation', reason });
}

function unknown(reason: S3UnknownReason): S3UnknownOperation {
  return UNKNOWN[reason];
}

export function classifyS3Request(input: S3RequestInput, options: S3ClassifierOptions): S3Classification {
  const method = METHOD_INDEX.get(input.method);
  if (method === undefined) return unknown('unsupported-method');
  const facts = queryFacts(input.query);
  if (facts.problem !== undefined) return unknown(facts.problem);
  const headers = new RequestHeaders(input.headers, facts.amz);
  if (headers.repeatsOne()) return unknown('malformed-header');
  const resolved = resolveTarget(input.path, headers.get(H.host), options.baseDomains);
  if (typeof resolved === 'string') return unknown(resolved);
  const { bucket, key } = resolved;
  const target = bucket === undefined ? 0 : key === undefined ? 1 : 2;
  const rows = ROWS_BY_SUBRESOURCE.get(facts.subresource)?.[rowGroupSlot(method, target)] ?? NO_ROWS;
  const row = matchOperation(rows, TARGETS[target] as S3Target, facts, headers);
  if (row === undefined) return unknown('no-matching-operation');
  if ((row.features & HEADER_HEAVY) !== 0) headers.gather();

  let copySource: CopySource | undefined;
  if ((row.features & FEATURE.copySource) !== 0) {
    copySource = parseCopySource(headers.get(H.copySource) ?? '');
    if (copySource === undefined) return unknown('malformed-header');
  }
  const tagging = (row.features & FEATURE.objectWrite) !== 0 ? headers.get(H.tagging) : undefined;
  const tags = tagging === undefined ? undefined : parseObjectTags(tagging);
  if (tagging !== undefined && tags === undefined) return unknown('malformed-header');

  const versioned = facts.values[SLOT.versionId] !== undefined;
  const context = conditionContext({ input, row, facts, headers, copySource, tags });
  return {
    kind: 'operation',
    operation: row.operation,
    bucket,
    key,
    addressing: resolved.addressing,
    authorizations: requiredAuthorizations({ row, bucket, key, versioned, headers, copySource }),
    context,
    keysInBody: (row.features & FEATURE.keysInBody) !== 0,
  };
}
