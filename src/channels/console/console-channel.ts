import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Channel, MessageHandler } from '../../core/channel.ts';
import type { Address, DeliverOptions, Deliverer, Delivery } from '../../core/delivery.ts';
import type { Incoming, IncomingFile, Reply } from '../../core/message.ts';
import { renderForTerminal } from './render.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Where files the bot sends are written (the operator is on this machine). */
  exportDir: string;
  /** Show a prompt: only when a person sits at a terminal, not when input is piped. */
  interactive: boolean;
  /**
   * Whether a line is a command that takes a file (导入): only on such a line is a word naming an
   * existing file taken off the text and attached. Default: none.
   */
  takesFile?: (text: string) => boolean;
}

/** The operator at the terminal is one fixed person in one private chat. */
export const OPERATOR_ID = 'operator';
/** How the operator's account is named (it is the person at the server's keyboard). */
export const OPERATOR_NAME = '终端操作员';
const CHAT_ID = 'console';

/**
 * The terminal channel: one message per input line, answers on standard output. It works piped
 * (`printf '帮助\n' | npm start`) and ends at end of input, after the last line is answered.
 * Notifications for the operator (the outbox's) are printed as answers are, whenever they fall due.
 */
export class ConsoleChannel implements Channel, Deliverer {
  readonly name = 'terminal' as const;
  readonly ended: Promise<void>;
  private finish!: () => void;
  private closed = false;
  private outputGone = false;
  private rl?: ReturnType<typeof createInterface>;
  /** Notifications printed in this run: with the start time, their synthetic message ids. */
  private printed = 0;
  private readonly runId = Date.now().toString(36);

  constructor(private readonly options: ConsoleOptions) {
    this.ended = new Promise((r) => (this.finish = r));
  }

  async start(handler: MessageHandler): Promise<void> {
    const rl = createInterface({ input: this.options.input, terminal: false });
    this.rl = rl;
    // Output closed early (`npm start | head -1`): nobody reads the answers any more, so the
    // terminal ends as at end of input, instead of dying on an unhandled EPIPE.
    this.options.output.on('error', () => {
      this.outputGone = true;
      this.closed = true;
      rl.close();
    });
    const prompt = () => this.options.interactive && !this.closed && !this.outputGone && this.options.output.write('> ');
    prompt();
    // Lines are answered strictly in order; reading goes on while one is being answered.
    let chain = Promise.resolve();
    rl.on('line', (line) => {
      const incoming = this.toIncoming(line);
      chain = chain.then(async () => {
        if (!incoming) return;
        for (const reply of await handler(incoming)) this.print(reply);
        prompt();
      });
    });
    rl.on('close', () => {
      this.closed = true;
      void chain.then(() => this.finish());
    });
  }

  async stop(): Promise<void> {
    this.closed = true;
    this.rl?.close();
    await this.ended;
  }

  /** The terminal has no rate limit: always 0. */
  waitFor(): number {
    return 0;
  }

  /**
   * Prints a notification as an answer is printed; one part, whatever its length. After the
   * terminal ended (end of input, stop(), output closed) nobody reads it: `retry`, so the row
   * waits for the next run. A whole text sent before (fromPart ≥ 1) is not printed again.
   * @throws Error for an address on another channel: a bug.
   */
  async deliver(to: Address, reply: Reply, options: DeliverOptions): Promise<Delivery & { sentParts: number }> {
    if (to.channel !== 'terminal') throw new Error(`ConsoleChannel cannot deliver to ${to.channel}`);
    const earlier = options.fromPart ?? 0;
    if (earlier >= 1) return { outcome: 'sent', messageIds: [], sentParts: earlier };
    if (this.closed || this.outputGone) return { outcome: 'retry', reason: 'terminal ended', sentParts: 0 };
    this.print(reply);
    return { outcome: 'sent', messageIds: [`${this.runId}-${++this.printed}`], sentParts: 1 };
  }

  private print(reply: Reply): void {
    if (this.outputGone) return;
    const saved = [reply.file, reply.image].filter((f) => !!f).map((f) => this.save(f));
    this.options.output.write(`${renderForTerminal(reply, saved)}\n`);
  }

  /** Saves a file the bot sends under a name not yet taken: an earlier export is never overwritten. */
  private save(file: { name: string; data: Uint8Array }): string {
    mkdirSync(this.options.exportDir, { recursive: true });
    const name = basename(file.name);
    const ext = extname(name);
    for (let n = 1; ; n++) {
      const path = join(this.options.exportDir, n === 1 ? name : `${name.slice(0, name.length - ext.length)}-${n}${ext}`);
      try {
        // 'wx' fails if the file exists, so two answers saving at once cannot pick the same name.
        writeFileSync(path, file.data, { flag: 'wx' });
        return path;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
  }

  /**
   * One line as a message. The operator "sends" a file by naming it on the bot's own machine,
   * only on purpose: after a command that takes a file (`导入 ./roster.xlsx`), where the path is
   * taken off the text and attached, or alone on its line (a file sent without a command, which
   * the core answers with how to import it). Anywhere else a path is plain text:
   * `修改 LM00002 备注 /etc/hostname` saves that text as the note.
   */
  private toIncoming(line: string): Incoming | null {
    const text = line.trim();
    if (!text) return null;
    const incoming: Incoming = {
      chat: { channel: 'terminal', id: CHAT_ID, kind: 'private' },
      sender: { id: OPERATOR_ID, name: OPERATOR_NAME },
      text,
      files: 'typed',
    };
    const words = text.match(WORD) ?? [];
    if (words.length === 1) return { ...incoming, file: fileAt(words[0]) };
    if (!this.options.takesFile?.(text)) return incoming;
    for (const [i, word] of words.entries()) {
      const file = i > 0 ? fileAt(word) : undefined;
      if (file) return { ...incoming, text: words.filter((_, j) => j !== i).join(' '), file };
    }
    return incoming;
  }
}

/** Words of a line; a quoted path (as a file dropped on a terminal window) is one word. */
const WORD = /"[^"]*"|'[^']*'|\S+/g;

/** The file a word names, if it looks like a path and is an existing file. */
function fileAt(word: string): IncomingFile | undefined {
  const unquoted = word.replace(/^(["'])(.*)\1$/, '$2');
  if (!/^(\.{0,2}\/|~\/)/.test(unquoted) && !/\.(csv|xlsx|xls|txt)$/i.test(unquoted)) return undefined;
  const path = resolve(unquoted.replace(/^~(?=\/)/, homedir()));
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch {
    // Not a path after all (a word too long for one, a folder that is a file...).
    return undefined;
  }
  if (!stat?.isFile()) return undefined;
  return { name: basename(path), size: stat.size, read: async () => readFileSync(path) };
}
