import assert from 'node:assert/strict';
import type { SignedRequest } from '../../src/sidecar/index.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { assertMatchesSchema } from '../openapi/schemaCheck.js';
import { botocoreCases, smithyCases, type SignedCase } from './support/signers.js';
import { MEMORY_KINDS } from './support/stores.js';
import { assumeRole, createUser, getSessionToken, sidecarCall, type Credentials } from './support/world.js';

const SECRET = 'Sup3r-Secret-Key!';
const REGION = 'us-east-1';

type Kind = 'role session' | 'GetSessionToken session' | 'permanent key';

interface Tamper {
  readonly part: string;
  readonly change: (body: Body) => Body;
  readonly reason: string;
}

interface Body {
  accessKeyId: string;
  sessionToken?: string;
  request: SignedRequest;
}

function withHeader(request: SignedRequest, lowerName: string, change: (value: string) => string): SignedRequest {
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = name.toLowerCase() === lowerName && typeof value === 'string' ? change(value) : value;
  }
  return { ...request, headers };
}

function withoutHeader(request: SignedRequest, lowerName: string): SignedRequest {
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== lowerName)) };
}

function withQueryToken(request: SignedRequest, token: string): SignedRequest {
  return { ...request, query: request.query.replace(/(X-Amz-Security-Token=)[^&]*/, `$1${encodeURIComponent(token)}`) };
}

function replaceToken(request: SignedRequest, token: string): SignedRequest {
  return /X-Amz-Security-Token=/.test(request.query) ? withQueryToken(request, token) : withHeader(request, 'x-amz-security-token', () => token);
}

/** One change per part an attacker (or a buggy frontend) could alter; each must be refused. */
function tamperings(kind: Kind, other: () => Credentials): Tamper[] {
  const common: Tamper[] = [
    { part: 'the method', change: (b) => ({ ...b, request: { ...b.request, method: b.request.method === 'GET' ? 'DELETE' : 'GET' } }), reason: 'bad-signature' },
    { part: 'the path', change: (b) => ({ ...b, request: { ...b.request, path: b.request.path.replace('bucket', 'bucket2') } }), reason: 'bad-signature' },
    { part: 'the host header', change: (b) => ({ ...b, request: withHeader(b.request, 'host', (v) => `evil.${v}`) }), reason: 'bad-signature' },
    { part: 'a query parameter added', change: (b) => ({ ...b, request: { ...b.request, query: b.request.query === '' ? 'acl=' : `${b.request.query}&acl=` } }), reason: 'bad-signature' },
  ];
  if (kind === 'permanent key') return common;
  return [
    ...common,
    { part: 'sessionToken differing from the signed token', change: (b) => ({ ...b, sessionToken: other().sessionToken ?? '' }), reason: 'bad-signature' },
    {
      part: 'the token swapped in both places for another session\'s',
      change: (b) => ({ ...b, sessionToken: other().sessionToken ?? '', request: replaceToken(b.request, other().sessionToken ?? '') }),
      reason: 'malformed',
    },
    {
      part: 'the token left out of the signed request',
      change: (b) => ({ ...b, request: withoutHeader({ ...b.request, query: b.request.query.replace(/&?X-Amz-Security-Token=[^&]*/, '') }, 'x-amz-security-token') }),
      reason: 'malformed',
    },
  ];
}

