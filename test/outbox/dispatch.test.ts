import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createDispatcher, type Dispatcher } from '../../src/outbox/dispatcher.ts';
import { startFakeBotApi, type FakeBotApi } from '../fakes/bot-api-server.ts';
import { ADMIN, STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { arrivals, seedDue } from '../support/outbox.ts';
import { OPEN_LIMITS } from '../support/rate-limits.ts';
import { seedAccounts } from '../support/seed.ts';

const TOKEN = '123456:TEST-token';
const log = pino({ level: 'silent' });
/** Monday 2026-11-23, 10:00 in China. */
const NOW = new Date('2026-11-23T02:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

// Due times are instants in UTC bound from the app's clock: the process's own zone changes nothing.
describe.each(['UTC', 'Asia/Shanghai'])('the outbox dispatcher (process TZ=%s)', (tz) => {
  const before = process.env.TZ;
  beforeAll(() => void (process.env.TZ = tz));
  afterAll(() => void (before === undefined ? delete process.env.TZ : (process.env.TZ = before)));

  describe.each(PROVIDERS)('on %s', (provider) => {
    let t: TestDb;
    let fake: FakeBotApi;
    let channel: TelegramChannel;
    let dispatcher: Dispatcher;
    let via: string;
    let now: Date;

    beforeEach(async () => {
      t = await freshDb(provider);
      await seedAccounts(t.db);
      fake = await startFakeBotApi();
      via = String(fake.botInfo.id);
      // Open limits: the budget's windows are tested on their own (test/channels/telegram-deliver.test.ts);
      // a 429's pause holds whatever the limits.
      channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log, maxUploadBytes: 10 << 20, rateLimits: OPEN_LIMITS });
      // The channel sends for the bot it is (getMe); it polls for nothing in these tests.
      expect(await channel.identify()).toBe(String(fake.botInfo.id));
      now = NOW;
      dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log, defaultLocale: 'zh-CN', catchupDays: 7, clock: () => now, random: () => 0.5 });
      dispatcher.serve('telegram', via, channel);
    });
    afterEach(async () => {
      await dispatcher.stop();
      await channel.stop();
      await fake.stop();
      await t.destroy();
    });

    const rows = () => t.db.notification.findMany({ orderBy: { id: 'asc' } });
    const sentTexts = () => fake.calls.filter((c) => c.method === 'sendMessage' && c.result).map((c) => String(c.params.text));

    it('sends what is due once, with the platform message id, and nothing before its time', async () => {
      await seedDue(t.db, { count: 3, via, dueAt: NOW });
      await seedDue(t.db, { count: 1, via, dueAt: at(5 * MIN), prefix: 'later', firstChat: 600_000 });
      expect(await dispatcher.dispatchOnce(NOW)).toBe(3);
      expect(await dispatcher.dispatchOnce(NOW)).toBe(0);
      expect(sentTexts().sort()).toEqual(['⏰ 提醒：n-0', '⏰ 提醒：n-1', '⏰ 提醒：n-2']);
      const [first] = await rows();
      expect(first).toMatchObject({ status: 'sent', attempts: 1, sentAt: NOW, leaseHolder: null });
      expect(JSON.parse(first.messageIds ?? '[]')).toEqual([expect.stringMatching(/^\d+$/)]);
      now = at(5 * MIN);
      expect(await dispatcher.dispatchOnce(now)).toBe(1);
      expect(sentTexts()).toContain('⏰ 提醒：later-0');
    });

    it('waits out a 429 (nothing more to that chat before retry_after), then the message arrives once', async () => {
      await seedDue(t.db, { count: 1, via, dueAt: NOW });
      fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
      expect(await dispatcher.dispatchOnce(NOW)).toBe(1);
      let [row] = await rows();
      // Not a failed attempt: the platform asked to wait.
      expect(row).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(1000) });
      expect(channel.waitFor({ channel: 'telegram', via, chatId: '500000', kind: 'private' })).toBeGreaterThan(0);
      now = at(1000);
      await new Promise((r) => setTimeout(r, 1050));
      expect(await dispatcher.dispatchOnce(now)).toBe(1);
      [row] = await rows();
      expect(row.status).toBe('sent');
      expect(fake.sent(500000)).toEqual(['⏰ 提醒：n-0']);
    });

    it('backs off after server errors, then fails visibly; an admin sees it and can send it again', async () => {
      await seedDue(t.db, { count: 1, via, dueAt: NOW });
      fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 100);
      const waits: number[] = [];
      for (let i = 0; i < 20; i++) {
        await dispatcher.dispatchOnce(now);
        const [row] = await rows();
        if (row.status !== 'pending') break;
        waits.push(row.nextAttemptAt.getTime() - now.getTime());
        now = row.nextAttemptAt;
      }
      const [row] = await rows();
      expect(row).toMatchObject({ status: 'failed', attempts: 8 });
      expect(waits).toHaveLength(7);
      // Growing waits, up to a cap.
      for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]);
      expect(Math.max(...waits)).toBeLessThanOrEqual(10 * MIN);
      expect(fake.sent(500000)).toEqual([]);
      const chat = testChat(t.db, { now });
      expect(await chat.say(ADMIN, '提醒')).toContain(`#${row.id} 提醒`);
      expect(await chat.say(STAFF, `重发 ${row.id}`)).toContain('您没有使用这个命令的权限');
      expect(await chat.say(ADMIN, `重发 ${row.id}`)).toContain(`通知 #${row.id} 将重新发送`);
      fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 0);
      await dispatcher.dispatchOnce(now);
      expect((await rows())[0].status).toBe('pending'); // the scripted 500s are not used up yet
    });

    it('a blocked person becomes a phone-call task, saved with the outcome', async () => {
      const staff = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
      await seedDue(t.db, { count: 1, via, dueAt: NOW, accountId: staff.id });
      fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      await dispatcher.dispatchOnce(NOW);
      const [row] = await rows();
      expect(row).toMatchObject({ status: 'failed', lastError: 'unreachable: blocked' });
      const task = await t.db.phoneTask.findFirstOrThrow();
      expect(task).toMatchObject({ accountId: staff.id, reason: 'blocked', status: 'open', notificationId: row.id, about: '⏰ 提醒：n-0' });
      expect(await testChat(t.db, { now }).say(STAFF, '今日')).toContain(`#${task.id} 打电话给 工作人员小李（对方屏蔽了机器人）`);
      // Sent again by an admin while they still block the bot: the same task, open again, and the row settled.
      const admin = testChat(t.db, { now });
      expect(await admin.say(STAFF, `完成 ${task.id}`)).toContain('已完成任务');
      expect(await admin.say(ADMIN, `重发 ${row.id}`)).toContain('将重新发送');
      fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
      await dispatcher.dispatchOnce(now);
      expect(await t.db.phoneTask.findMany()).toMatchObject([{ id: task.id, status: 'open', notificationId: row.id }]);
      expect((await rows())[0]).toMatchObject({ status: 'failed', lastError: 'unreachable: blocked' });
    });

    it('a group upgraded to a supergroup gets the message under its new id, and keeps it', async () => {
      const group = await t.db.notifyGroup.create({ data: { channel: 'telegram', via, chatId: '-4001', title: '示例群', createdAt: NOW, updatedAt: NOW } });
      await t.db.$transaction(async (tx) => {
        const { enqueue } = await import('../../src/outbox/enqueue.ts');
        for (const i of [1, 2]) {
          await enqueue(tx, { dedupeKey: `g${i}`, to: { channel: 'telegram', via, chatId: '-4001', kind: 'group' }, groupId: group.id, kind: 'reminder', messageKey: 'reminders.due', params: { text: `群${i}` }, dueAt: at(i * MIN) }, NOW);
        }
      });
      fake.failNext('sendMessage', { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1009001 } });
      now = at(MIN);
      await dispatcher.dispatchOnce(now);
      await dispatcher.dispatchOnce(now);
      expect(fake.sent(-1009001)).toEqual(['⏰ 提醒：群1']);
      expect((await t.db.notifyGroup.findUniqueOrThrow({ where: { id: group.id } })).chatId).toBe('-1009001');
      now = at(2 * MIN);
      await dispatcher.dispatchOnce(now);
      expect(fake.sent(-1009001)).toEqual(['⏰ 提醒：群1', '⏰ 提醒：群2']);
    });

    it('after a 6-hour outage sends what fell due once; what is older than the catch-up limit is skipped and listed', async () => {
      // One reminder every 10 minutes while the bot was down, and two from 8 days ago.
      for (let i = 0; i < 36; i++) await seedDue(t.db, { count: 1, via, dueAt: at(i * 10 * MIN), prefix: `o${i}`, firstChat: 700_000 + i });
      await seedDue(t.db, { count: 2, via, dueAt: at(-8 * 24 * 60 * MIN), prefix: 'old', firstChat: 800_000 });
      now = at(6 * 60 * MIN);
      // The bot comes back: several looks, as the running dispatcher would make.
      for (let i = 0; i < 5; i++) await dispatcher.dispatchOnce(now);
      const texts = sentTexts();
      expect(texts).toHaveLength(36);
      expect([...arrivals(texts).values()].every((n) => n === 1)).toBe(true);
      expect(texts.some((x) => x.includes('old-'))).toBe(false);
      const skipped = await t.db.notification.findMany({ where: { status: 'skipped' } });
      expect(skipped).toHaveLength(2);
      expect(await testChat(t.db, { now }).say(ADMIN, '提醒')).toContain('停机太久，已跳过未发');
    });

    it('a network outage of an hour fails nothing: the rows wait without spending attempts and go once when Telegram answers again', async () => {
      await seedDue(t.db, { count: 4, via, dueAt: NOW });
      const port = Number(new URL(fake.apiRoot).port);
      await fake.stop(); // connections refused: no answer at all
      const statuses = new Set<string>();
      let looks = 0;
      for (; now < at(60 * MIN); now = new Date(now.getTime() + 30_000), looks++) {
        await dispatcher.dispatchOnce(now);
        for (const row of await rows()) statuses.add(row.status);
      }
      expect(looks).toBe(120);
      // Counted as attempts, eight of them would have failed every row within ~21 minutes.
      expect([...statuses]).toEqual(['pending']);
      expect((await rows()).map((r) => r.attempts)).toEqual([0, 0, 0, 0]);
      // While it is down the channel is paused: at most a minute before the next probe.
      const waits = (await rows()).map((r) => r.nextAttemptAt.getTime() - now.getTime());
      expect(Math.max(...waits)).toBeLessThanOrEqual(MIN);
      await fake.start(port);
      now = at(62 * MIN);
      for (let i = 0; i < 3; i++) await dispatcher.dispatchOnce(now);
      expect(sentTexts().sort()).toEqual(['⏰ 提醒：n-0', '⏰ 提醒：n-1', '⏰ 提醒：n-2', '⏰ 提醒：n-3']);
      expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([['sent', 1], ['sent', 1], ['sent', 1], ['sent', 1]]);
    });

    it('a notification for an account deactivated since it was planned is cancelled, not sent', async () => {
      const staff = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
      await seedDue(t.db, { count: 1, via, dueAt: NOW, accountId: staff.id });
      await t.db.account.update({ where: { id: staff.id }, data: { active: false } });
      await dispatcher.dispatchOnce(NOW);
      expect(sentTexts()).toEqual([]);
      expect((await rows())[0]).toMatchObject({ status: 'cancelled', lastError: 'account deactivated', leaseHolder: null });
    });

    it('stopping gives back what it claimed and did not send', async () => {
      await seedDue(t.db, { count: 3, via, dueAt: NOW });
      await t.db.notification.updateMany({ data: { status: 'sending', leaseHolder: 'someone-dead', leaseUntil: at(-1) } });
      // A row left `sending` by a dead process is taken again once its lease has run out.
      expect(await dispatcher.dispatchOnce(NOW)).toBe(3);
      expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    });
  });
});
