import { ensureAdmins } from '../../src/features/index.ts';
import type { Db } from '../../src/db/client.ts';
import { ADMIN, STAFF, type Person } from './chat.ts';

/** Binds the standard test admin and staff member directly (binding itself has its own tests). */
export async function seedAccounts(db: Db, people: Person[] = [ADMIN, STAFF]): Promise<void> {
  for (const p of people) {
    if (p === ADMIN) await ensureAdmins(db, [{ channel: 'telegram', id: p.id, name: p.name }]);
    else await db.account.create({ data: { channel: p.channel ?? 'telegram', externalId: p.id, displayName: p.name, role: 'staff' } });
  }
}
