import type { Actor } from '../../core/command.ts';
import type { Tx } from '../../db/client.ts';

export type AuditEntity = 'honoree' | 'honour' | 'survey' | 'visit' | 'account' | 'collective_honour' | 'invite' | 'phone_task' | 'notify_group' | 'reminder' | 'notification' | 'group_webhook' | 'checkup_campaign' | 'checkup_appointment' | 'subsidy_policy' | 'subsidy_payment' | 'festival_entry' | 'holiday_day' | 'visit_plan' | 'visit_plan_entry' | 'export';
export type AuditAction = 'create' | 'update' | 'delete';

type Row = Record<string, unknown>;

/** Fields that change by themselves and say nothing about the person. */
const IGNORED = new Set(['createdAt', 'updatedAt', 'pinyinFull', 'pinyinInitials', 'phoneLast4']);

/** The fields that differ between two versions of a row, as field -> [before, after]. */
export function changedFields(before: Row | null, after: Row | null): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    if (IGNORED.has(k)) continue;
    const a = before?.[k] ?? null;
    const b = after?.[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = [a, b];
  }
  return out;
}

/** The row of one audit entry, or null for an update that changed nothing. */
export function auditEntryData(actor: Actor | null, entity: AuditEntity, entityId: number, action: AuditAction, before: Row | null, after: Row | null) {
  const changes = changedFields(before, after);
  if (action === 'update' && Object.keys(changes).length === 0) return null;
  return { actorId: actor?.accountId ?? null, actorLabel: actor?.label ?? 'system', entity, entityId, action, changes: JSON.stringify(changes) };
}

/**
 * Writes one audit entry inside the caller's transaction, so the change and its record are
 * saved together or not at all. An update that changed nothing writes nothing. Bulk writers
 * (the roster import) build entries with auditEntryData and insert them many at a time.
 */
export async function recordAudit(
  tx: Tx,
  actor: Actor | null,
  entity: AuditEntity,
  entityId: number,
  action: AuditAction,
  before: Row | null,
  after: Row | null,
): Promise<void> {
  const data = auditEntryData(actor, entity, entityId, action, before, after);
  if (data) await tx.auditEntry.create({ data });
}
