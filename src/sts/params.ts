import { AppError } from '../errors.js';

/** Query API parameters, decoded, one value per name (a repeated name is an error). */
export type Params = ReadonlyMap<string, string>;

export function parseParams(text: string): Params {
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (params.has(name)) throw new AppError('InvalidParameterValue', `parameter ${name.slice(0, 64)} is given more than once`);
    params.set(name, value);
  }
  return params;
}

/** Merges the query string and the form body; both may carry parameters (presigned POSTs do). */
export function mergeParams(query: Params, body: Params): Params {
  const merged = new Map(query);
  for (const [name, value] of body) {
    if (merged.has(name)) throw new AppError('InvalidParameterValue', `parameter ${name.slice(0, 64)} is given more than once`);
    merged.set(name, value);
  }
  return merged;
}

export function requireParam(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') {
    throw new AppError('MissingParameter', `The request must contain the parameter ${name}`);
  }
  return value;
}

/** AWS's validation wording: `1 validation error detected: Value at 'x' failed to satisfy constraint: …`. */
export function validationError(field: string, constraint: string): AppError {
  return new AppError('ValidationError', `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${constraint}`);
}

export function optionalInt(params: Params, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  if (!/^\d{1,10}$/.test(raw)) throw new AppError('InvalidParameterValue', `${name} must be a whole number of seconds`);
  return Number(raw);
}

/** Parameters every action accepts: the action itself and SigV4's presigned query fields. */
export function isCommonParam(name: string): boolean {
  return name === 'Action' || name === 'Version' || name.startsWith('X-Amz-');
}

/** Refuses parameters an action does not support rather than silently ignoring them. */
export function rejectUnknown(params: Params, action: string, allowed: (name: string) => boolean): void {
  for (const name of params.keys()) {
    if (!isCommonParam(name) && !allowed(name)) {
      throw new AppError('InvalidParameterValue', `${action} does not support the parameter ${name.slice(0, 64)}`);
    }
  }
}
