import assert from 'node:assert/strict';
import type { CliRun } from './runCli.js';

/** A failed run: the exit code, nothing on stdout, and exactly one `error: <code>: ...` line on stderr. */
export function assertFailed(run: CliRun, code: string, exitCode = 1): void {
  assert.equal(run.code, exitCode, `exit code; stderr: ${run.stderr}`);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^error: [^\n]+\n$/, 'one error line');
  assert.ok(run.stderr.startsWith(`error: ${code}: `), `stderr: ${run.stderr}`);
}

/** A successful run with nothing on stderr. */
export function assertSucceeded(run: CliRun): void {
  assert.equal(run.stderr, '', 'stderr');
  assert.equal(run.code, 0);
}
