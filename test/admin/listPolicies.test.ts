import assert from 'node:assert/strict';
import { listPolicies, putPolicy } from '../../src/admin/policies.js';
import { createUser } from '../../src/admin/users.js';
import type { Store } from '../../src/store/types.js';
import { makeTestDeps } from '../helpers/testDeps.js';

/** Counts the store calls made through it. */
function counting(store: Store): { store: Store; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('admin listPolicies', () => {
  it('reads a page with a fixed number of store calls, not one per policy', async () => {
    const deps = makeTestDeps();
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) await putPolicy(deps, name, document);
    await createUser(deps, { name: 'alice', secretKey: 'Sup3r-Secret-Key!', policy: 'p3' });
    await createUser(deps, { name: 'bob', secretKey: 'Sup3r-Secret-Key!', policy: 'readonly' });
    const { store, calls } = counting(deps.store);
    const listed = await listPolicies({ ...deps, store }, { limit: 100 });
    assert.deepEqual(Object.fromEntries(calls), { listPolicies: 1, policyUsersOf: 1 });
    const users = Object.fromEntries(listed.policies.map((policy) => [policy.name, policy.users]));
    assert.deepEqual(users, { readonly: ['bob'], writeonly: [], readwrite: [], p1: [], p2: [], p3: ['alice'], p4: [], p5: [] });
  });
});
