/** Requests signed by real SDK signers in the cross-checks: shared inputs, one table. */
import type { Creds, SmithyInput } from './smithy.js';
import { s3Path } from './smithy.js';

export const NOW = Date.UTC(2024, 4, 6, 7, 8, 9);
export const REGION = 'eu-west-3';

export const CREDS: Creds = { accessKeyId: 'alice.s3', secretAccessKey: 'Se cret/Key+With=Chars1' };
export const SESSION_CREDS: Creds = {
  accessKeyId: 'ASIATEMPORARY0001',
  secretAccessKey: 'tmpSecret/0123456789abcdefABCDEF+xyz',
  sessionToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl+/=',
};

const STS_HOST = 'sts.example.test:8080';
const S3_HOST = 's3.example.test';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const ASSUME_ROLE =
  'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fapp&RoleSessionName=s1&DurationSeconds=900';
export const KEY_WITH_SPACES = 'photos 2024/été/ß ü+&=?#%.jpg';

export interface CrossCase {
  name: string;
  service: string;
  input: SmithyInput;
  creds: Creds;
  presignExpires?: number;
  /** aws-sdk-js-v3 adds x-amz-content-sha256 unless told not to; its STS client is told not to. */
  applyChecksum?: boolean;
}

export const CROSS_CASES: CrossCase[] = [
  {
    name: 'STS AssumeRole POST',
    service: 'sts',
    input: { method: 'POST', path: '/', headers: { host: STS_HOST, 'content-type': FORM }, body: ASSUME_ROLE },
    creds: CREDS,
    applyChecksum: false,
  },
  {
    name: 'STS POST with x-amz-content-sha256 and a session token',
    service: 'sts',
    input: { method: 'POST', path: '/', headers: { host: STS_HOST, 'content-type': FORM }, body: 'Action=GetCallerIdentity&Version=2011-06-15' },
    creds: SESSION_CREDS,
  },
  {
    name: 'STS presigned GetCallerIdentity',
    service: 'sts',
    input: { method: 'GET', path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host: STS_HOST } },
    creds: CREDS,
    presignExpires: 900,
  },
  {
    name: 'STS presigned with a session token',
    service: 'sts',
    input: { method: 'GET', path: '/', query: { Action: 'GetSessionToken', Version: '2011-06-15' }, headers: { host: STS_HOST } },
    creds: SESSION_CREDS,
    presignExpires: 3600,
  },
  {
    name: 'S3 PUT with UNSIGNED-PAYLOAD, spaces and unicode in the key',
    service: 's3',
    input: {
      method: 'PUT',
      path: s3Path('bucket', KEY_WITH_SPACES),
      headers: { host: S3_HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-type': 'image/jpeg', 'x-amz-meta-note': '  two   spaces ' },
      body: 'not really a jpeg',
    },
    creds: CREDS,
  },
  {
    name: 'S3 PUT with a signed body hash',
    service: 's3',
    input: { method: 'PUT', path: s3Path('bucket', 'dir//a/./b/../c.txt'), headers: { host: S3_HOST, 'content-type': 'text/plain' }, body: 'hello, world\n' },
    creds: CREDS,
  },
  {
    name: 'S3 ListObjectsV2 with a session token and encoded query values',
    service: 's3',
    input: {
      method: 'GET',
      path: '/bucket',
      query: { 'list-type': '2', prefix: 'photos 2024/été/', delimiter: '/', 'max-keys': '10', 'encoding-type': 'url', 'continuation-token': 'a+b=c' },
      headers: { host: S3_HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    creds: SESSION_CREDS,
  },
  {
    name: 'S3 presigned GET of a key with spaces and unicode',
    service: 's3',
    input: { method: 'GET', path: s3Path('bucket', KEY_WITH_SPACES), headers: { host: S3_HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    creds: CREDS,
    presignExpires: 604_800,
  },
  {
    name: 'S3 presigned PUT with a session token',
    service: 's3',
    input: {
      method: 'PUT',
      path: s3Path('bucket', 'upload/report (final).pdf'),
      query: { versionId: 'v 1' },
      headers: { host: S3_HOST, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    creds: SESSION_CREDS,
    presignExpires: 300,
  },
  {
    name: 'another service: path normalised and double-encoded',
    service: 'execute-api',
    input: { method: 'GET', path: '/prod/./a%20b//%C3%BC/x/../items', query: { q: 'ü ä' }, headers: { host: 'api.example.test' } },
    creds: CREDS,
    applyChecksum: false,
  },
];
