/** The pre-defined policies: present from the start, listed with custom ones, never changed. */
import type { PolicyDocument } from './model.js';

const ALL_BUCKETS = 'arn:aws:s3:::*';

function builtin(actions: readonly string[]): PolicyDocument {
  return Object.freeze({
    Version: '2012-10-17',
    Statement: Object.freeze([
      Object.freeze({ Effect: 'Allow', Action: Object.freeze([...actions]), Resource: Object.freeze([ALL_BUCKETS]) }),
    ]),
  });
}

export const BUILTIN_POLICIES = Object.freeze({
  readonly: builtin([
    's3:ListAllMyBuckets', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:ListMultipartUploadParts',
    's3:GetBucketLocation', 's3:GetBucketPolicy', 's3:GetBucketTagging', 's3:GetObject',
  ]),
  writeonly: builtin(['s3:PutObject']),
  readwrite: builtin(['s3:*']),
});

export type BuiltinPolicyName = keyof typeof BUILTIN_POLICIES;
