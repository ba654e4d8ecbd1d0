import type { Actor } from '../../core/command.ts';
import type { Tx } from '../../db/client.ts';
import { empty, join, sql, type Sql } from '../../db/sql.ts';

/** Which payments a 已发 or 修改 acts on: a policy, a year, some people or all, and a status. */
export interface PaymentScope {
  policyId: number;
  period?: number;
  /** From this year on (修改: what is not yet paid, this year and later). */
  fromPeriod?: number;
  /** At most a few hundred (a typed list); absent: everyone. */
  honoreeIds?: number[];
  status: 'unpaid' | 'paid';
}

/** The scope as a WHERE clause on "SubsidyPayment" p: set-based, whatever the number of people. */
export function scopeWhere(s: PaymentScope): Sql {
  return sql`p."policyId" = ${s.policyId} AND p."status" = ${s.status}
    ${s.period !== undefined ? sql`AND p."period" = ${s.period}` : empty}
    ${s.fromPeriod !== undefined ? sql`AND p."period" >= ${s.fromPeriod}` : empty}
    ${s.honoreeIds ? sql`AND p."honoreeId" IN (${join(s.honoreeIds)})` : empty}`;
}

/**
 * Holds the policy's row for the rest of the transaction (on PostgreSQL a row lock; SQLite has
 * one writer anyway): a 已发 and a 修改 of the same policy at the same moment go one after the
 * other, so an audit entry always tells what its statement did.
 */
export async function holdPolicy(tx: Tx, policyId: number, now: Date): Promise<void> {
  await tx.$executeRaw(sql`UPDATE "SubsidyPolicy" SET "updatedAt" = ${now} WHERE "id" = ${policyId}`);
}

/** One audit entry per payment in scope, all with the same change, written by one statement. */
export async function auditScope(tx: Tx, actor: Actor, scope: PaymentScope, changes: Record<string, [unknown, unknown]> | Sql, now: Date): Promise<number> {
  const text = 'strings' in changes ? changes : sql`${JSON.stringify(changes)}`;
  return tx.$executeRaw(sql`
    INSERT INTO "AuditEntry" ("at", "actorId", "actorLabel", "entity", "entityId", "action", "changes")
    SELECT ${now}, CAST(${actor.accountId} AS INTEGER), CAST(${actor.label} AS TEXT), 'subsidy_payment', p."id", 'update', ${text}
    FROM "SubsidyPayment" p WHERE ${scopeWhere(scope)} ORDER BY p."id"`);
}
