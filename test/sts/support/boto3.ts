import type { SigningCredentials } from '../../../src/sigv4/index.js';
import type { LiveServer } from '../../helpers/liveServer.js';
import { runPythonJson, type IsolatedAwsEnv } from './python.js';

/** Keys for a boto3 client: given outright, or the Credentials an earlier step of the batch returned. */
export type Boto3Creds = { key: string; secret: string; token?: string } | { fromStep: number };

export interface Boto3Step {
  readonly op: 'call' | 'presign';
  /** A boto3 STS client method, e.g. `assume_role`. */
  readonly action: string;
  readonly params?: Record<string, unknown>;
  readonly creds: Boto3Creds;
  /** Presigned URL lifetime, seconds. */
  readonly expires?: number;
  /** The method a presigned URL is signed for; botocore's default is the operation's, POST. */
  readonly httpMethod?: 'GET' | 'POST';
}

export interface Boto3Error {
  readonly code: string;
  readonly message: string;
  readonly type: string;
  readonly status: number;
  readonly requestId: string;
}

export interface Boto3Result {
  readonly ok?: any;
  readonly error?: Boto3Error;
  readonly url?: string;
}

export function boto3Creds(creds: SigningCredentials): { key: string; secret: string; token?: string } {
  return {
    key: creds.accessKeyId,
    secret: creds.secretAccessKey,
    ...(creds.sessionToken === undefined ? {} : { token: creds.sessionToken }),
  };
}

/** Keys given outright, or `{ from: name }`: the Credentials an earlier step of the batch returned. */
export type NamedCreds = Exclude<Boto3Creds, { fromStep: number }> | { from: string };

export type NamedStep = Omit<Boto3Step, 'creds'> & { readonly creds: NamedCreds };

/**
 * Runs named steps in one python process (test/clients/sts_calls.py), in order, and returns
 * their results by name: one interpreter start-up for a whole scenario.
 */
export async function boto3Batch<Name extends string>(
  server: LiveServer,
  env: IsolatedAwsEnv,
  steps: Readonly<Record<Name, NamedStep>>,
): Promise<Record<Name, Boto3Result>> {
  const names = Object.keys(steps) as Name[];
  const indexed: Boto3Step[] = names.map((name) => {
    const step = steps[name];
    if (!('from' in step.creds)) return { ...step, creds: step.creds };
    const from = names.indexOf(step.creds.from as Name);
    if (from < 0 || from >= names.indexOf(name)) throw new Error(`step ${name} uses the credentials of a later or unknown step`);
    return { ...step, creds: { fromStep: from } };
  });
  const output = await runPythonJson<{ results: Boto3Result[] }>('sts_calls.py', {
    env: env.vars(),
    stdin: { endpoint: server.url, region: 'us-east-1', steps: indexed },
  });
  return Object.fromEntries(names.map((name, i) => [name, output.results[i] as Boto3Result])) as Record<Name, Boto3Result>;
}
