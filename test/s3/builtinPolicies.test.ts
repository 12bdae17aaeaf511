/** The contract's built-in policies grant what their names say on classified S3 requests. */
import assert from 'node:assert/strict';
import { BUILTIN_POLICIES, compilePolicy, evaluate, parsePolicy } from '../../src/policy/index.js';
import { classifyS3Request } from '../../src/s3/index.js';

function decisions(policy: keyof typeof BUILTIN_POLICIES, method: string, path: string): string[] {
  const classified = classifyS3Request({ method, path, query: '', headers: { host: 's3.example.test' } }, { baseDomains: [] });
  assert.equal(classified.kind, 'operation');
  if (classified.kind !== 'operation') return [];
  const compiled = compilePolicy(parsePolicy(BUILTIN_POLICIES[policy]));
  return classified.authorizations.map(({ action, resource }) => evaluate([compiled], { action, resource, context: classified.context }).decision);
}

describe('s3: built-in policies on classified requests', () => {
  const cases: Array<[keyof typeof BUILTIN_POLICIES, string, string, string]> = [
    ['readonly', 'GET', '/', 'Allow'],
    ['readonly', 'GET', '/bucket', 'Allow'],
    ['readonly', 'GET', '/bucket/key', 'Allow'],
    ['readonly', 'PUT', '/bucket/key', 'Deny'],
    ['writeonly', 'PUT', '/bucket/key', 'Allow'],
    ['writeonly', 'GET', '/', 'Deny'],
    ['readwrite', 'GET', '/', 'Allow'],
    ['readwrite', 'DELETE', '/bucket/key', 'Allow'],
  ];
  for (const [policy, method, path, want] of cases) {
    it(`${policy}: ${method} ${path} -> ${want}`, () => {
      const got = decisions(policy, method, path);
      assert.ok(got.length > 0);
      assert.equal(got.every((d) => d === 'Allow') ? 'Allow' : 'Deny', want);
    });
  }
});
