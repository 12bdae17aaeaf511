import type { KeyRing } from '../crypto/keyRing.js';
import { openSealed, sealedKeyId, withKeyId } from '../crypto/secretBox.js';
import type { ListOptions, Page, Store, UserRecord } from '../store/types.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupAttachment, type BackupUser } from './backupDocument.js';

const PAGE = 500;

/**
 * The backup document as JSON text, in chunks of one store page each, so a backup of 100k users
 * is written as it is read rather than held in memory. The key ids come last: they are known
 * once every user has been read.
 */
export async function* backupJson(store: Store, keys: KeyRing, now: number): AsyncGenerator<string> {
  const keyIds = new Set<string>();
  const attachments: BackupAttachment[] = [];
  yield `{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},"createdAt":${JSON.stringify(new Date(now).toISOString())}`;
  yield* array('policies', pages((options) => store.listPolicies(options)));
  yield* array('oidcProviders', pages((options) => store.listOidcProviders(options)));
  yield* array('roles', mapPages(pages((options) => store.listRoles(options)), ({ policy, ...role }) => {
    if (policy !== undefined) attachments.push({ role: role.name, policy });
    return role;
  }));
  yield* array('users', mapPages(pages((options) => store.listUsers(options)), (user) => {
    if (user.policy !== undefined) attachments.push({ user: user.name, policy: user.policy });
    const entry = backupUser(keys, user);
    const keyId = sealedKeyId(entry.sealedSecret);
    if (keyId !== undefined) keyIds.add(keyId);
    return entry;
  }));
  yield `,"attachments":${JSON.stringify(attachments)},"keyIds":${JSON.stringify([...keyIds].sort())}}\n`;
}

/**
 * The user as stored, its sealed secret in the form that names its key: a legacy `v1` value is
 * relabelled with the id of the key that opens it (no re-encryption, nothing decrypted leaves).
 * One that opens under no key is kept as it is, and a restore refuses it.
 */
function backupUser(keys: KeyRing, { policy: _policy, ...user }: UserRecord): BackupUser {
  if (sealedKeyId(user.sealedSecret) !== undefined) return user;
  const opened = openSealed(keys, user.sealedSecret, user.name);
  const named = opened === undefined ? undefined : withKeyId(user.sealedSecret, opened.ring.keyId);
  return named === undefined ? user : { ...user, sealedSecret: named };
}

async function* pages<T>(list: (options: ListOptions) => Promise<Page<T>>): AsyncGenerator<readonly T[]> {
  let cursor: string | undefined;
  do {
    const page = await list(cursor === undefined ? { limit: PAGE } : { limit: PAGE, cursor });
    yield page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}

async function* mapPages<T, U>(source: AsyncGenerator<readonly T[]>, map: (item: T) => U): AsyncGenerator<readonly U[]> {
  for await (const items of source) yield items.map(map);
}

async function* array(name: string, source: AsyncGenerator<readonly unknown[]>): AsyncGenerator<string> {
  yield `,${JSON.stringify(name)}:[`;
  let first = true;
  for await (const items of source) {
    if (items.length === 0) continue;
    yield `${first ? '' : ','}${items.map((item) => JSON.stringify(item)).join(',')}`;
    first = false;
  }
  yield ']';
}
