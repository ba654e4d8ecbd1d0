import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../src/outbox/dispatcher.ts';
import type { TestDb } from '../support/databases.ts';
import type { Core, Harness, Shown, Who } from './harness.ts';
import { contractStage } from './stage.ts';

/**
 * A year's health checkup from end to end on a real channel, written once and run on each:
 * staff create the campaign in the guided conversation; three honorees (张三 himself, 李海燕
 * through her daughter, 王建国 himself) get their invitations through the outbox and answer by
 * button (Telegram) or by digit (WeChat); two race for the last place; one declines with a reason;
 * silence reaches the office group's digest; staff record a phone answer, then attendance and a
 * report whose abnormal finding puts the honoree on the priority register and sets a follow-up
 * reminder that reaches staff a month later. The clock is the test's: days pass in an instant.
 * The terminal has one operator and no honorees: there staff record every answer by phone and
 * pick from the numbered lists. All invented.
 */
const START = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const DAY = 86_400_000;
const SLOTS = '2027-03-10 上午 2人；2027-03-11 上午 2人；2027-03-12 上午 3人';
const FILES = { zhang: 'LM00001', daughter: 'LM00002', wang: 'LM00003', nobody: 'LM00004' } as const;
/** 09:00 in Shanghai on a day of March 2027, when the reminders go. */
const nineOn = (day: number) => new Date(Date.UTC(2027, 2, day, 1));

const text = (s: Shown) => [s.text, ...s.buttons].join('\n');
const all = (answers: Shown[]) => answers.map(text).join('\n');