for (const store of MEMORY_KINDS) {
  describe(`the request option: real S3 signatures on a ${store.name}`, function () {
    this.timeout(30_000);
    let server: LiveServer;
    const creds = new Map<Kind, Credentials>();
    let other: Credentials;
    const principals: Record<Kind, (c: Credentials) => Record<string, unknown>> = {
      'role session': (c) => ({ user: 'alice', accessKeyId: c.accessKeyId, sessionName: 'frontend', arn: 'arn:aws:sts::000000000000:assumed-role/app/frontend' }),
      'GetSessionToken session': (c) => ({ user: 'alice', accessKeyId: c.accessKeyId, sessionName: null, arn: 'arn:aws:iam::000000000000:user/alice' }),
      'permanent key': () => ({ user: 'alice', accessKeyId: 'alice', sessionName: null, arn: 'arn:aws:iam::000000000000:user/alice' }),
    };
    const cases = new Map<Kind, SignedCase[]>();

    before(async () => {
      // Throttling of failed signatures has its own tests (test/security/signInThrottle.test.ts).
      server = await startLiveServer({ store: store.create(), env: { STS_SIGNIN_FAILURE_LIMIT: '0' } });
      const alice = await createUser(server, 'alice', SECRET, { policy: 'readwrite' });
      creds.set('role session', await assumeRole(server, alice, { sessionName: 'frontend' }));
      creds.set('GetSessionToken session', await getSessionToken(server, alice));
      creds.set('permanent key', alice);
      other = await assumeRole(server, alice, { sessionName: 'other' });
      for (const [kind, c] of creds) cases.set(kind, [...botocoreCases(c, REGION), ...(await smithyCases(c, REGION, server.clock.now()))]);
    });
    after(() => server.close());

    function bodyFor(kind: Kind, signed: SignedCase): Body {
      const c = creds.get(kind)!;
      return { accessKeyId: c.accessKeyId, ...(c.sessionToken === undefined ? {} : { sessionToken: c.sessionToken }), request: signed.request };
    }

    async function verify(body: unknown) {
      const res = await sidecarCall(server, '/v1/verify', body);
      assertMatchesSchema('POST', '/v1/verify', res.status, res.body);
      return res;
    }

    for (const kind of ['role session', 'GetSessionToken session', 'permanent key'] as const) {
      describe(kind, () => {
        it('every signer produced its requests', () => {
          assert.equal(cases.get(kind)?.length, 10);
        });

        it('verifies each signed request with the right secret', async () => {
          for (const signed of cases.get(kind) ?? []) {
            const res = await verify(bodyFor(kind, signed));
            assert.equal(res.status, 200, `${signed.name}: ${JSON.stringify(res.body)}`);
            assert.deepEqual(
              { ...res.body.principal, posixUid: undefined, posixGid: undefined },
              { ...principals[kind](creds.get(kind)!), posixUid: undefined, posixGid: undefined },
            );
          }
        });

        if (kind !== 'permanent key') {
          it('takes the session token from the signed request when the body has none', async () => {
            for (const signed of cases.get(kind) ?? []) {
              const { sessionToken: _dropped, ...body } = bodyFor(kind, signed);
              const res = await verify(body);
              assert.equal(res.status, 200, `${signed.name}: ${JSON.stringify(res.body)}`);
            }
          });
        }

        it('authorizes with the signed request too', async () => {
          const signed = cases.get(kind)![0]!;
          const res = await sidecarCall(server, '/v1/authorize', { ...bodyFor(kind, signed), checks: [{ action: 's3:PutObject', resource: 'arn:aws:s3:::bucket/x' }] });
          assert.equal(res.status, 200);
          assert.equal(res.body.results[0].decision, 'Allow');
        });

        for (const tamper of tamperings(kind, () => other)) {
          it(`refuses every request after changing ${tamper.part} (${tamper.reason})`, async () => {
            const failures: string[] = [];
            for (const signed of cases.get(kind) ?? []) {
              const changed = tamper.change(bodyFor(kind, signed));
              const res = await verify(changed);
              if (res.status !== 401 || res.body.reason !== tamper.reason) failures.push(`${signed.name}: ${res.status} ${JSON.stringify(res.body)}`);
            }
            assert.deepEqual(failures, []);
          });
        }

        it('refuses a body that differs from the signed payload hash', async () => {
          const signed = cases.get(kind)!.filter((c) => c.request.payloadHash !== undefined);
          assert.equal(signed.length, 2);
          for (const one of signed) {
            const res = await verify({ ...bodyFor(kind, one), request: { ...one.request, payloadHash: '0'.repeat(64) } });
            assert.deepEqual([res.status, res.body.reason, res.body.signatureCode], [401, 'bad-signature', 'SignatureDoesNotMatch'], one.name);
          }
        });

        it('refuses the request of another access key', async () => {
          const signed = cases.get(kind)![1]!;
          const res = await verify({ ...bodyFor(kind, signed), accessKeyId: kind === 'permanent key' ? 'bob.other' : other.accessKeyId, sessionToken: undefined });
          assert.deepEqual([res.status, res.body.reason], [401, 'malformed']);
        });

        it('refuses a request without SigV4 as malformed (MissingAuthenticationToken)', async () => {
          const res = await verify({ ...bodyFor(kind, cases.get(kind)![1]!), request: { method: 'GET', path: '/bucket/k', query: '', headers: { host: 'h' } } });
          assert.deepEqual([res.status, res.body.reason, res.body.signatureCode], [401, 'malformed', 'MissingAuthenticationToken']);
        });
      });
    }

    it('refuses presigned URLs past X-Amz-Expires as bad-signature with signatureCode RequestExpired', async () => {
      const presigned = cases.get('role session')!.filter((c) => c.expiresSeconds === 300);
      assert.equal(presigned.length, 2);
      server.clock.advance(301_000);
      try {
        for (const signed of presigned) {
          const res = await verify(bodyFor('role session', signed));
          assert.deepEqual([res.status, res.body.reason, res.body.signatureCode], [401, 'bad-signature', 'RequestExpired'], signed.name);
        }
        const headerForm = cases.get('role session')![1]!;
        assert.equal((await verify(bodyFor('role session', headerForm))).status, 200, 'a header-form request 5 minutes old is within the skew');
      } finally {
        server.clock.advance(-301_000);
      }
    });

    it('refuses header-form requests signed more than 15 minutes ago', async () => {
      server.clock.advance(16 * 60_000);
      try {
        const res = await verify(bodyFor('role session', cases.get('role session')![1]!));
        assert.deepEqual([res.status, res.body.reason, res.body.signatureCode], [401, 'bad-signature', 'RequestExpired']);
      } finally {
        server.clock.advance(-16 * 60_000);
      }
    });
  });
}
