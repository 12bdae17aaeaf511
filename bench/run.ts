/**
 * `npm run bench`: every benchmark, one process each and one after the other, so they do not
 * compete for the two cores. Each prints its own figures as ratios against a baseline measured
 * in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const scripts = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();

let failed = 0;
for (const script of scripts) {
  const path = `bench/${script}`;
  if (!existsSync(path)) continue;
  console.log(`\n== ${script}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path], { stdio: 'inherit', timeout: 180_000 });
  if (result.status !== 0) {
    failed++;
    console.log(`!! ${script} failed (${result.status ?? result.signal})`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
