import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const adapter = await adapterFactoryFor(db.url).connect();
    const broken = { name: '29991231000000_broken', checksum: 'x', sql: 'CREATE TABLE "Half" ("id" INTEGER);\nTHIS IS NOT SQL;' };
    await expect(applyMigrations(adapter, provider, [broken])).rejects.toThrow(/29991231000000_broken/);
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
