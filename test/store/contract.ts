import { concurrencyCases } from './contract/concurrency.js';
import type { FixtureRef, MakeStore, StoreFixture } from './contract/fixtures.js';
import { attachCases, policyCases } from './contract/policies.js';
import { roleCases } from './contract/roles.js';
import { sessionCases } from './contract/sessions.js';
import { userCases } from './contract/users.js';

export type { MakeStore, StoreFixture } from './contract/fixtures.js';

/**
 * The storage contract, run against every Store implementation. Each test gets a fresh, empty
 * store whose clock starts at the real time; tests that need time to pass advance the manual
 * clock and wait as long in real time (see passTime), so a store that expires by its clock and
 * one that expires in real time (Redis) both see the same thing.
 */
export function runStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name} (store contract)`, () => {
    const ref = {} as FixtureRef;
    let fixture: StoreFixture | undefined;
    beforeEach(async () => {
      fixture = await makeStore();
      ref.fixture = fixture;
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });
    userCases(ref);
    attachCases(ref);
    policyCases(ref);
    sessionCases(ref);
    roleCases(ref);
    concurrencyCases(ref);
  });
}
