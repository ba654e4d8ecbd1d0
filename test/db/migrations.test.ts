import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adapterFactoryFor } from '../../src/db/adapter.ts';
import { applyMigrations, readMigrations } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/client.ts';
import { diffDatabaseToSchema } from '../../scripts/schema-engine.ts';
// @ts-expect-error plain ESM script without types
import { schemaFor } from '../../scripts/prisma-schemas.mjs';
import { freshUrl, PROVIDERS } from '../support/databases.ts';
import { projectRoot } from '../support/spawn.ts';

describe('the per-provider schemas', () => {
  it('are exactly what prisma/models.prisma generates (run `npm run schema` after editing it)', () => {
    for (const p of ['sqlite', 'postgres']) {
      expect(readFileSync(join(projectRoot, 'prisma', p, 'schema.prisma'), 'utf8')).toBe(schemaFor(p));
    }
  });
});

describe.each(PROVIDERS)('migrations on %s', (provider) => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await freshUrl(provider);
  });
  afterAll(() => db.drop());
  /** Migrated, whichever test runs first (the order is shuffled): opening the database migrates it. */
  const migrated = async () => (await openDb(db.url)).close();

  it('apply at start, once, and produce exactly the schema the client expects (no drift)', async () => {
    // A database of its own: the shared one may be migrated already by a test that ran before.
    const own = await freshUrl(provider);
    try {
      const first = await openDb(own.url);
      expect(first.migrated).toEqual(readMigrations(provider).map((m) => m.name));
      await first.close();
      const second = await openDb(own.url);
      expect(second.migrated).toEqual([]);
      await second.close();
      // The schema engine (wasm) compares the live database with the Prisma schema.
      expect(await diffDatabaseToSchema(provider, own.url)).toBe('');
    } finally {
      await own.drop();
    }
  });

  it("record each migration as Prisma's own migrate would, checksum included", async () => {
    await migrated();
    const adapter = await adapterFactoryFor(db.url).connect();
    const rows = await adapter.queryRaw({ sql: 'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"', args: [], argTypes: [] });
    await adapter.dispose();
    const expected = readMigrations(provider).map((m) => [m.name, createHash('sha256').update(readFileSync(join(projectRoot, 'prisma', provider, 'migrations', m.name, 'migration.sql'))).digest('hex')]);
    expect(rows.rows.map((r) => [r[0], r[1]])).toEqual(expected);
    expect(rows.rows.every((r) => r[2] !== null)).toBe(true);
  });

  it('roll a failing migration back whole: no table, no record', async () => {
    await migrated();
    const broken = { name: '29991231000000_broken', checksum: 'x', sql: 'CREATE TABLE "Half" ("id" INTEGER);\nTHIS IS NOT SQL;' };
    await expect(applyMigrations(db.url, [broken])).rejects.toThrow(/29991231000000_broken/);
    const adapter = await adapterFactoryFor(db.url).connect();
    const tables =
      provider === 'sqlite'
        ? await adapter.queryRaw({ sql: `SELECT name FROM sqlite_master WHERE name = 'Half'`, args: [], argTypes: [] })
        : await adapter.queryRaw({ sql: `SELECT table_name FROM information_schema.tables WHERE table_name = 'Half'`, args: [], argTypes: [] });
    expect(tables.rows).toEqual([]);
    const recorded = await adapter.queryRaw({ sql: `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29991231000000_broken'`, args: [], argTypes: [] });
    expect(recorded.rows).toEqual([]);
    await adapter.dispose();
  });
});

/**
 * The next migration that redefines a table must not take data with it: on SQLite a table
 * redefinition with foreign keys on cascades the drop to every honour, visit and survey; on
 * PostgreSQL a script with semicolons in strings or function bodies must run whole.
 */
