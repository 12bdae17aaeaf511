/**
 * End to end with real parts: Debian nginx running examples/nginx/s3-gateway.conf in front of
 * moto_server (S3), s3-sts deciding every request through `auth_request`, and boto3 plus
 * @aws-sdk/client-s3 calling with AssumeRole credentials. Allowed operations reach moto;
 * denied ones get S3 error XML from nginx and never reach it (checked on moto directly, with
 * moto's own credentials); tampered, expired and revoked credentials are refused.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { signRequest } from '../../src/sigv4/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { eventually } from '../helpers/eventually.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { VERIFY_TOKEN } from '../helpers/testDeps.js';
import { adminOk, assumeRole, createUser, policyDoc, putPolicy, type Credentials } from '../sidecar/support/world.js';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';
const EXAMPLE = new URL('../../examples/nginx/s3-gateway.conf', import.meta.url);
const BOTO3_SCRIPT = new URL('./boto3Gateway.py', import.meta.url);
const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(what: string, ready: () => Promise<boolean>, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${log()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not become ready: ${log()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function start(what: string, command: string, args: string[]): { child: ChildProcess; log: () => string } {
  let output = '';
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.on('error', (err) => (output += `\n${what}: ${err.message}`));
  return { child, log: () => output };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The shipped example, pointed at this test's ports and token, inside a minimal main config. */
function nginxConfig(dir: string, ports: { nginx: number; sts: number; moto: number }): string {
  const site = readFileSync(EXAMPLE, 'utf8')
    .replace('server 127.0.0.1:8080;', `server 127.0.0.1:${ports.sts};`)
    .replace('server 127.0.0.1:9000;', `server 127.0.0.1:${ports.moto};`)
    .replace('listen 127.0.0.1:8000;', `listen 127.0.0.1:${ports.nginx};`)
    .replaceAll('CHANGE-ME-verify-token', VERIFY_TOKEN);
  writeFileSync(join(dir, 's3-gateway.conf'), site);
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  // Run as root (CI containers), nginx's workers drop to `nobody`: let them write their temp files.
  chmodSync(dir, 0o755);
  chmodSync(temp, 0o777);
  return `worker_processes 1;
error_log ${dir}/error.log info;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  log_format gateway '$request_method $request_uri $status $http_x_amz_content_sha256';
  access_log ${dir}/access.log gateway;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${dir}/s3-gateway.conf;
}
`;
}

async function s3Error(call: Promise<unknown>): Promise<{ code: string; status: number | undefined }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof S3ServiceException) return { code: err.name, status: err.$metadata.httpStatusCode };
    throw err;
  }
  throw new Error('the call succeeded');
}

