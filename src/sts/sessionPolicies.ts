import { policyDocument, validatedDocument } from '../policies/index.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { MAX_POLICY_BYTES } from '../policy/index.js';
import { validationError, type Params } from './params.js';

/** AWS's limits: the raw `Policy` parameter, and at most ten managed policy ARNs. */
const MAX_POLICY_PARAM_CHARS = 131_072;
const MAX_POLICY_ARNS = 10;
/**
 * Most bytes of session policy documents one session stores, its parent's included: one
 * AssumeRole's largest set (an inline policy and ten managed ones) plus one more policy.
 */
export const MAX_SESSION_POLICY_BYTES = (MAX_POLICY_ARNS + 2) * MAX_POLICY_BYTES;
const POLICY_ARN_PARAM = /^PolicyArns\.member\.(\d{1,2})\.arn$/;

export interface SessionPolicies {
  /** Minified documents, inline first then each ARN's. */
  readonly documents: readonly string[];
  /** Percent of the packed-policy allowance used, as `PackedPolicySize` reports it. */
  readonly packedPercent: number | undefined;
}

export function isSessionPolicyParam(name: string): boolean {
  return name === 'Policy' || POLICY_ARN_PARAM.test(name);
}

/**
 * Reads `Policy` and `PolicyArns.member.N.arn`. The packed size counts the minified inline
 * document and the ARNs, against the 2048-byte allowance; over it is PackedPolicyTooLarge.
 */
export async function readSessionPolicies(deps: Deps, params: Params): Promise<SessionPolicies> {
  const documents: string[] = [];
  let packedBytes = 0;
  const inline = params.get('Policy');
  if (inline !== undefined) {
    if (inline.length < 1 || inline.length > MAX_POLICY_PARAM_CHARS) {
      throw validationError('policy', `Member must have length less than or equal to ${MAX_POLICY_PARAM_CHARS}`);
    }
    const minified = inlineDocument(inline);
    packedBytes += Buffer.byteLength(minified);
    documents.push(minified);
  }
  for (const arn of policyArns(params)) {
    const name = policyNameFromArn(arn, deps.config.accountId);
    const document = await policyDocument(deps.store, name);
    if (document === undefined) throw new AppError('InvalidParameterValue', `The policy ${arn} does not exist.`);
    packedBytes += Buffer.byteLength(arn);
    documents.push(document);
  }
  if (documents.length === 0) return { documents, packedPercent: undefined };
  const packedPercent = Math.ceil((packedBytes * 100) / MAX_POLICY_BYTES);
  if (packedPercent > 100) {
    throw new AppError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${packedPercent}% of allotted space, please use smaller policy for session.`,
    );
  }
  return { documents, packedPercent };
}

/**
 * The session policies of a chained session: its parent's, which it keeps (every one must allow,
 * so it can only narrow), plus the new ones not already among them. The stored total is capped
 * as AWS caps the packed size; over it is PackedPolicyTooLarge.
 */
export function chainSessionPolicies(inherited: readonly string[], added: readonly string[]): string[] {
  const documents = [...inherited];
  for (const document of added) if (!documents.includes(document)) documents.push(document);
  const bytes = documents.reduce((total, document) => total + Buffer.byteLength(document), 0);
  if (bytes > MAX_SESSION_POLICY_BYTES) {
    const percent = Math.ceil((bytes * 100) / MAX_SESSION_POLICY_BYTES);
    throw new AppError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${percent}% of allotted space, with the session policies of the calling session included, please use smaller policy for session.`,
    );
  }
  return documents;
}

function inlineDocument(text: string): string {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new AppError('MalformedPolicyDocument', 'Syntax errors in policy.');
  }
  try {
    return validatedDocument(document);
  } catch (err) {
    // An oversized inline policy is reported with its packed size, as AWS does.
    if (err instanceof AppError && err.code === 'PolicyTooLarge') {
      const percent = Math.ceil((Buffer.byteLength(JSON.stringify(document)) * 100) / MAX_POLICY_BYTES);
      throw new AppError('PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy for session.`);
    }
    throw err;
  }
}

function policyArns(params: Params): string[] {
  const arns: Array<[number, string]> = [];
  for (const [name, value] of params) {
    const match = POLICY_ARN_PARAM.exec(name);
    if (match) arns.push([Number(match[1]), value]);
  }
  if (arns.length > MAX_POLICY_ARNS) throw validationError('policyArns', `Member must have length less than or equal to ${MAX_POLICY_ARNS}`);
  return arns.sort((a, b) => a[0] - b[0]).map(([, arn]) => arn);
}

function policyNameFromArn(arn: string, accountId: string): string {
  const match = /^arn:aws:iam::(\d{12}):policy\/([A-Za-z0-9][A-Za-z0-9._-]{0,127})$/.exec(arn);
  if (!match || match[1] !== accountId) {
    throw new AppError('InvalidParameterValue', `PolicyArns: ${arn.slice(0, 200)} is not a policy ARN of account ${accountId}`);
  }
  return match[2] as string;
}
