import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsoleChannel, OPERATOR_ID, OPERATOR_NAME } from '../../src/channels/console/console-channel.ts';
import type { Harness, Shown } from './harness.ts';

const PROMPT = '> ';

/** The terminal as its operator uses it: lines in, answers out, a prompt after each answer. */
export function terminalHarness(): Harness {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  let read = 0;
  const waiters = new Set<() => void>();
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
    for (const w of waiters) w();
  });
  const exportDir = mkdtempSync(join(tmpdir(), 'hc-contract-'));
  const channel = new ConsoleChannel({ input, output, exportDir, interactive: true });

  /** Text printed since the last look, once `done` says it is complete. */
  const next = (done: (fresh: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the terminal printed no complete answer: ${JSON.stringify(printed.slice(read))}`)), 10_000);
      const look = () => {
        const fresh = printed.slice(read);
        if (!done(fresh)) return;
        clearTimeout(timer);
        waiters.delete(look);
        read = printed.length;
        resolve(fresh);
      };
      waiters.add(look);
      look();
    });

  /** An answer as printed: its text, and numbered choices as the lines "  1. label". */
  const shown = (block: string): Shown => ({ text: block.trimEnd(), buttons: [] });

  return {
    channel: 'terminal',
    people: { admin: { id: OPERATOR_ID, name: OPERATOR_NAME } },
    buttons: false,
    async start(core) {
      await channel.start(core.handle);
      await next((fresh) => fresh.endsWith(PROMPT));
    },
    async say(_who, text) {
      input.write(`${text}\n`);
      const fresh = await next((f) => f.endsWith(PROMPT) && f.length > PROMPT.length);
      return [shown(fresh.slice(0, -PROMPT.length))];
    },
    deliverer: () => ({ deliverer: channel, via: '' }),
    // The terminal saves what it is sent in its export folder and prints where.
    filesTo: () => readdirSync(exportDir).sort(),
    address: () => ({ channel: 'terminal', chatId: 'console', kind: 'private' }),
    async received() {
      return shown(await next((f) => f.endsWith('\n')));
    },
    async stop() {
      await channel.stop();
      rmSync(exportDir, { recursive: true, force: true });
    },
  };
}
