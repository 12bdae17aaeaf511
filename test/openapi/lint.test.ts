import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REDOCLY = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

describe('openapi/openapi.yaml', () => {
  it('passes `redocly lint` (recommended rules, redocly.yaml) without errors or warnings', function () {
    this.timeout(60_000);
    assert.ok(existsSync(REDOCLY), 'node_modules/.bin/redocly is missing: run `npm install` (devDependency @redocly/cli)');
    // Offline: redocly.yaml turns telemetry off; the variables also silence the update check.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const run = spawnSync(REDOCLY, ['lint', 'openapi/openapi.yaml'], { cwd: ROOT, env, encoding: 'utf8', timeout: 55_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    assert.equal(run.error, undefined, `redocly did not run: ${String(run.error)}`);
    assert.equal(run.status, 0, output);
    assert.doesNotMatch(output, /You have \d+ warnings?/, output);
  });
});
