/**
 * AssumeRole throughput of this service against moto_server, side by side in one run.
 * Both get the same kind of request: a SigV4-signed Query API POST (signed once, replayed within
 * its 15-minute window), 5 s each, 127.0.0.1 only, at 1 and at 50 concurrent clients. Both are
 * driven by the same plain fetch loop: autocannon stalls on moto's keep-alive handling. On a
 * shared 2-core machine the client's own CPU caps both throughputs, so each server's CPU per
 * request is measured too: its inverse is the capacity the server would have on its own.
 * Target: at least 10x moto.
 */
import { pathToFileURL } from 'node:url';
import { signRequest } from '../src/sigv4/index.js';
import { freePort, startChild, startService } from './support/processes.js';
import { fetchLoad, load, printResults, type LoadResult } from './support/load.js';

const ADMIN = 'bench-admin-token-0123456789';
const SECRET = 'Bench-Secret-Key-1';

function signedAssumeRole(url: string, accessKeyId: string, secretAccessKey: string) {
  const host = new URL(url).host;
  const body = new URLSearchParams({
    Action: 'AssumeRole', Version: '2011-06-15', RoleArn: 'arn:aws:iam::000000000000:role/bench', RoleSessionName: 'bench', DurationSeconds: '900',
  }).toString();
  const signed = signRequest(
    { method: 'POST', path: '/', query: '', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body },
    { accessKeyId, secretAccessKey },
    { region: 'us-east-1', service: 'sts', now: Date.now() },
  );
  return { headers: signed.headers, body };
}

export async function benchAssumeRole(seconds = 5): Promise<LoadResult[]> {
  const service = await startService({ STS_ADMIN_TOKEN: ADMIN, STS_VERIFY_TOKEN: 'bench-verify-token-0123456789', STS_RATE_LIMIT: '0' });
  const motoPort = await freePort();
  const motoUrl = `http://127.0.0.1:${motoPort}`;
  const moto = await startChild('moto_server', ['-H', '127.0.0.1', '-p', String(motoPort)], {}, `${motoUrl}/moto-api/`);
  try {
    const created = await fetch(`${service.url}/admin/v1/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'bench', secretKey: SECRET, policy: 'readwrite' }),
    });
    if (created.status !== 201) throw new Error(`could not create the bench user: ${created.status}`);
    const ours = signedAssumeRole(service.url, 'bench', SECRET);
    const theirs = signedAssumeRole(motoUrl, 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    const probe = await fetch(`${service.url}/`, { method: 'POST', headers: ours.headers, body: ours.body });
    if (probe.status !== 200) throw new Error(`AssumeRole probe failed: ${probe.status} ${await probe.text()}`);
    const results: LoadResult[] = [];
    for (const connections of [1, 50]) {
      const motoResult = await fetchLoad(`moto_server, ${connections} conn`, { url: `${motoUrl}/`, method: 'POST', ...theirs, seconds, connections, serverPid: moto.process.pid });
      const ourResult = await fetchLoad(`s3-sts, ${connections} conn`, { url: `${service.url}/`, method: 'POST', ...ours, seconds, connections, serverPid: service.child.process.pid });
      printResults([motoResult, ourResult], motoResult);
      results.push(motoResult, ourResult);
    }
    // The latency target (p99 within 3x p50 at 50 connections), measured with autocannon: the
    // fetch loop above, needed for moto, adds its own client-side stalls to the tail.
    const tail = await load('s3-sts, 50 conn (autocannon)', { url: `${service.url}/`, method: 'POST', ...ours, seconds, connections: 50 });
    const ratio = tail.p99Ms / Math.max(tail.p50Ms, 0.001);
    console.log(
      `${tail.name}: ${tail.requestsPerSecond.toFixed(0)} req/s  p50 ${tail.p50Ms.toFixed(1)} ms  p99 ${tail.p99Ms.toFixed(1)} ms  ` +
        `p99 x${ratio.toFixed(1)} p50 (target <= 3x)${tail.errors + tail.non2xx > 0 ? `  (errors ${tail.errors}, non-2xx ${tail.non2xx})` : ''}`,
    );
    results.push(tail);
    return results;
  } finally {
    await moto.stop();
    await service.child.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await benchAssumeRole();
