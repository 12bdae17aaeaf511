import { readFile } from 'node:fs/promises';
import { isRecord } from './adminHttp.js';
import { CliError } from './errors.js';

/** The document as JSON; checked here only for being a JSON object, the service validates the rest. */
export async function readPolicyFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = isRecord(err) && typeof err.code === 'string' ? err.code : String(err);
    throw new CliError('InvalidPolicyFile', `cannot read ${file}: ${reason}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw new CliError('InvalidPolicyFile', `${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isRecord(document)) throw new CliError('InvalidPolicyFile', `${file} does not hold a JSON object`);
  return document;
}
