/**
 * Picks the one row a request fits among those of its method, target and subresource: the naming parameter
 * (`id`, `annotationName`) present or absent as the row says, `x-amz-copy-source` where the row
 * cares, its requirement met, and no parameter the operation does not take.
 */
import { H } from './constants.js';
import type { S3OperationRow, S3Target } from './operationRow.js';
import { SLOT, type QueryFacts } from './queryFacts.js';
import type { RequestHeaders } from './requestHeaders.js';

const FORM_DATA = 'multipart/form-data';

export function matchOperation(
  rows: readonly S3OperationRow[],
  target: S3Target,
  facts: QueryFacts,
  headers: RequestHeaders,
): S3OperationRow | undefined {
  const { values } = facts;
  if (values[SLOT.versionId] !== undefined && target !== 'object') return undefined;
  const hasCopySource = headers.has(H.copySource);
  for (const row of rows) {
    if (!namesMatch(row, facts)) continue;
    if (row.copy !== undefined && row.copy !== hasCopySource) continue;
    if (values[SLOT.partNumber] !== undefined && !takesPartNumber(row)) continue;
    if (values[SLOT.selectType] !== undefined && row.requires !== 'select-type=2') continue;
    if (row.requires !== undefined && !meetsRequirement(row, facts, headers)) continue;
    return row;
  }
  return undefined;
}

function namesMatch(row: S3OperationRow, facts: QueryFacts): boolean {
  const name = row.name;
  const id = facts.values[SLOT.id];
  const annotationName = facts.values[SLOT.annotationName];
  if (name === undefined) return id === undefined && annotationName === undefined;
  const [own, other] = name.parameter === 'id' ? [id, annotationName] : [annotationName, id];
  return other === undefined && (own !== undefined) === name.present;
}

/** UploadPart(Copy), and GetObject/HeadObject reading one part. */
function takesPartNumber(row: S3OperationRow): boolean {
  if (row.requires === 'partNumber') return true;
  return row.target === 'object' && row.subresource === '' && (row.method === 'GET' || row.method === 'HEAD');
}

function meetsRequirement(row: S3OperationRow, facts: QueryFacts, headers: RequestHeaders): boolean {
  switch (row.requires) {
    case 'partNumber':
      return facts.values[SLOT.partNumber] !== undefined;
    case 'select-type=2':
      return facts.values[SLOT.selectType] === '2';
    case 'list-type=2':
      return facts.subresourceValue === '2';
    case 'form-upload':
      return headers.get(H.contentType)?.slice(0, FORM_DATA.length).toLowerCase() === FORM_DATA;
    case undefined:
      return true;
  }
}
