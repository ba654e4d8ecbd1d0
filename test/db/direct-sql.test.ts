import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../../src/db/sql.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';

/**
 * The direct statements of the hot path (on SQLite kept prepared, src/db/sqlite-statements.ts)
 * read and write values exactly as Prisma does, so either path reads what the other wrote.
 */
describe.each(PROVIDERS)('direct statements on %s', (provider) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(provider);
  });
  afterEach(() => t.destroy());

  it('read what Prisma wrote: integers as numbers, booleans, dates, nulls', async () => {
    const seen = new Date('2026-11-28T03:04:05.678Z');
    const made = await t.db.account.create({ data: { channel: 'telegram', externalId: '42', role: 'staff', active: false, lastSeenAt: seen } });
    const rows = await t.db.$direct.query<{ id: number; active: boolean; lastSeenAt: Date; locale: string | null }>(
      sql`SELECT id, active, "lastSeenAt", locale FROM "Account" WHERE "externalId" = ${'42'}`,
    );
    expect(rows).toEqual([{ id: made.id, active: false, lastSeenAt: seen, locale: null }]);
    expect(typeof rows[0].id).toBe('number');
    await t.db.account.update({ where: { id: made.id }, data: { active: true } });
    expect((await t.db.$direct.query<{ active: boolean }>(sql`SELECT active FROM "Account" WHERE id = ${made.id}`))[0].active).toBe(true);
  });

  it('write what Prisma reads: a bound date compares with dates Prisma wrote', async () => {
    const at = new Date('2026-11-28T08:30:00.000Z');
    expect(await t.db.$direct.execute(sql`INSERT INTO "ProcessedUpdate" ("key", "at") VALUES (${'telegram:1'}, ${at})`)).toBe(1);
    await t.db.processedUpdate.create({ data: { key: 'telegram:2', at: new Date(at.getTime() + 1000) } });
    expect((await t.db.processedUpdate.findUniqueOrThrow({ where: { key: 'telegram:1' } })).at).toEqual(at);
    // Prisma's own comparison finds the directly written row on the right side of a bound date.
    expect((await t.db.processedUpdate.findMany({ where: { at: { lt: new Date(at.getTime() + 500) } } })).map((r) => r.key)).toEqual(['telegram:1']);
    const later = await t.db.$direct.query<{ key: string }>(sql`SELECT "key" FROM "ProcessedUpdate" WHERE "at" > ${at} ORDER BY "key"`);
    expect(later.map((r) => r.key)).toEqual(['telegram:2']);
  });

  it('more distinct statements than are kept prepared all still answer', async () => {
    for (let i = 0; i < 100; i++) {
      const [row] = await t.db.$direct.query<{ n: number }>(sql([`SELECT ${i} AS n`]));
      expect(row.n).toBe(i);
    }
    // And the first ones again, prepared anew.
    expect((await t.db.$direct.query<{ n: number }>(sql([`SELECT 0 AS n`])))[0].n).toBe(0);
  });
});
