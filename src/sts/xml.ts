import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { ERROR_TABLE, type AppError } from '../errors.js';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A value tree rendered as nested elements in key order; undefined values are left out. */
export interface XmlTree {
  readonly [element: string]: string | number | XmlTree | undefined;
}

function appendTree(parent: XMLBuilder, tree: XmlTree): void {
  for (const [name, value] of Object.entries(tree)) {
    if (value === undefined) continue;
    if (typeof value === 'object') appendTree(parent.ele(name), value);
    else parent.ele(name).txt(String(value));
  }
}

/** `<{Action}Response><{Action}Result>…</…><ResponseMetadata><RequestId>` as AWS sends it. */
export function renderResult(action: string, result: XmlTree, requestId: string): string {
  const root = create({ version: '1.0' }).ele(STS_NAMESPACE, `${action}Response`);
  appendTree(root.ele(`${action}Result`), result);
  root.ele('ResponseMetadata').ele('RequestId').txt(requestId);
  return root.end({ prettyPrint: false });
}

/** AWS `ErrorResponse` document; the message is escaped by the builder. */
export function renderError(error: AppError, requestId: string): string {
  const root = create({ version: '1.0' }).ele(STS_NAMESPACE, 'ErrorResponse');
  appendTree(root.ele('Error'), { Type: ERROR_TABLE[error.code].type, Code: error.code, Message: error.message });
  root.ele('RequestId').txt(requestId);
  return root.end({ prettyPrint: false });
}

/** AWS timestamps have no milliseconds: 2019-11-09T13:34:41Z. */
export function awsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
