import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.ts';
import type { Incoming } from '../../src/core/message.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';

const BOT = 'wxid_bot';

/** After WeChat was logged out, what people answered meanwhile is lost: open questions are asked again, once. */
describe.each(PROVIDERS)('questions asked again after an outage, on %s', (provider) => {
  let t: TestDb;
  let now: Date;
  let core: ReturnType<typeof createCore>;
  beforeEach(async () => {
    t = await freshDb(provider);
    await loadDemoData(t.db, 2026);
    for (const id of ['wxid_li', 'wxid_wang']) await t.db.account.create({ data: { channel: 'wechat', externalId: id, role: 'staff', displayName: id } });
    now = new Date('2026-11-28T02:00:00Z');
    core = createCore(t.db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20, clock: () => now });
  });
  afterEach(() => t.destroy());

  const say = (who: string, text: string): Promise<{ text: string; choices?: { id: string; label: string }[] }[]> =>
    core.handle({ chat: { channel: 'wechat', via: BOT, id: who, kind: 'private' }, sender: { id: who, name: who }, text } satisfies Incoming);

  it('asks each open question once more, with its choices, and a digit still answers it', async () => {
    const [list] = (await say('wxid_li', '查询 张')).slice(-1);
    expect(list.choices!.length).toBeGreaterThan(1);
    const before = now;
    now = new Date(now.getTime() + 5 * 60_000);
    // Another person's question was answered before the outage: nothing to ask again.
    await say('wxid_wang', '查询 张');
    await say('wxid_wang', '1');

    const again = await core.openQuestions('wechat', BOT, before);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ chatId: 'wxid_li', kind: 'private' });
    expect(again[0].reply.text).toBe(`（刚才连接中断，您的回复可能没有收到。再发一次下面的问题，请回复对应的数字：）\n${list.text}`);
    expect(again[0].reply.choices!.map((c) => c.label)).toEqual(list.choices!.map((c) => c.label));
    // Once: a second login does not repeat it.
    expect(await core.openQuestions('wechat', BOT, before)).toEqual([]);
    // A full-width digit, as a Chinese input method types it, picks as well.
    const picked = await say('wxid_li', '２');
    expect(picked.map((r) => r.text).join('\n')).toContain(list.choices![1].label.split('（')[0]);
  });

  it('asks nothing again of an account deactivated meanwhile, and forgets its question', async () => {
    await say('wxid_li', '查询 张');
    await t.db.account.updateMany({ where: { externalId: 'wxid_li' }, data: { active: false } });
    expect(await core.openQuestions('wechat', BOT, new Date(0))).toEqual([]);
    expect(await t.db.conversationState.count({ where: { key: { endsWith: ':wxid_li' } } })).toBe(0);
  });

  it('leaves alone questions from before the outage window and those of another bot or channel', async () => {
    await say('wxid_li', '查询 张');
    const later = new Date(now.getTime() + 60_000);
    expect(await core.openQuestions('wechat', BOT, later)).toEqual([]);
    expect(await core.openQuestions('wechat', 'wxid_other_bot', new Date(0))).toEqual([]);
    expect(await core.openQuestions('telegram', BOT, new Date(0))).toEqual([]);
    expect(await core.openQuestions('wechat', BOT, new Date(0))).toHaveLength(1);
  });
});
