import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/core/command.ts';
import { KeyedQueue } from '../../src/core/keyed-queue.ts';
import { parseCommand } from '../../src/core/parse-command.ts';

const command = (id: string, keywords: string[], slash = id): Command => ({
  id,
  keywords,
  slash,
  roles: ['staff'],
  where: 'any',
  run: async () => ({ text: id }),
});
const table = [command('visit', ['走访', '慰问']), command('visits', ['走访记录']), command('help', ['帮助', 'help'])];

describe('reading a command from a message', () => {
  it.each([
    ['/visit 张三 电话', 'visit', '张三 电话'],
    ['/visit@honorcare_bot 张三', 'visit', '张三'],
    ['/VISITS', 'visits', ''],
    ['走访 张三 电话', 'visit', '张三 电话'],
    ['走访张三', 'visit', '张三'],
    ['走访记录 2026-11', 'visits', '2026-11'],
    ['  帮助  ', 'help', ''],
    ['help me', 'help', 'me'],
  ])('%s → %s (%s)', (text, id, args) => {
    const parsed = parseCommand(text, table);
    expect(parsed?.command.id).toBe(id);
    expect(parsed?.args).toBe(args);
  });

  it.each(['helpful', '/unknown', '你好', '', '/'])('finds no command in %j', (text) => {
    expect(parseCommand(text, table)).toBeNull();
  });
});

describe('the keyed queue', () => {
  it('runs one key in order and different keys side by side', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await Promise.all([
      q.run('a', async () => (await wait(20), log.push('a1'))),
      q.run('a', async () => log.push('a2')),
      q.run('b', async () => log.push('b1')),
    ]);
    expect(log).toEqual(['b1', 'a1', 'a2']);
  });

  it('goes on after a task fails', async () => {
    const q = new KeyedQueue();
    await expect(q.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run('a', async () => 'next')).toBe('next');
    await q.idle();
  });
});
