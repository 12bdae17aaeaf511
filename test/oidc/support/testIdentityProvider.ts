/**
 * A real OpenID Provider (panva's `oidc-provider`) on 127.0.0.1, for web identity tests.
 * Tokens come from its token endpoint through the client-credentials grant (headless): with
 * resource indicators it issues JWT access tokens carrying `iss`, `sub` (the client id), `aud`
 * (the resource server's audience), `iat`, `exp` and the extra claims below. The signing keys
 * are generated here, so tests can also hand-sign edge cases with the provider's own keys.
 * Every HTTP request to the provider is counted by path.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'ci-job';
const CLIENT_SECRET = 'ci-job-secret-value';
/** The audience of tokens for the default resource; `urn:other` yields `other.example`. */
export const STS_AUDIENCE = 'sts.example';
export const EXTRA_CLAIMS = { email: 'ci@example.com', groups: ['dev', 'ops'], level: 3 };

type Alg = 'RS256' | 'ES256';

interface SigningKey {
  readonly kid: string;
  readonly alg: Alg;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

export interface TokenRequest {
  /** `urn:s3-sts` (default, audience `sts.example`) or `urn:other` (audience `other.example`). */
  readonly resource?: string;
  readonly alg?: Alg;
}

export class TestIdentityProvider {
  readonly requests = new Map<string, number>();
  private keys: SigningKey[] = [];
  private handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  private generation = 0;

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const idp = new TestIdentityProvider(server, `http://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      idp.requests.set(path, (idp.requests.get(path) ?? 0) + 1);
      idp.handler?.(req, res);
    });
    await idp.rotateKeys();
    return idp;
  }

  /** Requests served so far, all paths together. */
  get requestCount(): number {
    let total = 0;
    for (const count of this.requests.values()) total += count;
    return total;
  }

  get currentKids(): readonly string[] {
    return this.keys.map((key) => key.kid);
  }

  /**
   * Replaces the provider with a fresh one on the same port holding brand-new keys (new kids):
   * the previous keys disappear from its JWKS, as in a real key rotation.
   */
  async rotateKeys(): Promise<void> {
    this.generation += 1;
    this.keys = [await signingKey('RS256', `rsa-${this.generation}`), await signingKey('ES256', `ec-${this.generation}`)];
    const provider = new Provider(this.issuer, providerConfiguration(this.keys));
    this.handler = provider.callback();
  }

  /** An access token from the token endpoint (client credentials). */
  async issueToken(request: TokenRequest = {}): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      scope: 'sts',
      resource: request.resource ?? (request.alg === 'RS256' ? 'urn:s3-sts:rsa' : 'urn:s3-sts'),
    });
    const response = await fetch(`${this.issuer}/token`, { method: 'POST', body });
    const answer = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || answer.access_token === undefined) {
      throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(answer)}`);
    }
    return answer.access_token;
  }

  /** A token hand-signed with the provider's current key for `alg`, for claim edge cases. */
  async sign(payload: JWTPayload, options: { alg?: Alg; header?: Record<string, unknown> } = {}): Promise<string> {
    const alg = options.alg ?? 'ES256';
    const key = this.keys.find((candidate) => candidate.alg === alg);
    if (key === undefined) throw new Error(`no ${alg} key`);
    return new SignJWT(payload)
      .setProtectedHeader({ alg, kid: key.kid, typ: 'JWT', ...options.header })
      .sign(key.privateKey);
  }

  /** A payload that the provider would issue now, to be altered by a test. */
  claims(nowSeconds: number, overrides: JWTPayload = {}): JWTPayload {
    return { iss: this.issuer, sub: CLIENT_ID, aud: STS_AUDIENCE, iat: nowSeconds, exp: nowSeconds + 600, ...overrides };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function signingKey(alg: Alg, kid: string): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' } };
}

/** oidc-provider's storage interface over a Map; naming one keeps its dev-adapter warning quiet. */
class MemoryAdapter {
  private static readonly stores = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly store: Map<string, Record<string, unknown>>;

  constructor(name: string) {
    const existing = MemoryAdapter.stores.get(name);
    this.store = existing ?? new Map();
    if (existing === undefined) MemoryAdapter.stores.set(name, this.store);
  }

  async upsert(id: string, payload: Record<string, unknown>): Promise<void> {
    this.store.set(id, payload);
  }
  async find(id: string): Promise<Record<string, unknown> | undefined> {
    return this.store.get(id);
  }
  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    for (const payload of this.store.values()) if (payload['uid'] === uid) return payload;
    return undefined;
  }
  async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
    for (const payload of this.store.values()) if (payload['userCode'] === userCode) return payload;
    return undefined;
  }
  async consume(id: string): Promise<void> {
    const payload = this.store.get(id);
    if (payload !== undefined) payload['consumed'] = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string): Promise<void> {
    this.store.delete(id);
  }
  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, payload] of this.store) if (payload['grantId'] === grantId) this.store.delete(id);
  }
}

function providerConfiguration(keys: readonly SigningKey[]) {
  return {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    adapter: MemoryAdapter,
    jwks: { keys: keys.map((key) => key.jwk) },
    ttl: { ClientCredentials: 600 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:s3-sts',
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'sts',
          audience: resource === 'urn:other' ? 'other.example' : STS_AUDIENCE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: resource === 'urn:s3-sts:rsa' ? 'RS256' : 'ES256' } },
        }),
      },
    },
    extraTokenClaims: () => EXTRA_CLAIMS,
  };
}
