import assert from 'node:assert/strict';
import {
  defineOidcProvider, evaluateTrust, parseTrustPolicy, webIdentityContext, type TrustDecision,
} from '../../src/oidc/index.js';
import { isPolicyValidationError } from '../../src/policy/index.js';

const ACCOUNT = '123456789012';
const provider = defineOidcProvider({ issuer: 'https://oidc.example.com/tenant', audiences: ['my-client'] }, { accountId: ACCOUNT });
const other = defineOidcProvider({ issuer: 'https://other.example.org', audiences: ['my-client'] }, { accountId: ACCOUNT });
const KEY = provider.key; // oidc.example.com/tenant

const claims = {
  iss: provider.issuer,
  sub: 'system:serviceaccount:ns:sa',
  aud: 'my-client',
  email: 'dev@example.com',
  groups: ['dev', 'ops'],
  amr: ['pwd', 'mfa'],
  level: 3,
  verified: true,
  params: { department: 'engineering' },
  iat: 1_700_000_000,
  exp: 1_700_000_600,
};

type Statement = Record<string, unknown>;
const allow = (extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Principal: { Federated: provider.arn },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...extra,
});
const doc = (...Statement: Statement[]) => ({ Version: '2012-10-17', Statement });
const decide = (statements: Statement[], tokenClaims: Record<string, unknown> = claims, caller = provider, action?: string) =>
  evaluateTrust(parseTrustPolicy(doc(...statements)), { provider: caller, claims: tokenClaims, action });

const ALLOWED = (index = 0, sid?: string): TrustDecision => ({ allowed: true, reason: 'Allowed', statement: { ...(sid ? { sid } : {}), index } });
const DENIED: TrustDecision = { allowed: false, reason: 'ImplicitDeny' };

describe('trust policy evaluation for web identities', () => {
  const cases: Array<[string, () => TrustDecision, TrustDecision]> = [
    ['sub and aud conditions that hold', () => decide([allow({ Condition: { StringEquals: { [`${KEY}:sub`]: claims.sub, [`${KEY}:aud`]: 'my-client' } } })]), ALLOWED()],
    ['a sub condition naming another subject', () => decide([allow({ Condition: { StringEquals: { [`${KEY}:sub`]: 'system:serviceaccount:ns:other' } } })]), DENIED],
    ['an aud condition naming another client', () => decide([allow({ Condition: { StringEquals: { [`${KEY}:aud`]: 'other-client' } } })]), DENIED],
    ['a condition key of another provider', () => decide([allow({ Condition: { StringEquals: { [`${other.key}:sub`]: claims.sub } } })]), DENIED],
    ['a multi-valued aud containing the client', () => decide([allow({ Condition: { StringEquals: { [`${KEY}:aud`]: 'my-client' } } })], { ...claims, aud: ['x', 'my-client'] }), ALLOWED()],
    ['StringLike on a custom claim', () => decide([allow({ Condition: { StringLike: { [`${KEY}:email`]: '*@example.com' } } })]), ALLOWED()],
    ['StringLike on a custom claim that does not match', () => decide([allow({ Condition: { StringLike: { [`${KEY}:email`]: '*@corp.example' } } })]), DENIED],
    ['StringLike on a custom claim the token lacks', () => decide([allow({ Condition: { StringLike: { [`${KEY}:email`]: '*' } } })], { ...claims, email: undefined }), DENIED],
    ['sub with a wildcard (StringLike)', () => decide([allow({ Condition: { StringLike: { [`${KEY}:sub`]: 'system:serviceaccount:ns:*' } } })]), ALLOWED()],
    ['ForAnyValue on a list claim', () => decide([allow({ Condition: { 'ForAnyValue:StringEquals': { [`${KEY}:groups`]: 'ops' } } })]), ALLOWED()],
    ['ForAllValues on amr that the token exceeds', () => decide([allow({ Condition: { 'ForAllValues:StringEquals': { [`${KEY}:amr`]: 'pwd' } } })]), DENIED],
    ['a numeric claim', () => decide([allow({ Condition: { NumericGreaterThanEquals: { [`${KEY}:level`]: 3 } } })]), ALLOWED()],
    ['a boolean claim', () => decide([allow({ Condition: { Bool: { [`${KEY}:verified`]: 'true' } } })]), ALLOWED()],
    ['a nested claim, which has no key', () => decide([allow({ Condition: { Null: { [`${KEY}:params`]: 'true' } } })]), ALLOWED()],
    ['aws:FederatedProvider', () => decide([allow({ Condition: { StringEquals: { 'aws:FederatedProvider': provider.arn } } })]), ALLOWED()],
    ['the provider named by its key instead of its ARN', () => decide([allow({ Principal: { Federated: KEY } })]), ALLOWED()],
    ['the provider among several', () => decide([allow({ Principal: { Federated: [other.arn, provider.arn] } })]), ALLOWED()],
    ['another provider in Principal', () => decide([allow({ Principal: { Federated: other.arn } })]), DENIED],
    ['a caller from another provider', () => decide([allow()], claims, other), DENIED],
    ['the provider ARN in another account', () => decide([allow({ Principal: { Federated: provider.arn.replace(ACCOUNT, '000000000000') } })]), DENIED],
    ['Principal "*" with a sub condition', () => decide([allow({ Principal: '*', Condition: { StringEquals: { [`${KEY}:sub`]: claims.sub } } })]), ALLOWED()],
    ['an AWS principal only', () => decide([allow({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } })]), DENIED],
    ['an AWS "*" principal', () => decide([allow({ Principal: { AWS: '*' } })]), ALLOWED()],
    ['a statement for sts:AssumeRole only', () => decide([allow({ Action: 'sts:AssumeRole' })]), DENIED],
    ['an sts:* action', () => decide([allow({ Action: 'sts:*' })]), ALLOWED()],
    ['sts:TagSession checked as its own action', () => decide([allow()], claims, provider, 'sts:TagSession'), DENIED],
    ['no statement that applies', () => decide([{ Effect: 'Deny', Principal: { Federated: other.arn }, Action: 'sts:*' }]), DENIED],
    [
      'a Deny statement that applies, after an Allow',
      () => decide([allow({ Sid: 'Everyone' }), { Sid: 'NoOps', Effect: 'Deny', Principal: { Federated: provider.arn }, Action: 'sts:*', Condition: { 'ForAnyValue:StringEquals': { [`${KEY}:groups`]: 'ops' } } }]),
      { allowed: false, reason: 'ExplicitDeny', statement: { sid: 'NoOps', index: 1 } },
    ],
    [
      'a Deny statement whose condition does not hold',
      () => decide([{ Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { StringEquals: { [`${KEY}:sub`]: 'mallory' } } }, allow()]),
      ALLOWED(1),
    ],
    ['the first applying Allow', () => decide([allow({ Sid: 'Nope', Condition: { StringEquals: { [`${KEY}:sub`]: 'x' } } }), allow({ Sid: 'Yes' })]), ALLOWED(1, 'Yes')],
  ];
  for (const [name, run, want] of cases) it(name, () => assert.deepEqual(run(), want));

  it('uses keys the service supplies and lets no claim replace them', () => {
    const policy = parseTrustPolicy(doc(allow({ Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })));
    const at = (ip: string) => evaluateTrust(policy, { provider, claims, context: { 'aws:SourceIp': ip } }).allowed;
    assert.equal(at('10.1.2.3'), true);
    assert.equal(at('192.0.2.1'), false);
    const context = webIdentityContext(provider, { ...claims, 'aws:FederatedProvider': 'forged' });
    assert.equal(context['aws:FederatedProvider'], provider.arn);
    // A claim name with a colon is left out: it could read as another provider's key.
    assert.equal(context[`${KEY}:aws:FederatedProvider`], undefined);
    const portClaim = webIdentityContext(provider, { ...claims, '8443:sub': 'someone-else' });
    assert.equal(Object.keys(portClaim).some((key) => key.endsWith(':8443:sub')), false);
    assert.equal(portClaim[`${KEY}:sub`], claims.sub);
  });
});

