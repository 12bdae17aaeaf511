/**
 * What every answer must look like, per protocol: the AWS XML documents on `/`, `{error}` JSON on
 * the admin API, `{valid:false, reason}` or `{error}` JSON on the sidecar; and nowhere a stack
 * trace, a secret or a full session token. Each check returns the problems it found.
 */
import { ERROR_TABLE } from '../../src/errors.js';
import type { FuzzRequest, FuzzResponse, FuzzWorld } from './world.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const PROLOG = String.raw`(?:<\?xml[^>]*\?>\s*)?`;
const TEXT = '([^<]*)';
const STS_ERROR = new RegExp(
  `^${PROLOG}<ErrorResponse xmlns="${NS}">\\s*<Error>\\s*<Type>(Sender|Receiver)</Type>\\s*<Code>([A-Za-z]+)</Code>\\s*` +
    `<Message>${TEXT}</Message>\\s*</Error>\\s*<RequestId>([^<]+)</RequestId>\\s*</ErrorResponse>\\s*$`,
);
const STS_RESULT = new RegExp(
  `^${PROLOG}<(\\w+)Response xmlns="${NS}">\\s*<\\1Result>[\\s\\S]*</\\1Result>\\s*` +
    `<ResponseMetadata>\\s*<RequestId>([^<]+)</RequestId>\\s*</ResponseMetadata>\\s*</\\1Response>\\s*$`,
);
/** Character data XML 1.0 can carry, with `&` only as an entity or character reference. */
const BAD_XML_TEXT = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/u;
const STACK = /\n\s+at \S|\bat (?:async )?[\w$.<>]+ \(|\.(?:ts|js|mjs|cjs):\d+|node:internal|node_modules/;

export type Problems = string[];

function header(res: FuzzResponse, name: string): string {
  const value = res.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function statusOf(code: string): number | undefined {
  return Object.hasOwn(ERROR_TABLE, code) ? ERROR_TABLE[code as keyof typeof ERROR_TABLE].status : undefined;
}

/** 5xx is a failure everywhere; 503 ServiceUnavailable is the one a store outage may give. */
function serverError(status: number, code: string | undefined): string | undefined {
  if (status < 500) return undefined;
  return status === 503 && code === 'ServiceUnavailable' ? undefined : `server error ${status} ${code ?? ''}`.trim();
}

export function checkSts(res: FuzzResponse): Problems {
  const problems: Problems = [];
  if (!/^text\/xml/.test(header(res, 'content-type'))) problems.push(`content-type ${header(res, 'content-type')}`);
  const requestId = header(res, 'x-amzn-requestid');
  if (res.status === 200) {
    const match = STS_RESULT.exec(res.body);
    if (!match) problems.push('200 without a <...Response> document');
    else if (match[2] !== requestId) problems.push('RequestId differs from x-amzn-RequestId');
  } else {
    const match = STS_ERROR.exec(res.body);
    if (!match) return [...problems, `${res.status} without an AWS ErrorResponse`];
    const [, type, code = '', message = '', bodyId] = match;
    const fivexx = serverError(res.status, code);
    if (fivexx) problems.push(fivexx);
    if (res.status < 400) problems.push(`error document with status ${res.status}`);
    if (statusOf(code) !== res.status) problems.push(`code ${code} with status ${res.status}`);
    if (ERROR_TABLE[code as keyof typeof ERROR_TABLE]?.type !== type) problems.push(`code ${code} with Type ${type}`);
    if (message === '') problems.push('empty Message');
    if (bodyId !== requestId) problems.push('RequestId differs from x-amzn-RequestId');
  }
  if (BAD_XML_TEXT.test(res.body)) problems.push('characters XML cannot carry, or a bare &');
  return problems;
}

function parseJson(res: FuzzResponse, problems: Problems): any {
  if (!/^application\/json/.test(header(res, 'content-type'))) problems.push(`content-type ${header(res, 'content-type')}`);
  try {
    return JSON.parse(res.body);
  } catch {
    problems.push(`${res.status} body is not JSON`);
    return undefined;
  }
}

function checkErrorJson(res: FuzzResponse, json: any, problems: Problems): void {
  const error = json?.error;
  if (typeof error !== 'object' || error === null || typeof error.code !== 'string' || typeof error.message !== 'string') {
    problems.push(`${res.status} without {error: {code, message}}`);
    return;
  }
  const fivexx = serverError(res.status, error.code);
  if (fivexx) problems.push(fivexx);
  if (statusOf(error.code) !== res.status) problems.push(`code ${error.code} with status ${res.status}`);
}

export function checkAdmin(res: FuzzResponse): Problems {
  const problems: Problems = [];
  const json = parseJson(res, problems);
  if (json === undefined) return problems;
  if (res.status >= 400) checkErrorJson(res, json, problems);
  else if (res.status !== 200 && res.status !== 201) problems.push(`unexpected status ${res.status}`);
  return problems;
}

export function checkSidecar(res: FuzzResponse): Problems {
  const problems: Problems = [];
  const json = parseJson(res, problems);
  if (json === undefined) return problems;
  if (res.status === 200) {
    if (json.valid !== true && !Array.isArray(json.results)) problems.push('200 neither {valid: true} nor {results}');
  } else if (res.status === 401 && json.valid === false) {
    if (typeof json.reason !== 'string' || json.reason === '') problems.push('401 {valid: false} without a reason');
  } else if (res.status >= 400) {
    checkErrorJson(res, json, problems);
  } else {
    problems.push(`unexpected status ${res.status}`);
  }
  return problems;
}

const CHECKS = { sts: checkSts, admin: checkAdmin, sidecar: checkSidecar } as const;

/** Text of a response or log line that must not be there. `sent` is excused: it may be echoed. */
export function leaks(text: string, world: FuzzWorld, sent = ''): Problems {
  const problems: Problems = [];
  const stack = STACK.exec(text);
  if (stack) problems.push(`stack trace text: ${JSON.stringify(text.slice(Math.max(0, stack.index - 40), stack.index + 60))}`);
  for (const secret of world.secrets) if (text.includes(secret) && !sent.includes(secret)) problems.push('a secret key');
  for (const token of world.tokens) if (text.includes(token) && !sent.includes(token)) problems.push('a full session token');
  return problems;
}

/** Every problem with one answer to one request. */
export function checkResponse(req: FuzzRequest, res: FuzzResponse, world: FuzzWorld): Problems {
  // node's own HTTP parser refuses an oversized head before any application code runs.
  if (res.status === 431 && res.body === '') return [];
  return [...CHECKS[req.protocol](res), ...leaks(res.body, world).map((what) => `response holds ${what}`)];
}

const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{16,}/g;
const SECRET = /(?<![\w/+])[\w/+]{40}(?![\w/+])/g;

/**
 * Checks and empties the captured log: no secret or full token (the fixtures' or any issued
 * during the campaign), no stack trace outside an error line, and no error line at all (an
 * unexpected error is a bug even when it was answered politely).
 */
export function drainLogs(world: FuzzWorld): Problems {
  const lines = world.server.deps.logs.lines;
  const problems: Problems = [];
  for (const line of lines) {
    const found = leaks(line, world).map((what) => `log line holds ${what}`);
    for (const match of line.matchAll(JWT)) if (world.issued.tokens.has(match[0])) found.push('log line holds an issued session token');
    for (const match of line.matchAll(SECRET)) if (world.issued.secrets.has(match[0])) found.push('log line holds an issued secret key');
    if (/^\{"level":(?:5\d|60)/.test(line)) found.push('error logged');
    for (const what of found) problems.push(`${what}: ${line.slice(0, 300)}`);
  }
  lines.splice(0);
  return problems;
}

/** Credentials a successful STS answer issued, remembered so the logs can be checked for them. */
export function rememberIssued(world: FuzzWorld, res: FuzzResponse): void {
  if (res.status !== 200) return;
  const token = /<SessionToken>([^<]+)<\/SessionToken>/.exec(res.body)?.[1];
  const secret = /<SecretAccessKey>([^<]+)<\/SecretAccessKey>/.exec(res.body)?.[1];
  if (token) world.issued.tokens.add(token);
  if (secret) world.issued.secrets.add(secret);
}
