import { ERROR_TABLE, type AppError } from '../errors.js';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A value tree rendered as nested elements in key order; undefined values are left out. */
export interface XmlTree {
  readonly [element: string]: string | number | XmlTree | undefined;
}

/** A bare CR would be normalised away by the reader's parser, so it travels as a reference. */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };
/** Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Text content, escaped; characters XML cannot carry become U+FFFD, so any input stays well-formed. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ESCAPES[c] as string);
}

/**
 * The response documents are a handful of fixed element names around escaped text, so they are
 * written directly: a DOM builder costs more than the rest of an AssumeRole call.
 */
function serialize(tree: XmlTree): string {
  let out = '';
  for (const name of Object.keys(tree)) {
    const value = tree[name];
    if (value === undefined) continue;
    if (!ELEMENT_NAME.test(name)) throw new Error(`not an element name: ${name}`);
    out += `<${name}>${typeof value === 'object' ? serialize(value) : escapeXml(String(value))}</${name}>`;
  }
  return out;
}

function document(root: string, inner: string): string {
  return `<?xml version="1.0"?><${root} xmlns="${STS_NAMESPACE}">${inner}</${root}>`;
}

/** `<{Action}Response><{Action}Result>…</…><ResponseMetadata><RequestId>` as AWS sends it. */
export function renderResult(action: string, result: XmlTree, requestId: string): string {
  return document(
    `${action}Response`,
    serialize({ [`${action}Result`]: result, ResponseMetadata: { RequestId: requestId } }),
  );
}

/** AWS `ErrorResponse` document. */
export function renderError(error: AppError, requestId: string): string {
  return document(
    'ErrorResponse',
    serialize({ Error: { Type: ERROR_TABLE[error.code].type, Code: error.code, Message: error.message }, RequestId: requestId }),
  );
}

/** AWS timestamps have no milliseconds: 2019-11-09T13:34:41Z. */
export function awsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
