import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Channel, MessageHandler } from '../../core/channel.ts';
import type { ChatTarget, Incoming, IncomingFile, Reply } from '../../core/message.ts';
import { renderForTerminal } from './render.ts';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  /** Where files the bot sends are written (the operator is on this machine). */
  exportDir: string;
  /** Show a prompt: only when a person sits at a terminal, not when input is piped. */
  interactive: boolean;
}

/** The operator at the terminal is one fixed person in one private chat. */
export const OPERATOR_ID = 'operator';
const CHAT_ID = 'console';

/**
 * The terminal channel: one message per input line, answers on standard output. It works piped
 * (`printf '帮助\n' | npm start`) and ends at end of input, after the last line is answered.
 */
export class ConsoleChannel implements Channel {
  readonly name = 'terminal' as const;
  readonly ended: Promise<void>;
  private finish!: () => void;
  private closed = false;
  private rl?: ReturnType<typeof createInterface>;

  constructor(private readonly options: ConsoleOptions) {
    this.ended = new Promise((r) => (this.finish = r));
  }

  async start(handler: MessageHandler): Promise<void> {
    const rl = createInterface({ input: this.options.input, terminal: false });
    this.rl = rl;
    const prompt = () => this.options.interactive && !this.closed && this.options.output.write('> ');
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

  async send(to: ChatTarget, reply: Reply): Promise<void> {
    this.print(reply, `[${to.channel}:${to.chatId}] `);
  }

  private print(reply: Reply, prefix = ''): void {
    const saved = [reply.file, reply.image].filter((f) => !!f).map((f) => this.save(f));
    this.options.output.write(`${prefix}${renderForTerminal(reply, saved)}\n`);
  }

  private save(file: { name: string; data: Uint8Array }): string {
    mkdirSync(this.options.exportDir, { recursive: true });
    const path = join(this.options.exportDir, basename(file.name));
    writeFileSync(path, file.data);
    return path;
  }

  /**
   * A word of the line that names an existing file on this machine becomes the message's
   * attachment: that is how the operator "sends" a roster (`导入 ./roster.xlsx`).
   */
  private toIncoming(line: string): Incoming | null {
    const words = line.trim().split(/\s+/);
    let file: IncomingFile | undefined;
    const kept = words.filter((w, i) => {
      if (i === 0 || file || !looksLikePath(w)) return true;
      const path = resolve(w.replace(/^~(?=\/)/, homedir()));
      if (!existsSync(path) || !statSync(path).isFile()) return true;
      file = { name: basename(path), size: statSync(path).size, read: async () => readFileSync(path) };
      return false;
    });
    const text = kept.join(' ');
    if (!text && !file) return null;
    return {
      chat: { channel: 'terminal', id: CHAT_ID, kind: 'private' },
      sender: { id: OPERATOR_ID, name: '终端操作员' },
      text,
      file,
    };
  }
}

const looksLikePath = (w: string) => /^(\.{0,2}\/|~\/)/.test(w) || /\.(csv|xlsx|txt)$/i.test(w);