export function checkupContract(name: string, makeHarness: () => Promise<Harness>): void {
  // One story told in order (days pass from one step to the next): not shuffled like the rest.
  describe(`a health checkup from end to end: ${name}`, { shuffle: false }, () => {
    let t: TestDb;
    let h: Harness;
    let core: Core;
    let dispatcher: Dispatcher;
    let now = START;
    /** The invitation as each honoree received it (its buttons stay valid whatever comes after). */
    const invitations = new Map<Who, Shown>();

    beforeAll(async () => {
      ({ t, h, core } = await contractStage(makeHarness, () => now));
      dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: core.i18n, log: pino({ level: 'silent' }), defaultLocale: 'zh-CN', catchupDays: 7, clock: () => now });
      const { deliverer, via } = h.deliverer();
      dispatcher.serve(h.channel, via, deliverer);
    }, 30_000);
    afterAll(async () => {
      await dispatcher?.stop();
      await h?.stop();
      await t?.destroy();
    });

    const office = (): Who => (h.people.staff ? 'staff' : 'admin');
    const honorees = () => (h.people.zhang ? (['zhang', 'daughter', 'wang'] as const) : []);
    const staffSay = async (line: string) => all(await h.say(office(), line));
    /** Sends what is due at the test's "now" through the channel, as the running dispatcher would. */
    const dispatch = async () => {
      let sent = 0;
      for (let n = -1; n !== 0; sent += n) n = await dispatcher.dispatchOnce(now);
      return sent;
    };
    /** Runs one of the bot's planners at the test's "now", as its node-cron tick would. */
    const plan = (planner: string) => core.planners.find((p) => p.name === planner)!.run(now);
    const appointmentOf = async (fileNo: string) =>
      t.db.checkupAppointment.findFirstOrThrow({ where: { honoreeId: (await t.db.honoree.findUniqueOrThrow({ where: { fileNo } })).id }, include: { slot: true } });
    const nameOf = async (fileNo: string) => (await t.db.honoree.findUniqueOrThrow({ where: { fileNo } })).name;
    /** Picks the choice labelled `label` in `on`: its button where there are buttons, else its number. */
    async function pick(who: Who, on: Shown, label: string): Promise<Shown[]> {
      const button = on.buttons.find((b) => b.includes(label));
      if (h.press && button) return h.press(who, on, button);
      const line = [...on.text.matchAll(/^\s*(\d+)\.\s*(.+)$/gm)].find((m) => m[2].includes(label));
      if (!line) throw new Error(`no choice "${label}" in: ${on.text}`);
      return h.say(who, line[1]);
    }

    it('invites three honorees, one through her daughter, who bind with their codes', async () => {
      if (!honorees().length) return expect(h.channel).toBe('terminal');
      for (const who of honorees()) {
        const invite = await staffSay(`邀请 ${FILES[who]}${who === 'daughter' ? ' 代理人' : ''}`);
        const code = /[23456789A-HJKMNP-Z]{8}/.exec(invite)?.[0];
        expect(code, invite).toBeDefined();
        const bound = all(await h.say(who, `绑定 ${code}`));
        expect(bound).toContain(who === 'daughter' ? `您是${await nameOf(FILES.daughter)}的代理人` : `${await nameOf(FILES[who])}您好`);
      }
      expect(await t.db.account.count({ where: { role: { in: ['honoree', 'proxy'] } } })).toBe(3);
      // An honoree's account reaches none of the office's commands.
      expect(all(await h.say('zhang', `查询 ${FILES.wang}`))).not.toContain(FILES.wang);
    });

    it('creates a campaign in the guided conversation, shows the count and sends nothing before the confirmation', async () => {
      const answers = ['体检 新建', '2027', '示例县人民医院', '示例县健康路1号', '空腹，带身份证', SLOTS, '6'];
      for (const line of answers) await staffSay(line);
      const summary = await staffSay(Object.values(FILES).join('、'));
      expect(summary).toContain('共 7 个名额');
      expect(summary).toMatch(/共 4 人/);
      expect(await t.db.checkupCampaign.count()).toBe(0);
      const created = await staffSay('1');
      expect(created).toMatch(/已创建 2027 年体检活动（#\d+），邀请 4 人：(\d) 人的邀请已排队发送；(\d) 人/);
      const [, sent, toCall] = /(\d) 人的邀请已排队发送；(\d) 人/.exec(created)!;
      expect([Number(sent), Number(toCall)]).toEqual(honorees().length ? [3, 1] : [0, 4]);
      const taken = (await t.db.checkupSlot.findMany({ orderBy: { date: 'asc' } })).map((s) => s.taken);
      expect(taken).toEqual([1, 1, 2]);
    });

    it('delivers each invitation with time, place, preparation and the three choices', async () => {
      expect(await dispatch()).toBe(honorees().length);
      for (const who of honorees()) {
        const invitation = await h.received(who);
        const a = await appointmentOf(FILES[who]);
        expect(invitation.text).toContain(`${await nameOf(FILES[who])}您好！工会为您安排了免费体检`);
        expect(invitation.text).toContain(`时间：3月${Number(a.slot!.date.slice(8))}日`);
        expect(invitation.text).toContain('注意：空腹，带身份证');
        expect(text(invitation)).toMatch(/确认参加[\s\S]*改期[\s\S]*不参加/);
        invitations.set(who, invitation);
      }
    });

    it('confirms by button or by digit; the same answer again says so and changes nothing', async () => {
      if (!honorees().length) return expect(h.channel).toBe('terminal');
      const answer = all(await pick('zhang', invitations.get('zhang')!, '确认参加'));
      expect(answer).toContain('好的，已为您确认体检，到时见！');
      expect(answer).toContain('地点：示例县人民医院，示例县健康路1号');
      expect(await appointmentOf(FILES.zhang)).toMatchObject({ status: 'confirmed' });
      const audited = await t.db.auditEntry.count({ where: { entity: 'checkup_appointment', action: 'update' } });
      expect(all(await pick('zhang', invitations.get('zhang')!, '确认参加'))).toContain('您已经确认过了');
      expect(await t.db.auditEntry.count({ where: { entity: 'checkup_appointment', action: 'update' } })).toBe(audited);
    });

    it('lists whom to phone in the office group’s digest: no account from the start, the silent after 3 days', async () => {
      if (h.sayInGroup) expect(all(await h.sayInGroup('admin', '绑定群'))).toContain('绑定');
      const nobody = `${await nameOf(FILES.nobody)}（${FILES.nobody}，没有绑定账号）`;
      const first = await digestNow();
      expect(first).toContain('🩺 体检');
      expect(first).toContain(nobody);
      now = new Date(START.getTime() + 3 * DAY);
      const later = await digestNow();
      for (const who of honorees().filter((w) => w !== 'zhang')) expect(later).toContain(`${await nameOf(FILES[who])}（${FILES[who]}，3 天未回复）`);
      // 张三 answered at once; at the terminal nobody has an account, and all are listed so.
      if (honorees().length) expect(later).not.toContain(`（${FILES.zhang}`);
      else for (const fileNo of Object.values(FILES)) expect(later).toContain(`${await nameOf(fileNo)}（${fileNo}，没有绑定账号）`);
      // The group sees names and file numbers: no phone number, ID number or address.
      for (const fileNo of Object.values(FILES)) {
        const file = await t.db.honoree.findUniqueOrThrow({ where: { fileNo } });
        for (const secret of [file.phone, file.idNumber, file.address]) if (secret) expect(later).not.toContain(secret);
      }
    });

    /** Today's digest as the office group receives it (or as 今日 shows it where there is no group). */
    async function digestNow(): Promise<string> {
      if (!h.sentToGroup || !h.sayInGroup) return staffSay('今日');
      const before = h.sentToGroup().length;
      await plan('digest');
      await dispatch();
      const fresh = h.sentToGroup().slice(before);
      expect(fresh.length).toBeGreaterThan(0);
      return all(fresh);
    }

    it('two honorees race for the last place at another time: one gets it, the other is told and offered the rest', async () => {
      const racers = (['daughter', 'wang'] as const).filter(() => honorees().length);
      if (!racers.length) return expect(h.channel).toBe('terminal');
      const theirs = await Promise.all(racers.map(async (who) => (await appointmentOf(FILES[who])).slotId));
      const target = (await t.db.checkupSlot.findMany({ orderBy: { date: 'asc' } })).find((s) => !theirs.includes(s.id) && s.taken === s.capacity - 1)!;
      expect(target, 'a slot with one place left that neither racer has').toBeDefined();
      const label = `${Number(target.date.slice(5, 7))}月${Number(target.date.slice(8))}日`;
      // Both ask for another time (one by the invitation's button or digit, one in words), then both pick the same.
      const lists = await Promise.all([pick('daughter', invitations.get('daughter')!, '改期'), h.say('wang', '改期')]);
      for (const list of lists) expect(all(list)).toContain('请选一个新时间');
      const results = await Promise.all(racers.map((who, i) => pick(who, lists[i].at(-1)!, label)));
      const won = results.map((r) => all(r).includes('好的，已为您改到新时间'));
      expect(won.filter(Boolean)).toHaveLength(1);
      const loser = results[won.indexOf(false)];
      expect(all(loser)).toContain('这个时间刚刚约满了，请选其他时间');
      expect(all(loser)).not.toContain(label);
      const slots = await t.db.checkupSlot.findMany();
      for (const s of slots) expect(s.taken).toBeLessThanOrEqual(s.capacity);
      expect(slots.find((s) => s.id === target.id)!.taken).toBe(target.capacity);
      expect(slots.reduce((n, s) => n + s.taken, 0)).toBe(4);
      // The loser takes what is offered.
      const rest = loser.at(-1)!;
      const offered = rest.buttons[0] ?? /^\s*1\.\s*(.+)$/m.exec(rest.text)![1];
      expect(all(await pick(racers[won.indexOf(false)], rest, offered))).toContain('好的，已为您改到新时间');
      expect(await t.db.checkupAppointment.count({ where: { rescheduled: true, status: 'confirmed' } })).toBe(2);
    });

    it('declines with a reason on the first invitation, after other messages: the place goes back, no reminder is left', async () => {
      if (!honorees().length) return expect(h.channel).toBe('terminal');
      const before = await appointmentOf(FILES.zhang);
      const declined = await pick('zhang', invitations.get('zhang')!, '不参加');
      expect(all(declined)).toContain('好的，已记下您这次不参加');
      expect(all(await pick('zhang', declined.at(-1)!, '身体不适'))).toContain('谢谢，已记下');
      expect(await appointmentOf(FILES.zhang)).toMatchObject({ status: 'declined', declineReason: 'ill', slotId: null });
      expect((await t.db.checkupSlot.findUniqueOrThrow({ where: { id: before.slotId! } })).taken).toBe(before.slot!.taken - 1);
      expect(await t.db.notification.count({ where: { appointmentId: before.id, status: 'pending' } })).toBe(0);
    });

    it('records what staff heard on the phone, choosing the new time from a numbered list', async () => {
      now = new Date(START.getTime() + 4 * DAY); // the next morning's calls
      if (!honorees().length) {
        // At the terminal every answer comes by phone.
        expect(await staffSay(`体检 代确认 ${FILES.zhang} 不参加 住院`)).toContain('这次不参加，名额已释放');
        expect(await staffSay(`体检 代确认 ${FILES.daughter} 确认`)).toContain('电话确认参加');
        expect(await staffSay(`体检 代确认 ${FILES.wang} 确认`)).toContain('电话确认参加');
      }
      const list = await h.say(office(), `体检 代确认 ${FILES.nobody} 改期`);
      expect(all(list)).toContain(`为 ${await nameOf(FILES.nobody)}（${FILES.nobody}）改到哪个时间？`);
      const first = list.at(-1)!.buttons[0] ?? /^\s*1\.\s*(.+)$/m.exec(list.at(-1)!.text)![1];
      expect(all(await pick(office(), list.at(-1)!, first))).toContain(`已为 ${await nameOf(FILES.nobody)}（${FILES.nobody}）改到：`);
      const staff = await t.db.account.findFirstOrThrow({ where: { channel: h.channel, externalId: h.people[office()]!.id } });
      expect(await appointmentOf(FILES.nobody)).toMatchObject({ status: 'confirmed', rescheduled: true, answeredById: staff.id });
      expect(await digestNow()).not.toContain(`（${FILES.nobody}`);
      const board = await staffSay('体检');
      expect(board).toContain('邀请 4 · 确认 3');
      expect(board).toContain('不参加 1 · 未回复 0');
    });

    it('reminds each honoree 3 days and 1 day before their own day, at 09:00, and nobody who declined', async () => {
      const received = new Map<Who, string[]>();
      const before = new Map(honorees().map((who) => [who, h.sentTo!(who).length]));
      for (let day = 5; day <= 12; day++) {
        now = nineOn(day);
        await dispatch();
        for (const who of honorees()) {
          const fresh = h.sentTo!(who).slice(before.get(who));
          before.set(who, before.get(who)! + fresh.length);
          for (const m of fresh) received.set(who, [...(received.get(who) ?? []), `${day}:${m.text.split('\n')[0]}`]);
        }
      }
      for (const who of ['daughter', 'wang'] as const) {
        if (!honorees().length) break;
        const day = Number((await appointmentOf(FILES[who])).slot!.date.slice(8));
        const name = await nameOf(FILES[who]);
        expect(received.get(who)).toEqual([`${day - 3}:${name}您好！提醒您 3 天后体检：`, `${day - 1}:${name}您好！提醒您 1 天后体检：`]);
      }
      expect(received.get('zhang')).toBeUndefined();
      // The terminal sent nothing: nobody there has an honoree account.
      expect(await t.db.notification.count({ where: { kind: 'checkup_reminder', status: 'sent' } })).toBe(honorees().length ? 4 : 0);
    });

    it('records attendance and a report: the abnormal finding enters the priority register, and staff are reminded to follow up', async () => {
      now = new Date('2027-03-12T06:00:00Z'); // 14:00 on the last day
      const came = [FILES.daughter, FILES.nobody];
      expect(await staffSay(`体检 到场 ${came.join('、')}`)).toContain('已记录到场 2 人');
      expect(await staffSay(`体检 未到 ${FILES.wang}`)).toContain('已记录未到 1 人');
      expect(await staffSay('体检')).toContain('已到 2 · 未到 1');
      // The one who did not come hears one kind word the next morning.
      now = new Date('2027-03-13T02:00:00Z');
      expect(await dispatch()).toBe(honorees().length ? 1 : 0);
      if (honorees().length) expect((await h.received('wang')).text).toContain('昨天在示例县人民医院的体检没见到您');

      const name = await nameOf(FILES.daughter);
      expect(await staffSay(`体检 结果 ${FILES.daughter}`)).toContain('第 1 步：报告总结');
      await staffSay('大部分指标正常');
      await staffSay('血糖偏高');
      const saved = await staffSay('控制饮食，一个月后复查血糖');
      expect(saved).toContain(`已保存 ${name}（${FILES.daughter}）的体检结果`);
      expect(saved).toContain('已列入 2027 年重点登记（健康），2027-04-12 会提醒您随访');
      expect(await staffSay('重点登记 2027')).toContain(name);
      expect(await staffSay(`档案 ${FILES.daughter}`)).toContain('异常：血糖偏高');

      // A month on, the follow-up reminder reaches the one who recorded the report.
      now = new Date('2027-04-12T01:00:00Z');
      await plan('reminders');
      expect(await dispatch()).toBe(1);
      expect((await h.received(office())).text).toContain(`⏰ 提醒：体检随访：${name}（${FILES.daughter}）`);
      // Health details stay out of the group.
      if (h.sentToGroup) for (const m of h.sentToGroup()) expect(m.text).not.toContain('血糖');
    });
  });
}
