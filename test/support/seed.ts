import { ensureAdmins } from '../../src/features/index.ts';
import type { Db } from '../../src/db/client.ts';
import type { Provider } from '../../src/db/provider.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { ADMIN, STAFF, testChat, type ChatOptions, type Person } from './chat.ts';
import { freshDb, type TestDb } from './databases.ts';

/** Binds the standard test admin and staff member directly (binding itself has its own tests). */
export async function seedAccounts(db: Db, people: Person[] = [ADMIN, STAFF]): Promise<void> {
  for (const p of people) {
    if (p === ADMIN) await ensureAdmins(db, [{ channel: 'telegram', id: p.id, name: p.name }]);
    else await db.account.create({ data: { channel: p.channel ?? 'telegram', externalId: p.id, displayName: p.name, role: 'staff' } });
  }
}

/**
 * The usual stage of a story: a fresh database of the provider, the test admin and staff member,
 * the 40 demo honorees (as of 2026), and a chat with the core.
 */
export async function demoWorld(provider: Provider, options?: ChatOptions): Promise<{ t: TestDb; chat: ReturnType<typeof testChat> }> {
  const t = await freshDb(provider);
  await seedAccounts(t.db);
  await loadDemoData(t.db, 2026);
  return { t, chat: testChat(t.db, options) };
}

/** The bare stage: a fresh database of the provider with the test admin and staff member, and a chat. */
export async function officeWorld(provider: Provider, options?: ChatOptions): Promise<{ t: TestDb; chat: ReturnType<typeof testChat> }> {
  const t = await freshDb(provider);
  await seedAccounts(t.db);
  return { t, chat: testChat(t.db, options) };
}
