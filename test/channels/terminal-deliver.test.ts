import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleChannel } from '../../src/channels/console/console-channel.ts';
import pino from 'pino';
import type { Address } from '../../src/core/delivery.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { freshDb } from '../support/databases.ts';

const operator: Address = { channel: 'terminal', chatId: 'console', kind: 'private' };
const soon = () => ({ deadline: Date.now() + 5000 });

describe('the terminal delivers notifications to the operator', () => {
  const dirs: string[] = [];
  afterEach(() => {
    while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
  });

  async function terminal() {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const exportDir = mkdtempSync(join(tmpdir(), 'hc-deliver-'));
    dirs.push(exportDir);
    const channel = new ConsoleChannel({ input, output, exportDir, interactive: false });
    await channel.start(async (incoming) => [{ text: `收到：${incoming.text ?? ''}` }]);
    return { input, channel, printed: () => printed };
  }

  it('prints a reminder as it prints answers, with its choices numbered, and never has to wait', async () => {
    const { input, channel, printed } = await terminal();
    expect(channel.waitFor()).toBe(0);
    const first = await channel.deliver(operator, { text: '⏰ 提醒：给张三打电话', choices: [{ id: '/reminders', label: '查看提醒' }] }, soon());
    expect(printed()).toBe('⏰ 提醒：给张三打电话\n  1. 查看提醒\n');
    const second = await channel.deliver(operator, { text: '⏰ 提醒：回电话' }, soon());
    expect(first).toMatchObject({ outcome: 'sent', sentParts: 1, messageIds: [expect.any(String)] });
    expect(second).toMatchObject({ outcome: 'sent', sentParts: 1 });
    // Ids tell the messages apart, as a platform's would.
    expect((second as { messageIds: string[] }).messageIds[0]).not.toBe((first as { messageIds: string[] }).messageIds[0]);
    // Answers and notifications share the output, each on its own lines.
    input.write('帮助\n');
    await vi.waitFor(() => expect(printed()).toContain('收到：帮助'));
    expect(printed().endsWith('⏰ 提醒：回电话\n收到：帮助\n')).toBe(true);
  });

  it('saves a file that comes with a notification, as with an answer', async () => {
    const { channel, printed } = await terminal();
    await channel.deliver(operator, { text: '本月走访名单', file: { name: '走访.csv', mimeType: 'text/csv', data: new TextEncoder().encode('姓名\n张三\n') } }, soon());
    const path = /→ (.+走访\.csv)/.exec(printed())?.[1];
    expect(path).toBeDefined();
    expect(readFileSync(path!, 'utf8')).toBe('姓名\n张三\n');
  });

  it('does not print again what an earlier attempt printed', async () => {
    const { channel, printed } = await terminal();
    expect(await channel.deliver(operator, { text: '已发过' }, { ...soon(), fromPart: 1 })).toEqual({ outcome: 'sent', messageIds: [], sentParts: 1 });
    expect(printed()).toBe('');
  });

  it('gives a notification back once the terminal has ended: nobody reads it any more', async () => {
    const { input, channel, printed } = await terminal();
    input.end();
    await channel.ended;
    expect(await channel.deliver(operator, { text: '太晚了' }, soon())).toMatchObject({ outcome: 'retry', sentParts: 0 });
    await channel.stop();
    expect(await channel.deliver(operator, { text: '太晚了' }, soon())).toMatchObject({ outcome: 'retry', sentParts: 0 });
    expect(printed()).not.toContain('太晚了');
  });

  it('is served by the outbox only until its input closes: then its notifications wait, untouched (the bot under systemd)', async () => {
    const t = await freshDb('sqlite');
    const dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log: pino({ level: 'silent' }), defaultLocale: 'zh-CN', catchupDays: 7 });
    try {
      const { input, channel } = await terminal();
      dispatcher.serve('terminal', '', channel, channel.ended);
      const due = async (n: number) =>
        t.db.$transaction((tx) => enqueue(tx, { dedupeKey: `t${n}`, to: operator, kind: 'reminder', messageKey: 'reminders.due', params: { text: `第${n}条` }, dueAt: new Date() }, new Date()));
      await due(1);
      expect(await dispatcher.dispatchOnce()).toBe(1);
      input.end();
      await channel.ended;
      await due(2);
      // Not claimed, so not tried: tried, each look would spend one of its attempts until it failed.
      expect(await dispatcher.dispatchOnce()).toBe(0);
      expect((await t.db.notification.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['pending', 0]]);
    } finally {
      await dispatcher.stop();
      await t.destroy();
    }
  });

  it('refuses an address on another channel (a bug, not an outcome)', async () => {
    const { channel } = await terminal();
    await expect(channel.deliver({ channel: 'telegram', chatId: '1', kind: 'private' }, { text: 'x' }, soon())).rejects.toThrow(/telegram/);
  });
});