describe.each(PROVIDERS)('a table-redefining migration on %s', (provider) => {
  const fixtures = join(projectRoot, 'test', 'fixtures', 'migrations', provider);
  const [redefine] = readMigrations(provider, fixtures);
  // The schema as it stood when the fixture was written by `npm run migration`.
  const before = readMigrations(provider).filter((m) => m.name < redefine.name);
  let db: { url: string; drop(): Promise<void> };
  // Each story on a database of its own, migrated as it stood before the fixture and holding data.
  beforeEach(async () => {
    db = await freshUrl(provider);
    expect(await applyMigrations(db.url, before)).toEqual(before.map((m) => m.name));
    const now = provider === 'postgres' ? 'now()' : 'CURRENT_TIMESTAMP';
    for (const insert of [
      `INSERT INTO "Honoree" ("id", "fileNo", "name", "pinyinFull", "pinyinInitials", "notes", "updatedAt") VALUES (1, 'MIG001', '迁移测试', 'qianyiceshi', 'qycs', 'kept; as it was', ${now})`,
      `INSERT INTO "Honour" ("honoreeId", "category", "level", "year") VALUES (1, 'model_worker', 'county', 2020)`,
      `INSERT INTO "Visit" ("honoreeId", "kind", "visitDate", "notes") VALUES (1, 'phone', '2026-11-20', '电话问候')`,
      `INSERT INTO "Survey" ("honoreeId", "year", "updatedAt") VALUES (1, 2026, ${now})`,
      `INSERT INTO "AuditEntry" ("actorLabel", "entity", "entityId", "action", "changes") VALUES ('terminal:operator', 'honoree', 1, 'create', '{}')`,
    ]) {
      await run(insert);
    }
  });
  afterEach(() => db.drop());

  const run = async (sql: string) => {
    const adapter = await adapterFactoryFor(db.url).connect();
    try {
      return (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows;
    } finally {
      await adapter.dispose();
    }
  };
  const counts = async () => {
    const tables = ['Honoree', 'Honour', 'Visit', 'Survey', 'AuditEntry'];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, Number((await run(`SELECT COUNT(*) FROM "${table}"`))[0][0])])));
  };

  it('keeps every honour, visit, survey and audit entry', async () => {
    const held = await counts();
    expect(held).toEqual({ Honoree: 1, Honour: 1, Visit: 1, Survey: 1, AuditEntry: 1 });

    expect(await applyMigrations(db.url, [...before, redefine])).toEqual([redefine.name]);

    expect(await counts()).toEqual(held);
    expect(await run(`SELECT "ethnicity", "notes" FROM "Honoree" WHERE "id" = 1`)).toEqual([['', 'kept; as it was']]);
    expect((await run(`SELECT "notes" FROM "Visit"`))[0][0]).toBe('电话问候');
  });

  it('refuses a migration that would leave rows pointing nowhere, and changes nothing', async () => {
    // Dropping the parent table outright, with foreign keys switched off, is what a bad
    // redefinition looks like; the check before COMMIT catches it on SQLite, the server on PostgreSQL.
    const orphaning = { name: '29991231000001_orphan_honours', checksum: 'y', sql: 'DELETE FROM "Honoree";' };
    if (provider === 'postgres') orphaning.sql = 'ALTER TABLE "Honour" DROP CONSTRAINT "Honour_honoreeId_fkey"; DELETE FROM "Honoree"; ' +
      'ALTER TABLE "Honour" ADD CONSTRAINT "Honour_honoreeId_fkey" FOREIGN KEY ("honoreeId") REFERENCES "Honoree"("id");';
    const held = await counts();
    await expect(applyMigrations(db.url, [...before, orphaning])).rejects.toThrow(/29991231000001_orphan_honours/);
    expect(await counts()).toEqual(held);
  });
});

describe.each(PROVIDERS)('two instances starting together on %s', (provider) => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await freshUrl(provider);
  });
  afterAll(() => db.drop());

  it('apply each migration once', async () => {
    const all = readMigrations(provider).map((m) => m.name);
    const [a, b] = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
    expect([...a, ...b].sort()).toEqual([...all].sort());
    const adapter = await adapterFactoryFor(db.url).connect();
    const rows = await adapter.queryRaw({ sql: 'SELECT migration_name FROM "_prisma_migrations"', args: [], argTypes: [] });
    await adapter.dispose();
    expect(rows.rows.map((r) => r[0]).sort()).toEqual([...all].sort());
  });
});
