import type { Actor } from '../../core/command.ts';
import type { HonourText } from '../../domain/vocabulary.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

/**
 * Adds an honour to a file unless the same honour (category, level, year) is already there;
 * returns whether it was new. Re-importing a roster therefore adds nothing twice.
 */
export async function addHonour(
  tx: Tx,
  honoreeId: number,
  h: HonourText & { documentNo?: string },
  actor: Actor | null,
): Promise<boolean> {
  const key = { honoreeId, category: h.category, level: h.level, year: h.year };
  const existing = await tx.honour.findUnique({ where: { honoreeId_category_level_year: key } });
  if (existing) {
    const patch = {
      ...(h.awardingBody && h.awardingBody !== existing.awardingBody ? { awardingBody: h.awardingBody } : {}),
      ...(h.documentNo && h.documentNo !== existing.documentNo ? { documentNo: h.documentNo } : {}),
    };
    if (!Object.keys(patch).length) return false;
    const after = await tx.honour.update({ where: { id: existing.id }, data: patch });
    await recordAudit(tx, actor, 'honour', existing.id, 'update', existing, after);
    return false;
  }
  const row = await tx.honour.create({
    data: { ...key, awardingBody: h.awardingBody ?? null, documentNo: h.documentNo ?? null },
  });
  await recordAudit(tx, actor, 'honour', row.id, 'create', null, row);
  return true;
}
