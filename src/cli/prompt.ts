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
