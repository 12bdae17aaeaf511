/**
 * Policy evaluation throughput on a realistic mixed set: a user policy with a home directory
 * (policy variables), an IP condition and an explicit deny, a session policy narrowing to one
 * bucket, and the built-in readonly policy. Run: `node --import tsx bench/policy.bench.ts`.
 * An optional argument runs only the scenarios whose name contains it.
 * Prints decisions per CPU-second per scenario and its ratio to the 1M decisions/s target.
 */
import {
  BUILTIN_POLICIES,
  compilePolicy,
  evaluate,
  minifyPolicy,
  parsePolicy,
  PolicyCache,
  type AuthorizationRequest,
  type CompiledPolicy,
} from '../src/policy/index.js';

const TARGET_PER_SECOND = 1_000_000;

const userDocument = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ListOwnPrefix', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data',
      Condition: { StringLike: { 's3:prefix': ['', 'home/${aws:username}/*'] } } },
    { Sid: 'Home', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: 'arn:aws:s3:::data/home/${aws:username}/*' },
    { Sid: 'Shared', Effect: 'Allow', Action: 's3:Get*', Resource: ['arn:aws:s3:::shared/*', 'arn:aws:s3:::public/*'],
      Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } } },
    { Sid: 'NoDeleteShared', Effect: 'Deny', Action: 's3:Delete*', Resource: 'arn:aws:s3:::shared/*' },
    { Sid: 'TlsOnly', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
  ],
});
const sessionDocument = JSON.stringify({
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::data/*', 'arn:aws:s3:::data', 'arn:aws:s3:::shared/*'] },
});

const context = (user: string, ip: string) => ({
  'aws:username': user, 'aws:userid': `AID${user}`, 'aws:SourceIp': ip, 'aws:SecureTransport': 'true',
  'aws:CurrentTime': '2024-06-01T12:00:00Z', 'aws:EpochTime': '1717243200',
});
const requests: AuthorizationRequest[] = [
  { action: 's3:GetObject', resource: 'arn:aws:s3:::data/home/bob/photos/1.jpg', context: context('bob', '10.1.2.3') },
  { action: 's3:PutObject', resource: 'arn:aws:s3:::data/home/ann/notes.txt', context: context('bob', '10.1.2.3') },
  { action: 's3:ListBucket', resource: 'arn:aws:s3:::data', context: { ...context('bob', '10.1.2.3'), 's3:prefix': 'home/bob/' } },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::shared/report.pdf', context: context('ann', '2001:db8::7') },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::shared/report.pdf', context: context('ann', '192.0.2.1') },
  { action: 's3:DeleteObject', resource: 'arn:aws:s3:::shared/report.pdf', context: context('ann', '10.0.0.1') },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::other/x', context: context('bob', '10.1.2.3') },
  { action: 's3:GetBucketLocation', resource: 'arn:aws:s3:::data', context: context('bob', '10.1.2.3') },
];

/** `node --import tsx bench/policy.bench.ts [name-filter]` runs only matching scenarios. */
const only = process.argv[2];

function measure(
  name: string,
  decide: (request: AuthorizationRequest) => string,
  iterations = 2_000_000,
  inputs: readonly AuthorizationRequest[] = requests,
): number {
  if (only !== undefined && !name.includes(only)) return 0;
  let sink = 0;
  for (let i = 0; i < iterations / 10; i++) sink += decide(inputs[i % inputs.length] as AuthorizationRequest).length;
  // CPU time, not wall time: the figure should not depend on what else the machine runs.
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) sink += decide(inputs[i % inputs.length] as AuthorizationRequest).length;
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  const perSecond = iterations / seconds;
  const ratio = (perSecond / TARGET_PER_SECOND).toFixed(2);
  console.log(`${name.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} decisions/CPU-s  x${ratio} of target${sink < 0 ? '!' : ''}`);
  return perSecond;
}

const compile = (document: unknown, name: string): CompiledPolicy => compilePolicy(parsePolicy(document), { name });
const user = compile(userDocument, 'user');
const session = compile(sessionDocument, 'session');
const readonly = compile(BUILTIN_POLICIES.readonly, 'readonly');
const cache = new PolicyCache();
const readonlyText = minifyPolicy(BUILTIN_POLICIES.readonly);

measure('builtin readonly', (r) => evaluate([readonly], r).reason);
measure('user policy', (r) => evaluate([user], r).reason);
measure('user + session policy', (r) => evaluate([user, session], r).reason);
measure('user + session + readonly', (r) => evaluate([user, session, readonly], r).reason);
measure('cache lookup + user + session', (r) =>
  evaluate([cache.get(userDocument, 'user'), cache.get(sessionDocument, 'session')], r).reason);
measure('cache lookup + readonly', (r) => evaluate([cache.get(readonlyText, 'readonly')], r).reason);

// The worst case found for matching cost: a session policy (within the 2 KB limit) whose one
// pattern is a long `?` segment between stars, against S3's longest key (1,024 bytes) that
// almost matches everywhere. Matching stays one pass over the resource per pattern.
const worstSession = compile(
  JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::*${'?a'.repeat(900)}b*` } }),
  'worst-session',
);
const longKeys: AuthorizationRequest[] = [
  { action: 's3:GetObject', resource: `arn:aws:s3:::data/home/bob/${'a'.repeat(1024)}`, context: context('bob', '10.1.2.3') },
];
const plain = measure('user + session policy, 1 KB key', (r) => evaluate([user, session], r).reason, 200_000, longKeys);
const worst = measure('user + worst-case session policy, 1 KB key', (r) => evaluate([user, worstSession], r).reason, 20_000, longKeys);
if (plain > 0 && worst > 0) console.log(`worst-case matching costs ${(plain / worst).toFixed(1)}x the plain session policy on the same key`);
