import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/core/i18n.ts';
import type { Db } from '../../src/db/client.ts';
import { WORKING_LINE_ROWS } from '../../src/features/export/export-command.ts';
import { claimDue } from '../../src/outbox/claim.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { contractStage } from '../contract/stage.ts';
import { telegramHarness } from '../contract/telegram-harness.ts';
import type { Harness } from '../contract/harness.ts';
import { STAFF, type testChat } from '../support/chat.ts';
import { until } from '../support/until.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { officeWorld } from '../support/seed.ts';

/**
 * A long export says it is being made before the file comes: a "working" line through the
 * outbox, sent at once, and taken back if the file was ready first. A short one says nothing
 * but the file. All invented.
 */
const NOW = new Date('2026-12-20T02:00:00Z');
/** Just past the line: with the office's own files, a workbook long enough to announce. */
const MANY = WORKING_LINE_ROWS + 1;

async function addPeople(db: Db, count: number): Promise<void> {
  await db.honoree.createMany({ data: Array.from({ length: count }, (_, i) => ({ fileNo: `LW${String(i + 1).padStart(5, '0')}`, name: `长表${i + 1}`, pinyinFull: `changbiao${i}`, pinyinInitials: `cb${i}` })) });
}

/**
 * Runs `work`, looking for the export's outbox row every few ms while it runs: the first one seen,
 * if any, after `onSeen` has done what it does with it.
 */
async function workingLineDuring<T>(db: Db, work: Promise<T>, onSeen?: () => Promise<void>) {
  let done = false;
  const finished = work.finally(() => (done = true));
  let seen: Awaited<ReturnType<Db['notification']['findFirst']>> = null;
  while (!done && !seen) {
    seen = await db.notification.findFirst({ where: { kind: 'export' } });
    if (seen) await onSeen?.();
    else await new Promise((r) => setTimeout(r, 5));
  }
  return { result: await finished, seen };
}

describe.each(PROVIDERS)('the working line of a long export on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    ({ t, chat } = await officeWorld(provider, { now: NOW }));
  });
  afterEach(() => t.destroy());

  it('is written for the person who asked before the file is made, and taken back when the file came first', async () => {
    await addPeople(t.db, MANY);
    const staff = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    const { result, seen } = await workingLineDuring(t.db, chat.replies(STAFF, '导出 2026'));
    expect(seen).toMatchObject({ chatId: STAFF.id, chatKind: 'private', accountId: staff.id, messageKey: 'export.working', status: 'pending' });
    expect(JSON.parse(seen!.params)).toMatchObject({ year: 2026 });
    expect(Number(JSON.parse(seen!.params).rows.replace(/,/g, ''))).toBeGreaterThanOrEqual(MANY);
    expect(result[0].file!.name).toBe('honorcare-2026.xlsx');
    // No dispatcher ran: the line never left, and a line after the file would only confuse.
    expect(await t.db.notification.findFirstOrThrow({ where: { kind: 'export' } })).toMatchObject({ status: 'cancelled' });
  });

  it('is taken back also while a dispatcher holds it, waiting for its turn, so that it cannot be put back to wait', async () => {
    await addPeople(t.db, MANY);
    let claimed = 0;
    const { result } = await workingLineDuring(t.db, chat.replies(STAFF, '导出 2026'), async () => {
      // As a dispatcher takes a due row: marked sending under its name.
      claimed = (await claimDue(t.db, t.provider, { holder: 'another-process', now: NOW, leaseUntil: new Date(NOW.getTime() + 60_000), limit: 10, served: [{ channel: 'telegram', via: '' }] })).length;
    });
    expect(claimed).toBe(1);
    expect(result[0].file).toBeDefined();
    // Its dispatcher would now put it back to wait, as after a rate-budget wait: it finds it no longer its own.
    const back = await t.db.notification.updateMany({ where: { kind: 'export', leaseHolder: 'another-process', status: 'sending' }, data: { status: 'pending' } });
    expect(back.count).toBe(0);
    expect(await t.db.notification.findFirstOrThrow({ where: { kind: 'export' } })).toMatchObject({ status: 'cancelled' });
  });

  it('is not written for a short export', async () => {
    const { result, seen } = await workingLineDuring(t.db, chat.replies(STAFF, '导出 2026'));
    expect(result[0].file).toBeDefined();
    expect(seen).toBeNull();
  });
});

describe('the working line on Telegram', () => {
  let t: TestDb;
  let h: Harness;
  let stopDispatcher: () => Promise<void>;
  beforeEach(async () => {
    ({ t, h } = await contractStage(telegramHarness, () => new Date()));
    const dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log: pino({ level: 'silent' }), defaultLocale: 'zh-CN', catchupDays: 7 });
    const { deliverer, via } = h.deliverer();
    dispatcher.serve('telegram', via, deliverer);
    dispatcher.start();
    stopDispatcher = () => dispatcher.stop();
  }, 30_000);
  afterEach(async () => {
    await stopDispatcher?.();
    await h?.stop();
    await t?.destroy();
  });

  it('arrives before the workbook, which comes once', async () => {
    // Long enough that the outbox, woken at once, sends the line while the workbook is written.
    await addPeople(t.db, 4 * WORKING_LINE_ROWS);
    const year = new Date().getFullYear();
    // The first answer is the line; the file follows when the workbook is made.
    expect((await h.say('staff', `导出 ${year}`))[0].text).toContain(`正在生成 ${year} 年工作表格`);
    await until(() => h.filesTo('staff').length > 0, 30_000);
    const shown = h.sentTo!('staff').map((s) => s.text);
    const working = shown.findIndex((s) => s.startsWith(`正在生成 ${year} 年工作表格`));
    const file = shown.findIndex((s) => s.includes(`${year} 年工作表格（花名册`));
    expect(working, shown.join('\n')).toBeGreaterThanOrEqual(0);
    expect(file).toBeGreaterThan(working);
    expect(h.filesTo('staff')).toEqual([`honorcare-${year}.xlsx`]);
    expect(await t.db.notification.findFirstOrThrow({ where: { kind: 'export' } })).toMatchObject({ status: 'sent' });
  }, 60_000);
});
