import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MISSING = 'python3 with boto3 is needed for these tests: install python3 and `pip install boto3`';

/** The path of a helper script in test/clients, wherever the repository is checked out. */
export function clientScript(name: string): string {
  return fileURLToPath(new URL(`../../clients/${name}`, import.meta.url));
}

/**
 * An environment without the developer's AWS settings: every AWS_* variable is dropped, config
 * and credentials files point into a fresh temporary directory, instance metadata is off.
 */
export class IsolatedAwsEnv {
  private constructor(readonly dir: string) {}

  static async create(): Promise<IsolatedAwsEnv> {
    const env = new IsolatedAwsEnv(await mkdtemp(join(tmpdir(), 's3-sts-aws-')));
    await env.writeConfig('');
    await writeFile(env.credentialsFile, '');
    return env;
  }

  get configFile(): string {
    return join(this.dir, 'config');
  }

  get credentialsFile(): string {
    return join(this.dir, 'credentials');
  }

  writeConfig(text: string): Promise<void> {
    return writeFile(this.configFile, text);
  }

  writeCredentials(text: string): Promise<void> {
    return writeFile(this.credentialsFile, text);
  }

  vars(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !name.startsWith('AWS_')) env[name] = value;
    }
    return {
      ...env,
      HOME: this.dir,
      AWS_CONFIG_FILE: this.configFile,
      AWS_SHARED_CREDENTIALS_FILE: this.credentialsFile,
      AWS_EC2_METADATA_DISABLED: 'true',
      PYTHONDONTWRITEBYTECODE: '1',
      ...extra,
    };
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to completion, feeding `stdin`; a missing program fails with what to install. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env: Record<string, string>; stdin?: string; missing?: string },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new Error(options.missing ?? `${command} not found on PATH`) : err),
    );
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs a test/clients python script and parses the JSON it prints. */
export async function runPythonJson<T>(
  script: string,
  options: { env: Record<string, string>; stdin?: unknown; args?: readonly string[] },
): Promise<T> {
  const stdin = options.stdin === undefined ? '' : JSON.stringify(options.stdin);
  const result = await runProcess('python3', [clientScript(script), ...(options.args ?? [])], { env: options.env, stdin, missing: MISSING });
  if (result.code !== 0) {
    const hint = /No module named '?boto/.test(result.stderr) ? `${MISSING}\n` : '';
    throw new Error(`${hint}${script} exited with ${result.code}:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout) as T;
}
