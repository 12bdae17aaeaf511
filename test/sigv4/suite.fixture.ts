/**
 * The official AWS SigV4 test suite as a typed fixture. The data is vendored unchanged in
 * `test/fixtures/aws-sig-v4-test-suite/`; a missing folder fails loudly, never skips.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRequestParts } from '../../src/sigv4/index.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SUITE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'aws-sig-v4-test-suite');

/** The inputs every case was signed with. */
export const SUITE = {
  accessKeyId: 'AKIDEXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  service: 'service',
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
} as const;

/** A request whose headers are always arrays, so tests can change one value of one line. */
export interface FixtureRequest extends HttpRequestParts {
  headers: Record<string, string[]>;
}

export interface SuiteCase {
  /** Folder path below the suite root, e.g. `normalize-path/get-slash`. */
  name: string;
  /** The `.sreq`, with any erratum below applied. */
  request: FixtureRequest;
  /** `.creq`, unless an erratum makes it disagree with its own `.sts`. */
  canonicalRequest: string | undefined;
  stringToSign: string;
  authorization: string;
  erratum?: Erratum;
}

export interface Erratum {
  reason: string;
  /** Header values that were really signed, where the published `.sreq` shows others. */
  signedHeaderValues?: Record<string, string>;
}

/**
 * Known mistakes in AWS's published data (aws-sdk-js-v3's suite.fixture.ts carries the same
 * corrections). In both cases the `.sts` and `.authz` agree with each other and are kept.
 */
export const ERRATA: Readonly<Record<string, Erratum>> = {
  'post-x-www-form-urlencoded': {
    reason: 'the .creq signs content-length, which .authz does not list and .sreq does not send',
  },
  'post-x-www-form-urlencoded-parameters': {
    reason: 'the .sts and signature were computed over "charset=utf8" while .req/.sreq send "charset=utf-8"; the .creq and .authz also list content-length',
    signedHeaderValues: { 'content-type': 'application/x-www-form-urlencoded; charset=utf8' },
  },
};

function readText(path: string): string {
  return readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
}

/**
 * Parses raw HTTP request text. Folded continuation lines become further values of the same
 * header: the suite's get-header-value-multiline signs them joined by ',' like repeated lines.
 */
export function parseRawRequest(text: string): FixtureRequest {
  const split = text.indexOf('\n\n');
  const head = split < 0 ? text : text.slice(0, split);
  const [requestLine = '', ...lines] = head.split('\n');
  const tokens = requestLine.split(' ');
  // The target may itself hold spaces (get-space), so it is everything between method and version.
  const target = tokens.slice(1, -1).join(' ');
  const at = target.indexOf('?');
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      last.push(line.trim());
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
    last = headers[existing] ??= [];
    last.push(line.slice(colon + 1));
  }
  const request: FixtureRequest = {
    method: tokens[0] ?? '',
    path: at < 0 ? target : target.slice(0, at),
    query: at < 0 ? '' : target.slice(at + 1),
    headers,
  };
  if (split >= 0) request.body = Buffer.from(text.slice(split + 2), 'utf8');
  return request;
}

export function setHeader(request: FixtureRequest, lowerName: string, values: string[]): void {
  const existing = Object.keys(request.headers).find((key) => key.toLowerCase() === lowerName) ?? lowerName;
  request.headers[existing] = values;
}

function caseDirs(dir: string): string[] {
  const entries = readdirSync(dir).map((entry) => join(dir, entry)).filter((path) => statSync(path).isDirectory());
  return entries.flatMap((path) => (readdirSync(path).some((file) => file.endsWith('.sreq')) ? [path] : caseDirs(path)));
}

function loadCase(dir: string): SuiteCase {
  const base = join(dir, dir.split(/[\\/]/).pop() ?? '');
  const name = relative(SUITE_DIR, dir).split(/[\\/]/).join('/');
  const erratum = ERRATA[name.split('/').pop() ?? ''];
  const request = parseRawRequest(readText(`${base}.sreq`));
  for (const [header, value] of Object.entries(erratum?.signedHeaderValues ?? {})) setHeader(request, header, [value]);
  return {
    name,
    request,
    canonicalRequest: erratum ? undefined : readText(`${base}.creq`),
    stringToSign: readText(`${base}.sts`),
    authorization: readText(`${base}.authz`).trim(),
    ...(erratum ? { erratum } : {}),
  };
}

/** Every case of the suite, nested folders included, sorted by name. */
export function loadSuite(): SuiteCase[] {
  if (!existsSync(SUITE_DIR)) {
    throw new Error(
      `AWS SigV4 test suite not found at ${SUITE_DIR}. It is vendored in the repository at test/fixtures/aws-sig-v4-test-suite/ (the AWS "aws-sig-v4-test-suite" folder, unchanged).`,
    );
  }
  return caseDirs(SUITE_DIR).map(loadCase).sort((a, b) => a.name.localeCompare(b.name));
}

/** The published `.sreq` of a case exactly as shipped, errata not applied. */
export function loadPublishedRequest(name: string): FixtureRequest {
  const dir = join(SUITE_DIR, ...name.split('/'));
  return parseRawRequest(readText(join(dir, `${name.split('/').pop() ?? ''}.sreq`)));
}
