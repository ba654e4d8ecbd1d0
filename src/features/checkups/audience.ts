import { EMPLOYMENT_STATUSES, HONOUR_CATEGORIES, LEVELS, OFF_ROLL_STATUSES } from '../../domain/vocabulary.ts';
import type { Db } from '../../db/client.ts';

/** Whom a campaign invites: the staff's choice, kept in the form until it is confirmed. */
export type Audience =
  | { kind: 'all' }
  | { kind: 'level'; level: (typeof LEVELS)[number] }
  | { kind: 'category'; category: (typeof HONOUR_CATEGORIES)[number] }
  | { kind: 'status'; status: Exclude<(typeof EMPLOYMENT_STATUSES)[number], (typeof OFF_ROLL_STATUSES)[number]> }
  | { kind: 'priority' }
  | { kind: 'names'; ids: number[] };

export interface Invitee {
  id: number;
  /** On this year's priority register (hardship or poor health): placed first, in the earliest slots. */
  priority: boolean;
}

/**
 * The honorees an audience names, by file number order, never those recorded as deceased or left;
 * each marked whether they are on the year's priority register.
 */
export async function findInvitees(db: Db, audience: Audience, year: number): Promise<Invitee[]> {
  const alive = { employmentStatus: { notIn: [...OFF_ROLL_STATUSES] } };
  const where =
    audience.kind === 'all'
      ? alive
      : audience.kind === 'level'
        ? { ...alive, honours: { some: { level: audience.level } } }
        : audience.kind === 'category'
          ? { ...alive, honours: { some: { category: audience.category } } }
          : audience.kind === 'status'
            ? { employmentStatus: audience.status }
            : audience.kind === 'priority'
              ? { ...alive, surveys: { some: { year, OR: [{ priorityHardship: true }, { priorityHealth: true }] } } }
              : { ...alive, id: { in: audience.ids } };
  const rows = await db.honoree.findMany({
    where,
    orderBy: { fileNo: 'asc' },
    select: { id: true, surveys: { where: { year, OR: [{ priorityHardship: true }, { priorityHealth: true }] }, select: { id: true } } },
  });
  return rows.map((r) => ({ id: r.id, priority: r.surveys.length > 0 }));
}
