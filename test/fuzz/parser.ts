/** What a fuzzed parser is to the campaign: a name and one generated input run to an outcome. */
import { checkResponse, rememberIssued, type Problems } from './oracle.js';
import type { Rng } from './rng.js';
import { send, type FuzzRequest, type FuzzWorld } from './world.js';

export interface Outcome {
  /** The histogram bucket: an HTTP status, or the classifier's kind. */
  readonly status: string;
  readonly problems: Problems;
  /** What was sent and answered, abbreviated, for the report of a finding. */
  readonly input: string;
  readonly output: string;
  readonly ms: number;
}

export interface FuzzParser {
  readonly name: string;
  readonly surface: string;
  run(rng: Rng, world: FuzzWorld): Promise<Outcome> | Outcome;
}

export function abbreviate(text: string, max = 600): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${text.length} chars)`;
}

export function describeRequest(req: FuzzRequest): string {
  const body = req.body === undefined ? '' : ` body=${JSON.stringify(abbreviate(String(req.body), 400))}`;
  return `${req.method} ${abbreviate(req.target, 400)} headers=${abbreviate(JSON.stringify(req.headers), 600)}${body}`;
}

/** The error code (AWS Code, JSON error.code or sidecar reason) for the histogram, if any. */
function errorCode(body: string): string {
  const code = /<Code>([^<]{1,40})<\/Code>|"code":"([^"]{1,40})"|"reason":"([^"]{1,40})"/.exec(body.slice(0, 400));
  return code ? ` ${code[1] ?? code[2] ?? code[3]}` : '';
}

/** Sends one request and checks its answer against the protocol's format and the leak rules. */
export async function exchange(world: FuzzWorld, req: FuzzRequest): Promise<Outcome> {
  const res = await send(world, req);
  if ('transportError' in res) {
    return { status: 'no-answer', problems: [`no answer: ${res.transportError}`], input: describeRequest(req), output: '', ms: 0 };
  }
  if (req.protocol === 'sts') rememberIssued(world, res);
  const problems = checkResponse(req, res, world);
  return {
    status: `${res.status}${errorCode(res.body)}`,
    problems,
    input: problems.length === 0 ? '' : describeRequest(req),
    output: problems.length === 0 ? '' : `${res.status} ${abbreviate(res.body)}`,
    ms: res.ms,
  };
}
