/**
 * Requests as the AWS SDK for JavaScript v3 serialises them (captured before sending), path-style
 * and virtual-hosted: each must classify as the command that built it.
 */
import assert from 'node:assert/strict';
import * as s3 from '@aws-sdk/client-s3';
import type { HttpRequest } from '@smithy/protocol-http';
import { classifyS3Request, S3_OPERATIONS, type S3Classification } from '../../src/s3/index.js';
import type { QueryPair } from '../../src/sigv4/queryPairs.js';
import { OPTIONS } from './s3Helpers.js';

/** SDK commands outside the table: directory buckets and S3 Object Lambda. */
const NOT_IN_TABLE = new Set(['CreateSession', 'ListDirectoryBuckets', 'RenameObject', 'WriteGetObjectResponse']);

/** Enough input for every command to serialise; members a command lacks are ignored. */
const INPUT = {
  Bucket: 'bkt', Key: 'dir/k ey', UploadId: 'u1', PartNumber: 1, Id: 'c1', CopySource: 'src/a.txt', AnnotationName: 'n',
  RequestRoute: 'r', RequestToken: 't', Body: 'x', Delete: { Objects: [{ Key: 'a' }] },
};

class Captured extends Error {
  constructor(readonly request: HttpRequest) {
    super('captured');
  }
}

function client(forcePathStyle: boolean): s3.S3Client {
  return new s3.S3Client({
    region: 'us-east-1', endpoint: 'http://s3.example.com', forcePathStyle,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler: { handle: async (request: HttpRequest) => { throw new Captured(request); } },
  });
}

async function capture(target: s3.S3Client, name: string): Promise<HttpRequest> {
  const Command = (s3 as unknown as Record<string, new (input: unknown) => s3.PutObjectCommand>)[`${name}Command`];
  assert.ok(Command, name);
  try {
    await target.send(new Command(INPUT));
  } catch (error) {
    if (error instanceof Captured) return error.request;
    throw error;
  }
  throw new Error(`${name} was sent`);
}

function classifyCaptured(request: HttpRequest): S3Classification {
  const query: QueryPair[] = [];
  for (const [key, value] of Object.entries(request.query)) {
    for (const one of Array.isArray(value) ? value : [value]) query.push({ key, value: one ?? '' });
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers['host'] = request.port === undefined ? request.hostname : `${request.hostname}:${request.port}`;
  return classifyS3Request({ method: request.method, path: request.path, query, headers }, OPTIONS);
}

const sdkOperations = Object.keys(s3).filter((name) => /^[A-Z]\w+Command$/.test(name)).map((name) => name.slice(0, -7));

describe('s3/requests built by the AWS SDK', () => {
  it('every table row but PostObject (a browser form) is an SDK command', () => {
    const sdk = new Set(sdkOperations);
    assert.deepEqual(S3_OPERATIONS.map((row) => row.operation).filter((name) => !sdk.has(name)), ['PostObject']);
  });

  for (const [style, forcePathStyle] of [['path', true], ['virtual-hosted', false]] as const) {
    describe(style, () => {
      const target = client(forcePathStyle);
      for (const name of sdkOperations.filter((operation) => !NOT_IN_TABLE.has(operation))) {
        it(name, async () => {
          const result = classifyCaptured(await capture(target, name));
          assert.equal(result.kind === 'operation' ? result.operation : result.reason, name);
          if (result.kind === 'operation' && result.bucket !== undefined) {
            assert.equal(result.bucket, 'bkt');
            assert.equal(result.addressing, style);
          }
        });
      }
      for (const name of ['CreateSession', 'RenameObject', 'WriteGetObjectResponse']) {
        it(`${name} is unknown`, async () => assert.equal(classifyCaptured(await capture(target, name)).kind, 'unknown-operation'));
      }
    });
  }

  it('decodes the SDK-encoded key once', async () => {
    const result = classifyCaptured(await capture(client(true), 'GetObject'));
    assert.equal(result.kind === 'operation' ? result.key : undefined, 'dir/k ey');
  });
});
