import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDb, type OpenDb } from '../../src/db/client.ts';
import type { Provider } from '../../src/db/provider.ts';

/** The providers the suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const PROVIDERS: Provider[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb extends OpenDb {
  url: string;
  /** Closes the client and removes the database. */
  destroy(): Promise<void>;
}

/** An empty URL of a fresh database of the provider (a temp file, or a new PostgreSQL database). */
export async function freshUrl(provider: Provider): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'hc-test-'));
    return { url: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `hc_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated, empty database of the provider. */
export async function freshDb(provider: Provider): Promise<TestDb> {
  const { url, drop } = await freshUrl(provider);
  const open = await openDb(url);
  return {
    ...open,
    url,
    destroy: async () => {
      await open.close();
      await drop();
    },
  };
}