describe('trust policy parsing', () => {
  const refused: Array<[string, unknown, { code: string; statement?: string; field?: string }]> = [
    ['a statement without Principal', doc({ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }), { code: 'MalformedPolicyDocument', statement: 'Statement[0]', field: 'Principal' }],
    ['NotPrincipal', doc(allow({ NotPrincipal: { AWS: '*' } })), { code: 'MalformedPolicyDocument', field: 'NotPrincipal' }],
    ['Resource', doc(allow({ Resource: '*' })), { code: 'MalformedPolicyDocument', field: 'Resource' }],
    ['an unknown principal type', doc(allow({ Principal: { Group: 'x' } })), { code: 'MalformedPolicyDocument', field: 'Principal' }],
    ['an empty Federated list', doc(allow({ Principal: { Federated: [] } })), { code: 'MalformedPolicyDocument', field: 'Principal' }],
    ['a Principal that is a bare string', doc(allow({ Principal: provider.arn })), { code: 'MalformedPolicyDocument', field: 'Principal' }],
    ['a bad Sid names the Sid', doc(allow(), allow({ Sid: 'Second', Principal: 7 })), { code: 'MalformedPolicyDocument', statement: 'Second', field: 'Principal' }],
    ['an unknown condition operator, at its position', doc(allow(), allow({ Condition: { StringSortOf: { [`${KEY}:sub`]: 'x' } } })), { code: 'MalformedPolicyDocument', statement: 'Statement[1]', field: 'Condition' }],
    ['a bad action', doc(allow({ Action: 'not an action' })), { code: 'MalformedPolicyDocument', field: 'Action' }],
    ['a missing Version', { Statement: [allow()] }, { code: 'MalformedPolicyDocument', field: 'Version' }],
    ['an unknown top-level key', { ...doc(allow()), Extra: 1 }, { code: 'MalformedPolicyDocument', field: 'Extra' }],
    ['a document over the size limit', doc(...Array.from({ length: 30 }, () => allow())), { code: 'PolicyTooLarge' }],
    ['not JSON', '{"Version":', { code: 'MalformedPolicyDocument' }],
  ];
  for (const [name, input, want] of refused) {
    it(`refuses ${name}`, () => {
      assert.throws(() => parseTrustPolicy(input), (err: unknown) => {
        assert.ok(isPolicyValidationError(err), String(err));
        assert.equal(err.code, want.code);
        if (want.statement !== undefined) assert.equal(err.statement, want.statement);
        if (want.field !== undefined) assert.equal(err.field, want.field);
        return true;
      });
    });
  }

  it('accepts JSON text and a single statement object, and keeps the document', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: allow() }, null, 2);
    const policy = parseTrustPolicy(text);
    assert.equal(policy.statements.length, 1);
    assert.equal(policy.document, JSON.stringify(JSON.parse(text)));
    assert.equal(evaluateTrust(policy, { provider, claims }).allowed, true);
  });
});
