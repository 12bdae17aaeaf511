import assert from 'node:assert/strict';
import { systemClock } from '../../src/clock.js';
import { MemoryStore } from '../../src/store/memory/memoryStore.js';
import type { Store } from '../../src/store/types.js';
import { startLiveServer, type LiveServer } from '../helpers/liveServer.js';
import { rawRequest } from '../helpers/rawRequest.js';
import { ADMIN_TOKEN, VERIFY_TOKEN } from '../helpers/testDeps.js';
import { action, issueCredentials, queryCall } from '../sts/support/query.js';
import { createUser } from '../sts/support/users.js';
import { BUILTIN_POLICY_NAMES } from '../../src/policies/index.js';

const DETAIL = 'secret detail xyz';

/** A memory store whose getUser throws an unexpected error (with internal text) once armed. */
function throwingStore(): { store: Store; arm(): void } {
  let armed = false;
  const memory = new MemoryStore({ clock: systemClock, builtinPolicies: BUILTIN_POLICY_NAMES });
  const store = new Proxy(memory, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'getUser') {
        return (...args: unknown[]) => (armed ? Promise.reject(new Error(DETAIL)) : value.apply(target, args));
      }
      return value.bind(target);
    },
  });
  return { store, arm: () => (armed = true) };
}

interface Answer {
  readonly status: number;
  readonly headerId: string | undefined;
  readonly bodyId: string | undefined;
  readonly message: string | undefined;
  readonly body: string;
}

type Session = Awaited<ReturnType<typeof issueCredentials>>;

const surfaces: Array<[string, (server: LiveServer, session: Session) => Promise<Answer>, string]> = [
  [
    'admin API (Express, JSON)',
    async (server) => {
      const res = await rawRequest(`${server.url}/admin/v1/users/alice`, { method: 'GET', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      const json = JSON.parse(res.body) as { error: { message: string; requestId: string } };
      return { status: res.status, headerId: header(res.headers['x-amzn-requestid']), bodyId: json.error.requestId, message: json.error.message, body: res.body };
    },
    'internal error',
  ],
  [
    'STS Query API (AWS XML)',
    async (server) => {
      const res = await queryCall(server, { params: action('GetCallerIdentity'), creds: { accessKeyId: 'alice', secretAccessKey: 'Sup3r-Secret-Key!' } });
      return {
        status: res.status,
        headerId: header(res.headers['x-amzn-requestid']),
        bodyId: res.xml.text('RequestId'),
        message: res.xml.text('Error/Message'),
        body: res.body,
      };
    },
    'We encountered an internal error. Please try again.',
  ],
  [
    'sidecar (raw node:http, JSON)',
    async (server, session) => {
      const res = await rawRequest(`${server.url}/v1/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${VERIFY_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ accessKeyId: session.accessKeyId, sessionToken: session.sessionToken }),
      });
      const json = JSON.parse(res.body) as { error: { message: string; requestId: string } };
      return { status: res.status, headerId: header(res.headers['x-amzn-requestid']), bodyId: json.error.requestId, message: json.error.message, body: res.body };
    },
    'internal error',
  ],
];

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

describe('unexpected errors: a generic answer with a request id, the detail only in the log', () => {
  for (const [name, call, message] of surfaces) {
    describe(name, () => {
      let server: LiveServer;
      let session: Session;
      before(async () => {
        const backend = throwingStore();
        server = await startLiveServer({ store: backend.store });
        session = await issueCredentials(server, (await createUser(server, 'alice')).creds);
        backend.arm();
      });
      after(async () => server?.close());

      it('answers 500 InternalFailure without the internal text', async () => {
        const answer = await call(server, session);
        assert.equal(answer.status, 500, answer.body);
        assert.ok(!answer.body.includes('secret detail'), answer.body);
        assert.equal(answer.message, message);
        assert.ok(answer.headerId !== undefined && answer.headerId.length > 0);
        assert.equal(answer.bodyId, answer.headerId);
        const logged = server.deps.logs.records().filter((line) => line.reqId === answer.headerId && line.msg === 'unexpected error');
        assert.equal(logged.length, 1, server.deps.logs.text());
        assert.match(JSON.stringify(logged[0]), /secret detail xyz/);
      });
    });
  }
});
