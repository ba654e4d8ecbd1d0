import type { Actor } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import type { VisitKind } from '../../domain/vocabulary.ts';
import { recordAudit } from '../audit/index.ts';

export interface NewVisit {
  honoreeId: number;
  kind: VisitKind;
  visitDate: string;
  moneyFen: number;
  gifts?: string;
  notes?: string;
  recordedById: number;
}

/**
 * Saves one visit and its audit entry in one transaction: both or neither. Also says whether the
 * same person already had a visit of this kind that day, so a message sent twice is noticed.
 */
export async function recordVisit(db: Db, actor: Actor, v: NewVisit) {
  return db.$transaction(async (tx) => {
    const sameDay = await tx.visit.count({ where: { honoreeId: v.honoreeId, visitDate: v.visitDate, kind: v.kind } });
    const row = await tx.visit.create({
      data: {
        honoreeId: v.honoreeId,
        kind: v.kind,
        visitDate: v.visitDate,
        moneyFen: v.moneyFen,
        gifts: v.gifts ?? null,
        notes: v.notes ?? null,
        recordedById: v.recordedById,
      },
    });
    await recordAudit(tx, actor, 'visit', row.id, 'create', null, row);
    return { row, sameDay };
  });
}
