import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/core/i18n.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import type { TestDb } from '../support/databases.ts';
import type { Harness, Shown, Who } from './harness.ts';
import { contractStage } from './stage.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const silent = pino({ level: 'silent' });
const all = (answers: Shown[]) => answers.map((a) => [a.text, ...a.buttons].join('\n')).join('\n');

/**
 * What every channel must do the same way, with the same answers: the suite is written once
 * and run on each channel through its harness (terminal, Telegram over the fake Bot API,
 * WeChat on the mock puppet). Scenarios a channel cannot have (the terminal has no strangers
 * and no groups) are left out for it, by what its harness offers.
 */
export function channelContract(name: string, makeHarness: () => Promise<Harness>): void {
  describe(`the channel contract: ${name}`, () => {
    let t: TestDb;
    let h: Harness;
    let file: { fileNo: string; name: string; idNumber: string | null; phone: string | null; address: string | null };

    beforeAll(async () => {
      ({ t, h } = await contractStage(makeHarness, () => NOW));
      file = await t.db.honoree.findFirstOrThrow({ where: { name: '张三' } });
    }, 30_000);
    afterAll(async () => {
      await h?.stop();
      await t?.destroy();
    });

    const someone = (): Who => (h.people.staff ? 'staff' : 'admin');

    it('answers 帮助 with the list of commands', async () => {
      const text = all(await h.say(someone(), '帮助'));
      expect(text).toContain('劳模关爱助手 · 可用命令');
      expect(text).toContain('查询');
    });

    it('offers several matches of 查询 as numbered choices, and a digit picks one', async () => {
      const list = await h.say(someone(), '查询 张');
      const choices = h.buttons ? list.at(-1)!.buttons : [...all(list).matchAll(/^\s*2\. (.+)$/gm)].map((m) => m[1]);
      expect(choices.length, all(list)).toBeGreaterThan(0);
      const picked = all(await h.say(someone(), '2'));
      expect(picked).toContain('【档案】');
      const second = h.buttons ? list.at(-1)!.buttons[1] : choices[0];
      expect(picked).toContain(second.split('（')[0]);
    });

    it('shows a file when its button is pressed, where there are buttons', async () => {
      if (!h.press) return expect(h.buttons).toBe(false);
      const list = await h.say(someone(), '查询 张');
      const label = list.at(-1)!.buttons[0];
      const picked = all(await h.press(someone(), list.at(-1)!, label));
      expect(picked).toContain('【档案】');
      expect(picked).toContain(label.split('（')[0]);
    });

    it('cancels a guided add half-way and saves nothing', async () => {
      const before = await t.db.honoree.count();
      expect(all(await h.say(someone(), '新增'))).toContain('请输入姓名');
      await h.say(someone(), '孙契约');
      expect(all(await h.say(someone(), '取消'))).toContain('已取消');
      expect(await t.db.honoree.count()).toBe(before);
      expect(await t.db.honoree.count({ where: { name: '孙契约' } })).toBe(0);
    });

    it('refuses a stranger politely and reveals nothing', async () => {
      if (!h.people.stranger) return expect(h.channel).toBe('terminal');
      const text = all(await h.say('stranger', `查询 ${file.name}`));
      expect(text).toContain('仅供工会工作人员使用');
      expect(text).not.toContain(file.fileNo);
    });

    it('keeps a group to names and file numbers: no ID number, phone or address', async () => {
      if (!h.sayInGroup) return expect(h.channel).toBe('terminal');
      const text = all(await h.sayInGroup(someone(), `档案 ${file.fileNo}`));
      expect(text).toContain(file.name);
      expect(text).toContain(file.fileNo);
      for (const secret of [file.idNumber, file.phone, file.address, file.phone?.slice(-4)]) if (secret) expect(text).not.toContain(secret);
      // The same file in a private chat shows what the group may not see (so the check above can fail).
      const privately = all(await h.say(someone(), `档案 ${file.fileNo}`));
      expect(privately).toContain(file.phone!.slice(-4));
    });

    it('sends the year’s workbook as a file, with what it holds said', async () => {
      const before = h.filesTo(someone()).length;
      const text = all(await h.say(someone(), '导出'));
      expect(text).toContain('2026 年工作表格（花名册、个人荣誉、集体荣誉、摸底调查、走访慰问、健康体检、专项补助、统计）');
      expect(h.filesTo(someone())).toHaveLength(before + 1);
      expect(h.filesTo(someone())).toContain('honorcare-2026.xlsx');
    });

    it('answers 统计 with the figures and a chart image', async () => {
      const before = h.filesTo(someone()).length;
      expect(all(await h.say(someone(), '统计'))).toContain('【2026 年劳模工作统计】');
      expect(h.filesTo(someone())).toHaveLength(before + 1);
      expect(h.filesTo(someone())).toContain('honorcare-stats-2026.png');
    });

    it('delivers a message the bot sends on its own through the outbox', async () => {
      const dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log: silent, defaultLocale: 'zh-CN', catchupDays: 7, clock: () => NOW });
      const { deliverer, via } = h.deliverer();
      dispatcher.serve(h.channel, via, deliverer);
      const account = await t.db.account.findFirstOrThrow({ where: { channel: h.channel, externalId: h.people[someone()]!.id } });
      await t.db.$transaction((tx) =>
        enqueue(tx, { dedupeKey: `contract:${h.channel}`, to: h.address(someone()), accountId: account.id, kind: 'reminder', messageKey: 'reminders.due', params: { text: '给张三打电话' }, dueAt: NOW }, NOW),
      );
      expect(await dispatcher.dispatchOnce(NOW)).toBe(1);
      expect((await h.received(someone())).text).toContain('⏰ 提醒：给张三打电话');
      expect(await t.db.notification.findFirstOrThrow({ where: { dedupeKey: `contract:${h.channel}` } })).toMatchObject({ status: 'sent' });
      await dispatcher.stop();
    });
  });
}
