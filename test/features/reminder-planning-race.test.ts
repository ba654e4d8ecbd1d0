import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planOccurrences } from '../../src/features/reminders/plan-reminders.ts';
import { STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const HOUR = 3600_000;
/** Past 12:30 in Shanghai (04:30 UTC), as a later run's "until" would be. */
const UNTIL = new Date(NOW.getTime() + 3 * HOUR);

/** The planner reads due reminders first and plans each in its own transaction afterwards: someone may act in between. */
describe.each(PROVIDERS)('a reminder changed while a planning run is under way, on %s', (provider) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
  });
  afterEach(() => t.destroy());

  it('stays cancelled when 取消提醒 comes after the planner read it: nothing is sent', async () => {
    const chat = testChat(t.db, { now: NOW });
    await chat.say(STAFF, '提醒 每天 12:30 看望名单核对');
    const read = await t.db.reminder.findFirstOrThrow(); // what the planner read
    expect(await chat.say(STAFF, `取消提醒 ${read.id}`)).toContain('已取消');
    await t.db.$transaction((tx) => planOccurrences(tx, read, UNTIL, NOW, 'Asia/Shanghai'));
    expect(await t.db.notification.count()).toBe(0);
    expect((await t.db.reminder.findUniqueOrThrow({ where: { id: read.id } })).status).toBe('cancelled');
  });

  it('is not planned again from a stale read once another run has moved it on', async () => {
    const chat = testChat(t.db, { now: NOW });
    await chat.say(STAFF, '提醒 每天 12:30 看望名单核对');
    const read = await t.db.reminder.findFirstOrThrow();
    const until = UNTIL;
    await t.db.$transaction((tx) => planOccurrences(tx, read, until, NOW, 'Asia/Shanghai'));
    const moved = await t.db.reminder.findUniqueOrThrow({ where: { id: read.id } });
    expect(moved.nextAt!.getTime()).toBe(read.nextAt!.getTime() + 24 * HOUR);
    // A second run that read the reminder before the first one moved it on.
    await t.db.$transaction((tx) => planOccurrences(tx, read, until, NOW, 'Asia/Shanghai'));
    expect(await t.db.notification.count()).toBe(1);
    expect((await t.db.reminder.findUniqueOrThrow({ where: { id: read.id } })).nextAt).toEqual(moved.nextAt);
  });
});
