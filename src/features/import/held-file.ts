import type { IncomingFile } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';

/** A file left behind (its sender went on to something else) is forgotten after a day. */
const KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps a roster file sent alone while its sender reads the dry run's report (HeldFile): in the
 * database, so the answer `1` finds it after a restart or on another instance. A person has one
 * such file at a time: a new one replaces the last, and day-old ones of anyone go too.
 */
export async function holdFile(db: Db, accountId: number, file: { name: string; mimeType?: string; data: Uint8Array }, now: Date): Promise<number> {
  return db.$transaction(async (tx) => {
    await tx.heldFile.deleteMany({ where: { OR: [{ accountId }, { createdAt: { lt: new Date(now.getTime() - KEEP_MS) } }] } });
    const row = await tx.heldFile.create({ data: { accountId, name: file.name, mimeType: file.mimeType ?? null, data: new Uint8Array(file.data), createdAt: now } });
    return row.id;
  });
}

/** The held file, as an incoming one, if it is still there and is this person's. */
export async function heldFile(db: Db, id: number, accountId: number): Promise<IncomingFile | null> {
  const row = await db.heldFile.findFirst({ where: { id, accountId } });
  if (!row) return null;
  const data = new Uint8Array(row.data);
  return { name: row.name, size: data.length, ...(row.mimeType ? { mimeType: row.mimeType } : {}), read: async () => data };
}

export async function dropHeldFile(db: Db, id: number, accountId: number): Promise<void> {
  await db.heldFile.deleteMany({ where: { id, accountId } });
}
