import type { SigningCredentials } from '../../src/sigv4/index.js';
import { jsonCall } from './client.js';
import type { Instance } from './instances.js';
import { POLICY, POLICY_NAME } from './oracle.js';

const USERS = 4;

/**
 * The soak's users, made through the admin API: the policy on one instance, the users
 * alternately on both, so each instance serves state the other wrote.
 */
export async function setUpUsers(instances: readonly Instance[], adminToken: string): Promise<SigningCredentials[]> {
  const first = instances[0] as Instance;
  await expectCreated(jsonCall(`${first.url}/admin/v1/policies/${POLICY_NAME}`, adminToken, 'PUT', POLICY), `policy ${POLICY_NAME}`);
  const users: SigningCredentials[] = [];
  for (let i = 1; i <= USERS; i += 1) {
    const name = `soak-user-${i}`;
    const secretKey = `Soak-Secret-Key-${i}!`;
    const instance = instances[i % instances.length] as Instance;
    await expectCreated(jsonCall(`${instance.url}/admin/v1/users`, adminToken, 'POST', { name, secretKey, policy: POLICY_NAME }), `user ${name}`);
    users.push({ accessKeyId: name, secretAccessKey: secretKey });
  }
  return users;
}

async function expectCreated(call: ReturnType<typeof jsonCall>, what: string): Promise<void> {
  const answer = await call;
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`creating ${what}: ${answer.status} ${answer.body.slice(0, 300)}`);
}
