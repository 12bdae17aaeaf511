/**
 * `Resource` / `NotResource` against the catalogue: each pattern must be `*` or a well-formed
 * ARN (error), and for `Resource`, each S3 action of the statement must be able to meet at least
 * one of them: some resource must intersect an ARN format of a resource type the action takes.
 */
import { ARN_SEGMENT_COUNT, splitArnSegments } from '../policy/arnSegments.js';
import type { Statement } from '../policy/index.js';
import { PatternSyntaxError, tokenizePattern, type PatternToken } from '../policy/patternTokens.js';
import type { ActionSubject } from './checkActions.js';
import type { FindingSink } from './finding.js';
import { globsIntersect, literalElements, tokenElements, type GlobElement } from './globPattern.js';
import type { CatalogueResourceType, S3Catalogue } from './s3Catalogue.js';

export const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'];
/** Service, resource, region, account, partition: the most selective first. */
const SEGMENT_ORDER: readonly number[] = [2, 5, 3, 4, 1];
const PARTITION_GLOBS: readonly GlobElement[][] = PARTITIONS.map((partition) => literalElements(partition));

export function checkResources(statement: Statement, version: string, subjects: readonly ActionSubject[], catalogue: S3Catalogue, sink: FindingSink): void {
  const { negated, patterns } = statement.resource;
  const field = negated ? 'NotResource' : 'Resource';
  let reachable = 0;
  let wellFormed = true;
  for (const pattern of patterns) {
    if (pattern === '*') {
      reachable = -1;
      continue;
    }
    const parsed = parseArn(pattern, version === '2012-10-17');
    if (typeof parsed === 'string') {
      sink.report(statement, field, 'MalformedArn', pattern, `${JSON.stringify(pattern)} is not "*" or a valid ARN: ${parsed}`);
      wellFormed = false;
      continue;
    }
    catalogue.resourceTypes.forEach((type, bit) => {
      if ((reachable & (1 << bit)) === 0 && segmentsIntersect(parsed, type.segments)) reachable |= 1 << bit;
    });
  }
  if (negated || !wellFormed) return;
  for (const subject of subjects) {
    if ((subject.resourceTypes & reachable) !== 0) continue;
    const wanted = catalogue.resourceTypes.filter((_, bit) => (subject.resourceTypes & (1 << bit)) !== 0);
    sink.report(statement, field, 'ResourceNeverMatches', subject.pattern,
      `none of ${JSON.stringify(patterns)} can match ${JSON.stringify(subject.pattern)}, which is authorized against ` +
      wanted.map(describeType).join(', '));
  }
}

function describeType(type: CatalogueResourceType): string {
  return type.name === '*' ? '"*" or "arn:aws:s3:::*" only (it takes no resource type)' : `${type.name} (${type.format})`;
}

/** The pattern's six segments as globs, or why it is not an ARN. */
function parseArn(pattern: string, variables: boolean): GlobElement[][] | string {
  let tokens: PatternToken[];
  try {
    tokens = tokenizePattern(pattern, { wildcards: true, variables });
  } catch (err) {
    if (err instanceof PatternSyntaxError) return err.message;
    throw err;
  }
  const segments = splitArnSegments(tokens);
  if (segments.length < ARN_SEGMENT_COUNT) return 'an ARN has six colon-separated parts';
  const [prefix, partition, service, , , resource] = segments;
  if (prefix?.length !== 1 || prefix[0] !== 'arn') return 'an ARN starts with "arn:"';
  const partitionGlob = tokenElements(partition ?? []);
  if (!PARTITION_GLOBS.some((known) => globsIntersect(partitionGlob, known))) {
    return `the partition is not one of ${PARTITIONS.join(', ')}`;
  }
  if (service === undefined || service.length === 0) return 'the service is empty';
  if (resource === undefined || resource.length === 0) return 'the resource part is empty';
  return segments.map(tokenElements);
}

/**
 * Segment by segment, as AWS matches ARNs: a `*` does not run into the next segment. The
 * service (never a wildcard) goes first, as it rules out other services at once.
 */
function segmentsIntersect(policy: readonly GlobElement[][], format: readonly (readonly GlobElement[])[] | undefined): boolean {
  if (format === undefined) return false;
  for (const i of SEGMENT_ORDER) {
    if (!globsIntersect(policy[i] ?? [], format[i] ?? [])) return false;
  }
  return true;
}
