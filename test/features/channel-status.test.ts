import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.ts';
import type { AvailabilityChange } from '../../src/core/availability.ts';
import { createI18n } from '../../src/core/i18n.ts';
import type { ChannelName } from '../../src/core/message.ts';
import { ADMIN, STAFF } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

/** Saturday 2026-11-28, 09:15 in China. */
const NOW = new Date('2026-11-28T01:15:00Z');
const TELEGRAM_BOT = '7000000001';

describe.each(PROVIDERS)('admins hear when a channel goes down or comes back, on %s', (provider) => {
  let t: TestDb;
  let routes: Array<{ channel: ChannelName; via: string }>;
  let core: ReturnType<typeof createCore>;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    // An admin on WeChat itself: the channel that went down cannot tell them.
    await t.db.account.create({ data: { channel: 'wechat', externalId: 'wxid_admin', role: 'admin', displayName: '微信管理员' } });
    routes = [{ channel: 'telegram', via: TELEGRAM_BOT }];
    core = createCore(t.db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20, clock: () => NOW, routes: () => routes });
  });
  afterEach(() => t.destroy());

  const wechat = (up: boolean, reason: AvailabilityChange['reason'], minutesAgo = 0): AvailabilityChange => ({ channel: 'wechat', via: 'wxid_bot', up, reason, at: new Date(NOW.getTime() - minutesAgo * 60_000) });
  const notices = () => t.db.notification.findMany({ orderBy: { id: 'asc' } });
  const rendered = async () => {
    const t2 = createI18n().for('zh-CN');
    return (await notices()).map((n) => t2(n.messageKey, JSON.parse(n.params) as Record<string, string>));
  };

  it('tells the admins on another channel that WeChat logged out, once, and that it is back, once', async () => {
    await core.availability(wechat(false, 'logged_out', 2));
    const [notice, ...more] = await notices();
    expect(more).toEqual([]);
    const admin = await t.db.account.findFirstOrThrow({ where: { externalId: ADMIN.id } });
    expect(notice).toMatchObject({ channel: 'telegram', via: TELEGRAM_BOT, chatId: ADMIN.id, chatKind: 'private', accountId: admin.id, kind: 'notice', status: 'pending', dueAt: NOW });
    expect((await rendered())[0]).toBe('⚠️ 微信已退出登录（2026-11-28 09:13）。微信上的通知先保留，重新登录后逐条发出，不会丢失。请尽快在服务器上重新扫码登录（见日志或终端里的二维码）。');
    // Still down: neither the same news nor a silence on top of it is told again.
    await core.availability(wechat(false, 'logged_out', 1));
    await core.availability(wechat(false, 'silent'));
    expect(await t.db.notification.count()).toBe(1);
    await core.availability(wechat(true, 'back'));
    expect((await rendered()).slice(1)).toEqual(['✅ 微信已恢复（2026-11-28 09:15），保留的通知将陆续发出。']);
    // Staff are not told; nor is anyone on WeChat.
    const staff = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    expect((await notices()).some((n) => n.accountId === staff.id || n.channel === 'wechat')).toBe(false);
  });

  it('writes nothing when no other channel is served (the log says it), and tells nobody of a "back" that never went down', async () => {
    await core.availability(wechat(true, 'back'));
    routes = [];
    await core.availability(wechat(false, 'silent'));
    expect(await t.db.notification.count()).toBe(0);
  });
});
