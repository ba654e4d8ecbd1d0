// Writes the next migration for both providers: `npm run migration -- <name>`.
// Each provider's existing migrations are applied to a scratch database with the app's own
// runner; the schema engine (wasm) then diffs that database to the schema.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { applyMigrations, migrationsDir } from '../src/db/migrate.ts';
import type { Provider } from '../src/db/provider.ts';
import { diffDatabaseToSchema } from './schema-engine.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  process.stderr.write('usage: npm run migration -- <name>\n');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const pgAdmin = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function scratch(provider: Provider): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hc-mig-'));
    return { url: `file:${join(dir, 'scratch.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const db = `hc_scratch_${process.pid}`;
  const client = new pg.Client({ connectionString: pgAdmin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${db}`);
  await client.query(`CREATE DATABASE ${db}`);
  const url = new URL(pgAdmin);
  url.pathname = `/${db}`;
  return {
    url: url.toString(),
    drop: async () => {
      await client.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await client.end();
    },
  };
}

for (const provider of ['sqlite', 'postgres'] as const) {
  const s = await scratch(provider);
  try {
    await applyMigrations(s.url);
    const sql = await diffDatabaseToSchema(provider, s.url);
    if (!sql) {
      process.stdout.write(`${provider}: no changes\n`);
      continue;
    }
    const dir = join(migrationsDir(provider), `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), `${sql}\n`);
    process.stdout.write(`${provider}: wrote ${dir}\n`);
  } finally {
    await s.drop();
  }
}
