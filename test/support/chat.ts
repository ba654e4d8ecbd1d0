import pino, { type Logger } from 'pino';
import { createCore, type CoreOptions } from '../../src/app.ts';
import type { Incoming, IncomingFile, Reply } from '../../src/core/message.ts';
import type { Db } from '../../src/db/client.ts';

/** A person in a test chat. */
export interface Person {
  channel?: 'telegram' | 'terminal' | 'wechat';
  id: string;
  name: string;
}

export const ADMIN: Person = { channel: 'telegram', id: '1001', name: '管理员老王' };
export const STAFF: Person = { channel: 'telegram', id: '2002', name: '工作人员小李' };
export const STRANGER: Person = { channel: 'telegram', id: '9009', name: '路人' };

export interface ChatOptions extends Partial<CoreOptions> {
  /** A fixed "now" for dates (default 2026-11-23 10:00 China time). */
  now?: Date;
  /** Where the core logs (default: nowhere), for a test that reads the log. */
  log?: Logger;
}

/**
 * Drives the real core (features, database, engine) with no platform at all: a test says
 * something as a person and reads the replies.
 */
export function testChat(db: Db, options: ChatOptions = {}) {
  let now = options.now ?? new Date('2026-11-23T02:00:00Z');
  let update = 0;
  // Each test chat is a separate run of the bot; its update ids must not collide with another's.
  const run = Math.random().toString(36).slice(2, 8);
  const core = createCore(db, options.log ?? pino({ level: 'silent' }), {
    defaultLocale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    fileNoPrefix: 'LM',
    inviteTtlHours: 72,
    maxUploadBytes: 10 * 1024 * 1024,
    clock: () => now,
    ...options,
  });

  async function send(who: Person, message: Partial<Incoming> & { group?: string }): Promise<Reply[]> {
    const channel = who.channel ?? 'telegram';
    const { group, ...rest } = message;
    return core.handle({
      chat: group ? { channel, id: group, kind: 'group' } : { channel, id: who.id, kind: 'private' },
      sender: { id: who.id, name: who.name },
      updateId: `${run}-${++update}`,
      ...rest,
    });
  }

  return {
    core,
    send,
    /** What `who` sees after typing `text` (all replies joined). */
    say: async (who: Person, text: string, opts: { group?: string; file?: IncomingFile } = {}) =>
      join(await send(who, { text, ...opts })),
    replies: (who: Person, text: string, opts: { group?: string } = {}) => send(who, { text, ...opts }),
    press: (who: Person, choice: string, opts: { group?: string } = {}) => send(who, { choice, ...opts }),
    setNow: (d: Date) => (now = d),
  };
}

export const join = (replies: Reply[]) => replies.map((r) => [r.text, ...(r.choices ?? []).map((c, i) => `${i + 1}. ${c.label}`)].join('\n')).join('\n');

/** An in-memory file as a channel would hand it over. */
export function memoryFile(name: string, data: Uint8Array | string, declaredSize?: number): IncomingFile {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { name, size: declaredSize ?? bytes.length, read: async () => bytes };
}
