import pino from 'pino';
import { createCore } from '../../src/app.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { freshDb, type TestDb } from '../support/databases.ts';
import type { Core, Harness } from './harness.ts';

/**
 * A contract's stage: a fresh SQLite database with the 40 demo honorees, the channel's admin and
 * staff bound, and the real core (on the given clock) started on the channel.
 */
export async function contractStage(makeHarness: () => Promise<Harness>, clock: () => Date): Promise<{ t: TestDb; h: Harness; core: Core }> {
  const t = await freshDb('sqlite');
  await loadDemoData(t.db, 2026);
  const h = await makeHarness();
  for (const who of ['admin', 'staff'] as const) {
    const person = h.people[who];
    if (person) await t.db.account.create({ data: { channel: h.channel, externalId: person.id, role: who, displayName: person.name } });
  }
  const core = createCore(t.db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20, clock });
  await h.start(core);
  return { t, h, core };
}
