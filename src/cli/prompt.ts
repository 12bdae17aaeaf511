import { CliError } from './errors.js';
import type { SecretInput, TextSink } from './io.js';

type Terminal = SecretInput & { setRawMode(mode: boolean): unknown };

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const INTERRUPT = '\u0003';
const END_OF_INPUT = '\u0004';

/** True when `input` is a terminal we can switch to raw mode, so a secret can be typed unseen. */
export function canPrompt(input: SecretInput | undefined): input is Terminal {
  return input?.isTTY === true && typeof input.setRawMode === 'function';
}

/**
 * The secret a command needs when its option was omitted: typed without echo on a terminal, or
 * all of piped standard input less one trailing newline, so scripts can run
 * `printf '%s\n' "$SECRET" | s3-sts ...` without putting the secret in `argv`.
 */
export async function readSecret(label: string, option: string, input: SecretInput | undefined, output: TextSink): Promise<string> {
  if (canPrompt(input)) return promptSecret(label, input, output);
  if (input === undefined || input.isTTY === true) {
    throw new CliError('MissingPassword', `${option} is required: no terminal to prompt on and no piped standard input`);
  }
  const secret = withoutTrailingNewline(await readAll(input));
  if (secret === '') throw new CliError('MissingPassword', `standard input is empty: pipe the secret in or pass ${option}`);
  return secret;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Only one: `echo` adds exactly one, and any further line break belongs to the secret. */
function withoutTrailingNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** Reads one line from the terminal without echoing it; Ctrl-C (or Ctrl-D on an empty line) aborts. */
export function promptSecret(label: string, input: Terminal, output: TextSink): Promise<string> {
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (settle: () => void): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      settle();
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of String(chunk)) {
        if (ENTER.has(char)) return finish(() => resolve(chars.join('')));
        if (char === INTERRUPT || (char === END_OF_INPUT && chars.length === 0)) {
          return finish(() => reject(new CliError('PromptAborted', 'no password entered')));
        }
        if (ERASE.has(char)) chars = chars.slice(0, -1);
        else if (char >= ' ') chars.push(char);
      }
    };
    output.write(label);
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}
