/**
 * What catalogue validation reports. Each code has one severity (an error refuses the document,
 * a warning goes back with the 2xx answer); `code`, `statement`, `sid` and `field` are stable,
 * `message` is for people.
 */
import type { Statement } from '../policy/index.js';

export const FINDING_CODES = {
  /** `s3:GetObjcet`: no such S3 action. */
  UnknownAction: 'error',
  /** `s4:GetObject`: no such service. */
  UnknownService: 'error',
  /** A resource that is neither `*` nor `arn:<aws|aws-cn|aws-us-gov>:<service>:...`. */
  MalformedArn: 'error',
  /** `s3:Get*Foo`: a wildcard pattern that matches no S3 action. */
  ActionMatchesNothing: 'warning',
  /** `ec2:RunInstances`: a real action, but never one an S3 request asks for. */
  ActionNotForS3: 'warning',
  /** `s3:GetObject` on a bucket ARN: none of the statement's resources is of a type it takes. */
  ResourceNeverMatches: 'warning',
  /** `s3:prefix` with `s3:GetObject`: a key none of the statement's actions supplies. */
  ConditionKeyNotApplicable: 'warning',
  /** Neither a global key nor an S3 one. */
  UnknownConditionKey: 'warning',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;
export type FindingField = 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Condition';

export interface Finding {
  readonly code: FindingCode;
  /** Position in the document's `Statement` list (0-based). */
  readonly statement: number;
  readonly sid: string | undefined;
  readonly field: FindingField;
  /** The pattern or condition key at fault, as written. */
  readonly value: string;
  /** `Statement[1] (Sid "Read"): Action: "s3:GetObjcet" is not an S3 action (did you mean "s3:GetObject"?)` */
  readonly message: string;
}

export interface CatalogueValidation {
  readonly errors: readonly Finding[];
  readonly warnings: readonly Finding[];
}

/** Collects findings of one statement, in the order they are found. */
export class FindingSink {
  readonly errors: Finding[] = [];
  readonly warnings: Finding[] = [];

  report(statement: Statement, field: FindingField, code: FindingCode, value: string, detail: string): void {
    const where = statement.sid === undefined
      ? `Statement[${statement.index}]`
      : `Statement[${statement.index}] (Sid ${JSON.stringify(statement.sid)})`;
    const finding: Finding = {
      code, statement: statement.index, sid: statement.sid, field, value, message: `${where}: ${field}: ${detail}`,
    };
    (FINDING_CODES[code] === 'error' ? this.errors : this.warnings).push(finding);
  }
}
