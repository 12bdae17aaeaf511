/**
 * The part of `oidc-provider` (no bundled types) that the test identity provider uses. Kept
 * here rather than adding `@types/oidc-provider` for one test helper.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default class Provider {
    constructor(issuer: string, configuration?: Readonly<Record<string, unknown>>);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
