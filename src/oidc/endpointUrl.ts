/**
 * Which URLs the verifier may fetch from. Production providers are https only; plain http is
 * allowed solely for loopback hosts and only when the operator opts in
 * (`allowInsecureLoopback`), which is how tests run a real provider on 127.0.0.1.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** The reason `url` may not be fetched, or undefined when it may. */
export function endpointUrlProblem(url: URL, allowInsecureLoopback: boolean): string | undefined {
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  if (url.hash !== '') return 'must not contain a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && allowInsecureLoopback && isLoopbackHost(url.hostname)) return undefined;
  return allowInsecureLoopback ? 'must use https (or http on a loopback host)' : 'must use https';
}
