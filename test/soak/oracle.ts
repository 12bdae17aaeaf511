import { issuedCredentials, parseJson, xmlText, type Answer, type SessionCredentials } from './client.js';

/**
 * What a right answer is. Every 200 is checked against what the soak knows (the principal it
 * issued, the decisions its policy implies); a 503 must be the service's own ServiceUnavailable;
 * anything else is a refusal (401/403 with a reason) or wrong outright. Whether a refusal or a
 * 503 is acceptable depends on when it happened, which the report decides.
 */
export type Verdict = 'ok' | 'unavailable' | 'refused' | 'wrong';

export interface Judged {
  readonly verdict: Verdict;
  /** Why, for anything but ok: the status and the code, reason or mismatch. */
  readonly detail?: string;
}

export interface Session {
  readonly creds: SessionCredentials;
  readonly user: string;
  readonly sessionName: string;
  readonly issuedOn: number;
  /** When AssumeRole's 200 came back, ms since the soak began. */
  readonly ackAt: number;
}

export const ACCOUNT = '000000000000';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/soak`;
export const BUCKET = 'soak-data';
export const POLICY_NAME = 'soak-own-prefix';

/** Each user may read, write and delete under its own prefix, except under `locked/`. */
export const POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'OwnPrefix', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `arn:aws:s3:::${BUCKET}/\${aws:username}/*` },
    { Sid: 'Locked', Effect: 'Deny', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${BUCKET}/*/locked/*` },
  ],
};

type Decision = readonly [action: string, resource: string, decision: 'Allow' | 'Deny', reason: 'Allowed' | 'ExplicitDeny' | 'ImplicitDeny'];

/** The checks sent to /v1/authorize for `user`, each with the one right decision. */
export function checksFor(user: string, otherUser: string): readonly Decision[] {
  return [
    ['s3:GetObject', `arn:aws:s3:::${BUCKET}/${user}/report.csv`, 'Allow', 'Allowed'],
    ['s3:DeleteObject', `arn:aws:s3:::${BUCKET}/${user}/locked/audit.log`, 'Deny', 'ExplicitDeny'],
    ['s3:GetObject', `arn:aws:s3:::${BUCKET}/${otherUser}/report.csv`, 'Deny', 'ImplicitDeny'],
    ['s3:GetObject', 'arn:aws:s3:::elsewhere/report.csv', 'Deny', 'ImplicitDeny'],
  ];
}

export function judgeAssumeRole(answer: Answer, sessionName: string): Judged & { creds?: SessionCredentials } {
  if (answer.status === 200) {
    const creds = issuedCredentials(answer);
    const arn = xmlText(answer.body, 'Arn');
    if (creds === undefined) return wrong(answer, 'no credentials in a 200');
    if (arn !== `arn:aws:sts::${ACCOUNT}:assumed-role/soak/${sessionName}`) return wrong(answer, `assumed-role ARN ${String(arn)}`);
    return { verdict: 'ok', creds };
  }
  const code = xmlText(answer.body, 'Code');
  if (answer.status === 503) return code === 'ServiceUnavailable' ? { verdict: 'unavailable' } : wrong(answer, `503 with code ${String(code)}`);
  return answer.status === 0 ? wrong(answer, answer.body) : { verdict: 'refused', detail: `${answer.status} ${String(code)}` };
}

export function judgeVerify(answer: Answer, session: Session): Judged {
  const body = parseJson(answer.body);
  if (answer.status === 200) {
    const mismatch = principalMismatch(body?.principal, session) ?? (body?.valid === true ? undefined : 'valid is not true');
    return mismatch === undefined ? { verdict: 'ok' } : wrong(answer, mismatch);
  }
  return notOk(answer, body);
}

export function judgeAuthorize(answer: Answer, session: Session, checks: readonly Decision[]): Judged {
  const body = parseJson(answer.body);
  if (answer.status === 200) {
    const mismatch = principalMismatch(body?.principal, session) ?? decisionMismatch(body?.results, checks);
    return mismatch === undefined ? { verdict: 'ok' } : wrong(answer, mismatch);
  }
  return notOk(answer, body);
}

function principalMismatch(principal: any, session: Session): string | undefined {
  if (principal?.user !== session.user) return `principal user ${String(principal?.user)}, expected ${session.user}`;
  if (principal?.accessKeyId !== session.creds.accessKeyId) return `principal key ${String(principal?.accessKeyId)}`;
  if (principal?.sessionName !== session.sessionName) return `session name ${String(principal?.sessionName)}`;
  return undefined;
}

function decisionMismatch(results: any, checks: readonly Decision[]): string | undefined {
  if (!Array.isArray(results) || results.length !== checks.length) return `results ${JSON.stringify(results)}`;
  for (const [index, [action, resource, decision, reason]] of checks.entries()) {
    const got = results[index];
    if (got?.decision !== decision || got?.reason !== reason) return `${action} ${resource}: ${String(got?.decision)}/${String(got?.reason)}, expected ${decision}/${reason}`;
  }
  return undefined;
}

function notOk(answer: Answer, body: any): Judged {
  if (answer.status === 503) return body?.error?.code === 'ServiceUnavailable' ? { verdict: 'unavailable' } : wrong(answer, `503 ${answer.body.slice(0, 120)}`);
  if (answer.status === 401) return { verdict: 'refused', detail: `401 ${String(body?.reason)}` };
  return wrong(answer, answer.body.slice(0, 160));
}

function wrong(answer: Answer, detail: string): Judged {
  return { verdict: 'wrong', detail: `${answer.status}: ${detail}` };
}
