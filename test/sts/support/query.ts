import { signRequest, type SigningCredentials } from '../../../src/sigv4/index.js';
import type { LiveServer } from '../../helpers/liveServer.js';
import { rawRequest, type RawResponse } from '../../helpers/rawRequest.js';
import { parseStsXml, type StsXml } from './xml.js';

export const FORM_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

export interface QueryCall {
  /** Query API parameters, in order; a name may repeat. Version 2011-06-15 is not added for you. */
  readonly params: ReadonlyArray<readonly [string, string]>;
  /** Omit to send the request unsigned. */
  readonly creds?: SigningCredentials;
  /** Signing time; defaults to the server's clock, so an advanced OffsetClock is not a skew. */
  readonly now?: number;
  readonly method?: string;
  readonly contentType?: string;
  /** Parameters go in the query string instead of the body. */
  readonly inQuery?: boolean;
  readonly region?: string;
  /** Sign as a presigned URL valid this many seconds (parameters go in the query string). */
  readonly presignSeconds?: number;
}

export interface QueryResponse extends RawResponse {
  readonly xml: StsXml;
}

/** A Query API request signed by hand with `signRequest` (service sts), as an SDK would send it. */
export async function queryCall(server: LiveServer, call: QueryCall): Promise<QueryResponse> {
  const method = call.method ?? 'POST';
  const encoded = new URLSearchParams(call.params.map(([name, value]): [string, string] => [name, value])).toString();
  const inQuery = call.inQuery === true || call.presignSeconds !== undefined;
  const query = inQuery ? encoded : '';
  const body = inQuery ? '' : encoded;
  const headers: Record<string, string> = { host: `127.0.0.1:${server.port}` };
  if (body !== '') headers['content-type'] = call.contentType ?? FORM_TYPE;
  let sent = { headers, query };
  if (call.creds !== undefined) {
    const options = {
      region: call.region ?? 'us-east-1',
      service: 'sts',
      now: call.now ?? server.clock.now(),
      ...(call.presignSeconds === undefined ? {} : { presign: { expiresSeconds: call.presignSeconds } }),
    };
    sent = signRequest({ method, path: '/', query, headers, body }, call.creds, options);
  }
  const url = `${server.url}/${sent.query === '' ? '' : `?${sent.query}`}`;
  const response = await rawRequest(url, { method, headers: sent.headers, ...(body === '' ? {} : { body }) });
  return { ...response, xml: parseStsXml(response.body) };
}

/** `Action` and `Version` followed by the action's parameters. */
export function action(name: string, params: Record<string, string> = {}): Array<[string, string]> {
  return [['Action', name], ['Version', '2011-06-15'], ...Object.entries(params)];
}

/** Temporary credentials from a hand-signed AssumeRole (or GetSessionToken) that must succeed. */
export async function issueCredentials(
  server: LiveServer,
  creds: SigningCredentials,
  params: Record<string, string> = {},
  actionName: 'AssumeRole' | 'GetSessionToken' = 'AssumeRole',
): Promise<Required<SigningCredentials> & { expiration: string }> {
  const defaults: Record<string, string> = actionName === 'AssumeRole' ? { RoleArn: 'arn:aws:iam::000000000000:role/test', RoleSessionName: 'test-session' } : {};
  const res = await queryCall(server, { params: action(actionName, { ...defaults, ...params }), creds });
  if (res.status !== 200) throw new Error(`${actionName} failed with ${res.status}: ${res.body}`);
  const field = (name: string) => res.xml.text(`${actionName}Result/Credentials/${name}`) ?? '';
  return {
    accessKeyId: field('AccessKeyId'),
    secretAccessKey: field('SecretAccessKey'),
    sessionToken: field('SessionToken'),
    expiration: field('Expiration'),
  };
}
