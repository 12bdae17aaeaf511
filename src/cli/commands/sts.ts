import { Option, type Command } from 'commander';
import { create } from 'xmlbuilder2';
import { signRequest, type SigningCredentials } from '../../sigv4/index.js';
import { connectionError, parseEndpoint } from '../adminHttp.js';
import { parseDuration } from '../duration.js';
import { ApiError, CliError } from '../errors.js';
import { readPolicyFile } from '../policyFile.js';
import { readSecret } from '../prompt.js';
import { DEFAULT_ENDPOINT, type CommandContext, type GlobalOptions } from './context.js';

/** Any RoleArn is accepted; a role ARN's last path part names the role in the assumed-role ARN. */
const DEFAULT_ROLE_ARN = 'arn:aws:iam::000000000000:role/s3-sts';
const DEFAULT_REGION = 'us-east-1';
const STS_VERSION = '2011-06-15';
const TIMEOUT_MS = 30_000;

interface AssumeRoleOptions {
  readonly accessKey: string;
  readonly secretKey?: string;
  readonly policyFile?: string;
  readonly duration: number;
  readonly roleArn: string;
  readonly sessionName?: string;
  readonly region: string;
}

interface AssumedRole {
  readonly Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
  readonly AssumedRoleUser: { AssumedRoleId: string; Arn: string };
}

export function registerStsCommands(program: Command, ctx: CommandContext): void {
  const sts = program.command('sts').description('get temporary credentials from the STS Query API');

  sts
    .command('assume-role')
    .description('call AssumeRole signed with a user\'s own keys and print the temporary credentials')
    .requiredOption('--access-key <key>', 'the user\'s access key (its name)')
    .option('--secret-key <secret>', 'the user\'s secret key (when omitted: prompted for without echo on a terminal, else read from stdin)')
    .option('--policy-file <file>', 'a session policy (JSON) that further limits the credentials')
    .addOption(new Option('--duration <duration>', 'lifetime: 900s, 60m, 12h, 2d, 1w or seconds').argParser(parseDuration).makeOptionMandatory())
    .option('--role-arn <arn>', 'the RoleArn to send', DEFAULT_ROLE_ARN)
    .option('--session-name <name>', 'the RoleSessionName (default s3-sts-cli-<unix time>)')
    .option('--region <region>', 'the region to sign for', DEFAULT_REGION)
    // --endpoint (the STS URL) and --json are the program's own options; list them here too.
    .configureHelp({ showGlobalOptions: true })
    .action(async (options: AssumeRoleOptions, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const secretAccessKey = options.secretKey ?? (await readSecret('Secret key: ', '--secret-key', ctx.io.stdin, ctx.io.stderr));
      const params: Record<string, string> = {
        Action: 'AssumeRole',
        Version: STS_VERSION,
        RoleArn: options.roleArn,
        RoleSessionName: options.sessionName ?? `s3-sts-cli-${Math.floor(Date.now() / 1000)}`,
        DurationSeconds: String(options.duration),
        ...(options.policyFile === undefined ? {} : { Policy: JSON.stringify(await readPolicyFile(options.policyFile)) }),
      };
      const endpoint = globals.endpoint || ctx.io.env.STS_ENDPOINT || DEFAULT_ENDPOINT;
      const credentials = { accessKeyId: options.accessKey, secretAccessKey };
      const assumed = await callAssumeRole(ctx, endpoint, options.region, credentials, params);
      if (ctx.json(command)) return ctx.printJson(assumed);
      const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = assumed.Credentials;
      ctx.print(`Access-Key: ${AccessKeyId}\nSecret-Key: ${SecretAccessKey}\nSession-Token: ${SessionToken}\nExpiration: ${Expiration}`);
    });
}

/** A SigV4-signed Query API POST, as any AWS SDK sends it; AWS errors become `ApiError`s. */
async function callAssumeRole(
  ctx: CommandContext,
  endpoint: string,
  region: string,
  credentials: SigningCredentials,
  params: Record<string, string>,
): Promise<AssumedRole> {
  const url = parseEndpoint(endpoint);
  const body = new URLSearchParams(params).toString();
  const headers = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  const signed = signRequest({ method: 'POST', path: url.pathname, query: '', headers, body }, credentials, {
    region,
    service: 'sts',
    now: Date.now(),
  });
  let response: Response;
  try {
    response = await (ctx.io.fetch ?? globalThis.fetch)(url, {
      method: 'POST',
      headers: signed.headers,
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw connectionError(err, url.origin, TIMEOUT_MS);
  }
  const text = await response.text();
  const xml = readXml(text);
  if (!response.ok) {
    const code = xml?.('Error/Code');
    if (code === undefined) throw new ApiError('HttpError', `the service answered ${response.status}`, response.status);
    throw new ApiError(code, xml?.('Error/Message') ?? '', response.status);
  }
  const field = (path: string): string => {
    const value = xml?.(`AssumeRoleResult/${path}`);
    if (value === undefined) throw new CliError('InvalidResponse', `the service's AssumeRole answer has no ${path}`);
    return value;
  };
  return {
    Credentials: {
      AccessKeyId: field('Credentials/AccessKeyId'),
      SecretAccessKey: field('Credentials/SecretAccessKey'),
      SessionToken: field('Credentials/SessionToken'),
      Expiration: field('Credentials/Expiration'),
    },
    AssumedRoleUser: { AssumedRoleId: field('AssumedRoleUser/AssumedRoleId'), Arn: field('AssumedRoleUser/Arn') },
  };
}

interface XmlElement {
  readonly localName: string;
  readonly textContent: string | null;
  readonly children: ArrayLike<XmlElement>;
}

/** A lookup of element text by path below the root, or undefined when the body is not XML. */
function readXml(text: string): ((path: string) => string | undefined) | undefined {
  let root: XmlElement;
  try {
    root = create(text).root().node as unknown as XmlElement;
  } catch {
    return undefined;
  }
  return (path) => {
    let node: XmlElement | undefined = root;
    for (const name of path.split('/')) {
      node = node && Array.from(node.children).find((child) => child.localName === name);
    }
    return node?.textContent ?? undefined;
  };
}
