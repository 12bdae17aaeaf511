import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `docker compose` (plugin) when it works here, else Debian's `docker-compose`; no engine is needed for `config`. */
function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0) return ['docker-compose'];
  throw new Error('neither `docker compose` nor `docker-compose` found: install the Debian package docker-compose');
}

function composeConfig(dir: string): { status: number | null; stderr: string } {
  const [command, ...args] = composeCommand();
  const env = { ...process.env, STS_ADMIN_TOKEN: 'a'.repeat(32), STS_VERIFY_TOKEN: 'v'.repeat(32), STS_MASTER_KEY: Buffer.alloc(32).toString('base64') };
  const result = spawnSync(command as string, [...args, '-f', join(dir, 'docker-compose.yml'), 'config', '-q'], { encoding: 'utf8', env, cwd: dir });
  return { status: result.status, stderr: result.stderr };
}

describe('docker-compose.yml', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 's3-sts-compose-'));
    copyFileSync('docker-compose.yml', join(dir, 'docker-compose.yml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is a valid compose file', () => {
    const result = composeConfig(dir);
    assert.equal(result.status, 0, result.stderr);
  });

  it('declares Redis with append-only persistence', () => {
    const text = readFileSync('docker-compose.yml', 'utf8');
    assert.match(text, /--appendonly", "yes"/);
  });

  it('is checked for real: a broken file is refused', () => {
    writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  sts:\n    ports: 8080\n    depends_on: 7\n');
    assert.notEqual(composeConfig(dir).status, 0);
  });
});
