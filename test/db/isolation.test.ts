import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';

/**
 * Two people's messages at once: A's work runs in a transaction, B's statements run on their
 * own meanwhile. B must never see A's uncommitted rows, and B's acknowledged write must stay
 * when A's transaction rolls back.
 */
describe.each(PROVIDERS)('requests are isolated from each other on %s', (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(provider);
  });
  afterAll(() => t.destroy());

  const file = (fileNo: string) => ({ fileNo, name: '隔离测试', pinyinFull: 'gelieceshi', pinyinInitials: 'glcs' });

  it('does not let B read the rows of A that were never committed', async () => {
    let insideA!: () => void;
    const aInserted = new Promise<void>((r) => (insideA = r));
    let finishA!: () => void;
    const aMayFinish = new Promise<void>((r) => (finishA = r));

    const a = t.db
      .$transaction(async (tx) => {
        await tx.honoree.create({ data: file('ISO-A1') });
        insideA();
        await aMayFinish;
        throw new Error('A changes its mind');
      })
      .catch((err: Error) => err.message);

    await aInserted;
    // Raw statements, as the hot path writes them (update marks, saved choices).
    const bRead = t.db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "Honoree" WHERE "fileNo" = 'ISO-A1'`.then((r) => Number(r[0].n));
    const bModelRead = t.db.honoree.count({ where: { fileNo: 'ISO-A1' } }).then((n) => n);
    // Prisma's queries are lazy: `.then` above starts them now. Give B every chance to run while A is open.
    await new Promise((r) => setTimeout(r, 50));
    finishA();
    expect(await a).toBe('A changes its mind');
    expect(await bRead).toBe(0);
    expect(await bModelRead).toBe(0);
    expect(await t.db.honoree.count({ where: { fileNo: 'ISO-A1' } })).toBe(0);
  });

  it("keeps B's acknowledged write when A's transaction rolls back", async () => {
    let insideA!: () => void;
    const aOpen = new Promise<void>((r) => (insideA = r));
    let finishA!: () => void;
    const aMayFinish = new Promise<void>((r) => (finishA = r));

    const a = t.db
      .$transaction(async (tx) => {
        await tx.honoree.create({ data: file('ISO-A2') });
        insideA();
        await aMayFinish;
        throw new Error('A rolls back');
      })
      .catch(() => 'rolled back');

    await aOpen;
    // B's write (an update mark, a saved choice, later an outbox status) is acknowledged ...
    const bWrite = t.db.$executeRaw`INSERT INTO "ProcessedUpdate" ("key", "at") VALUES ('iso:b-1', ${new Date()})`.then((n) => n);
    const bModelWrite = t.db.processedUpdate.create({ data: { key: 'iso:b-2' } }).then(() => 'ok');
    await new Promise((r) => setTimeout(r, 50));
    finishA();
    expect(await a).toBe('rolled back');
    await Promise.all([bWrite, bModelWrite]);
    // ... and is still there after A's rollback.
    expect(await t.db.processedUpdate.count({ where: { key: { in: ['iso:b-1', 'iso:b-2'] } } })).toBe(2);
    expect(await t.db.honoree.count({ where: { fileNo: 'ISO-A2' } })).toBe(0);
  });
});