describe('S3 gateway end to end: nginx auth_request + s3-sts + moto_server, with boto3 and @aws-sdk/client-s3', function () {
  this.timeout(120_000);
  let server: LiveServer;
  let dir: string;
  let moto: { child: ChildProcess; log: () => string } | undefined;
  let nginx: { child: ChildProcess; log: () => string } | undefined;
  let gatewayUrl: string;
  let backend: S3Client;
  let user: Credentials;
  let creds: Credentials;

  const client = (c: Credentials) => new S3Client({
    endpoint: gatewayUrl, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1,
    credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, ...(c.sessionToken === undefined ? {} : { sessionToken: c.sessionToken }) },
  });
  const backendKeys = async (bucket: string, prefix = '') =>
    ((await backend.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key).sort();
  const accessLog = () => readFileSync(join(dir, 'access.log'), 'utf8');

  before(async () => {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    dir = mkdtempSync(join(tmpdir(), 's3-gateway-'));
    server = await startLiveServer();
    const ports = { nginx: await freePort(), sts: server.port, moto: await freePort() };

    moto = start('moto_server', 'moto_server', ['-H', '127.0.0.1', '-p', String(ports.moto)]);
    await waitFor('moto_server (pip install "moto[server]")', async () => (await fetch(`http://127.0.0.1:${ports.moto}/`)).ok, moto.child, moto.log);
    backend = new S3Client({ endpoint: `http://127.0.0.1:${ports.moto}`, region: 'us-east-1', forcePathStyle: true, credentials: MOTO_CREDENTIALS });
    for (const bucket of ['data', 'secret']) await backend.send(new CreateBucketCommand({ Bucket: bucket }));

    writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, ports));
    nginx = start('nginx (apt-get install nginx)', NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;']);
    await waitFor(`nginx (${NGINX}; apt-get install nginx)`, () => accepts(ports.nginx), nginx.child, nginx.log);
    gatewayUrl = `http://127.0.0.1:${ports.nginx}`;

    await putPolicy(server, 'team', policyDoc(
      { sid: 'Team', action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], resource: 'arn:aws:s3:::data/team/*' },
      { sid: 'List', action: 's3:ListBucket', resource: 'arn:aws:s3:::data', condition: { StringLike: { 's3:prefix': 'team/*' } } },
      { sid: 'Keep', effect: 'Deny', action: 's3:DeleteObject', resource: 'arn:aws:s3:::data/team/keep/*' },
    ));
    user = await createUser(server, 'gateway-user', 'Gateway-Secret-1', { policy: 'team', posixUid: 2001, posixGid: 200 });
    creds = await assumeRole(server, user, { sessionName: 'e2e' });
  });

  after(async () => {
    backend?.destroy();
    await stop(nginx?.child);
    await stop(moto?.child);
    await server?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('boto3: allowed operations reach moto, denied ones get 403 AccessDenied and never do', async () => {
    const input = JSON.stringify({
      endpoint: gatewayUrl, accessKey: creds.accessKeyId, secretKey: creds.secretAccessKey, sessionToken: creds.sessionToken,
      bucket: 'data', prefix: 'team/', deniedBucket: 'secret',
    });
    const child = promisify(execFile)('python3', [BOTO3_SCRIPT.pathname], { maxBuffer: 1 << 20 });
    child.child.stdin?.end(input);
    const { stdout } = await child.catch((err: Error) => {
      throw new Error(`this test needs python3 with boto3 (pip install boto3): ${err.message}`);
    });
    const results = JSON.parse(stdout) as Record<string, any>;
    for (const op of ['PutObject', 'GetObject', 'ListObjectsV2', 'MultipartUpload', 'HeadBig', 'CopyObject', 'DeleteObject']) {
      assert.equal(results[op].ok, true, `${op}: ${JSON.stringify(results[op])}`);
    }
    assert.equal(results.GetObject.value, 'hello from boto3');
    assert.deepEqual(results.ListObjectsV2.value, ['team/boto/a.txt']);
    assert.equal(results.HeadBig.value, 6 * 1024 * 1024);
    for (const op of ['DeniedPut', 'DeniedOtherPrefix']) assert.deepEqual(results[op], { ok: false, code: 'AccessDenied', status: 403 }, op);

    const presigned = await fetch(results.presignedUrl as string);
    assert.equal(presigned.status, 200, `${results.presignedUrl} ${presigned.headers.get('x-amz-request-id')} ${await presigned.clone().text()}`);
    assert.equal(await presigned.text(), 'hello from boto3');

    assert.deepEqual(await backendKeys('data', 'team/boto/'), ['team/boto/a.txt', 'team/boto/big.bin']);
    assert.deepEqual(await backendKeys('secret'), []);
    assert.deepEqual(await backendKeys('data', 'elsewhere/'), []);
  });

  it('@aws-sdk/client-s3: put, streaming upload, multipart, get, list, copy, delete; denials stay out of moto', async () => {
    const s3 = client(creds);
    try {
      await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'team/js/a.txt', Body: 'hello from js' }));
      const payload = Buffer.alloc(300_000, 7);
      await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'team/js/stream.bin', Body: Readable.from([payload.subarray(0, 1000), payload.subarray(1000)]), ContentLength: payload.length }));
      // nginx logs after answering: wait for the line saying what the SDK sent.
      await eventually(3000, async () => assert.match(accessLog(), /PUT \/data\/team\/js\/stream\.bin\S* 200 STREAMING-UNSIGNED-PAYLOAD-TRAILER/));
      const streamed = await backend.send(new GetObjectCommand({ Bucket: 'data', Key: 'team/js/stream.bin' }));
      assert.deepEqual(Buffer.from(await streamed.Body!.transformToByteArray()), payload);

      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'data', Key: 'team/js/multi.bin' }));
      const parts = [];
      for (const [i, body] of [Buffer.alloc(5 * 1024 * 1024, 1), Buffer.from('tail')].entries()) {
        const { ETag } = await s3.send(new UploadPartCommand({ Bucket: 'data', Key: 'team/js/multi.bin', UploadId, PartNumber: i + 1, Body: body }));
        parts.push({ ETag, PartNumber: i + 1 });
      }
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'data', Key: 'team/js/multi.bin', UploadId, MultipartUpload: { Parts: parts } }));

      const got = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: 'team/js/a.txt' }));
      assert.equal(await got.Body!.transformToString(), 'hello from js');
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'team/js/' }));
      assert.deepEqual(listed.Contents?.map((o) => o.Key).sort(), ['team/js/a.txt', 'team/js/multi.bin', 'team/js/stream.bin']);
      await s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'team/js/copy.txt', CopySource: 'data/team/js/a.txt' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'data', Key: 'team/js/a.txt' }));
      assert.deepEqual(await backendKeys('data', 'team/js/'), ['team/js/copy.txt', 'team/js/multi.bin', 'team/js/stream.bin']);

      // Denied: another bucket, a key outside the prefix, a listing outside it, a Deny, a copy from outside.
      await backend.send(new PutObjectCommand({ Bucket: 'secret', Key: 'kept.txt', Body: 'secret' }));
      await backend.send(new PutObjectCommand({ Bucket: 'data', Key: 'team/keep/k.txt', Body: 'kept' }));
      const denied = [
        s3.send(new PutObjectCommand({ Bucket: 'secret', Key: 'js.txt', Body: 'nope' })),
        s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'elsewhere/js.txt', Body: 'nope' })),
        s3.send(new GetObjectCommand({ Bucket: 'secret', Key: 'kept.txt' })),
        s3.send(new ListObjectsV2Command({ Bucket: 'data', Prefix: 'elsewhere/' })),
        s3.send(new DeleteObjectCommand({ Bucket: 'data', Key: 'team/keep/k.txt' })),
        s3.send(new CopyObjectCommand({ Bucket: 'data', Key: 'team/js/stolen.txt', CopySource: 'secret/kept.txt' })),
        s3.send(new DeleteObjectsCommand({ Bucket: 'data', Delete: { Objects: [{ Key: 'team/keep/k.txt' }] } })),
      ];
      for (const call of denied) assert.deepEqual(await s3Error(call), { code: 'AccessDenied', status: 403 });
      assert.deepEqual(await backendKeys('secret'), ['kept.txt']);
      assert.deepEqual(await backendKeys('data', 'team/keep/'), ['team/keep/k.txt']);
      assert.deepEqual(await backendKeys('data', 'elsewhere/'), []);
      assert.deepEqual(await backendKeys('data', 'team/js/stolen'), []);
    } finally {
      s3.destroy();
    }
  });

  it('anonymous, tampered, revoked and expired credentials are refused with their S3 codes', async () => {
    const anonymous = await fetch(`${gatewayUrl}/data/team/js/copy.txt`);
    assert.equal(anonymous.status, 403);
    assert.match(await anonymous.text(), /^<\?xml version="1.0" encoding="UTF-8"\?><Error><Code>AccessDenied<\/Code>/);

    const host = new URL(gatewayUrl).host;
    const tampered = signRequest({ method: 'GET', path: '/data/team/js/copy.txt', query: '', headers: { host } },
      { ...creds, secretAccessKey: `${creds.secretAccessKey}x` }, { region: 'us-east-1', service: 's3', now: Date.now() });
    const res = await rawRequest(`${gatewayUrl}/data/team/js/copy.txt`, { method: 'GET', headers: tampered.headers });
    assert.equal(res.status, 403);
    assert.match(res.body, /<Code>SignatureDoesNotMatch<\/Code>/);

    const revoked = await assumeRole(server, user, { sessionName: 'revoked' });
    await adminOk(server, 'DELETE', `/admin/v1/sessions/${revoked.accessKeyId}`);
    assert.deepEqual(await s3Error(client(revoked).send(new PutObjectCommand({ Bucket: 'data', Key: 'team/revoked.txt', Body: 'x' }))), { code: 'InvalidToken', status: 403 });

    const short = await assumeRole(server, user, { sessionName: 'short', durationSeconds: 900 });
    server.clock.advance(901_000);
    assert.deepEqual(await s3Error(client(short).send(new PutObjectCommand({ Bucket: 'data', Key: 'team/expired.txt', Body: 'x' }))), { code: 'ExpiredToken', status: 403 });
    assert.deepEqual(await backendKeys('data', 'team/revoked'), []);
    assert.deepEqual(await backendKeys('data', 'team/expired'), []);
  });
});
