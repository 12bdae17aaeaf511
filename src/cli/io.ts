/** Where the CLI writes text. `process.stdout` fits, and so does a string buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

/** Standard input: a terminal to prompt on without echo, or a pipe to read a secret from. `process.stdin` fits. */
export interface SecretInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** What `startServer()` in `src/server.ts` returns. */
export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export type StartServer = (env: Readonly<Record<string, string | undefined>>) => Promise<RunningServer>;

/** Everything the CLI touches outside itself, so tests can drive `main()` in-process. */
export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Read only for a secret whose option was omitted: prompted for on a TTY, read whole from a pipe. */
  readonly stdin?: SecretInput;
  /** Defaults to `startServer` from `src/server.ts`, loaded only by `serve`. */
  readonly startServer?: StartServer;
}
