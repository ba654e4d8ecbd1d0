import type { Actor } from '../../core/command.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';
import { newInviteCode } from './invite-code.ts';

export interface NewInvite {
  code: string;
  expiresAt: Date;
}

export interface InviteRequest {
  role: 'admin' | 'staff' | 'honoree' | 'proxy';
  /** An honoree or proxy code: the file the account will belong to. */
  honoreeId?: number;
  /** The account the code is made by. */
  createdById: number;
  /** Who the audit names: null for the command line (the machine itself). */
  actor: Actor | null;
  now: Date;
  ttlHours: number;
}

/** A one-time code for `role`, valid `ttlHours`, saved with its audit entry in the caller's transaction. */
export async function createInvite(tx: Tx, o: InviteRequest): Promise<NewInvite> {
  const expiresAt = new Date(o.now.getTime() + o.ttlHours * 3600_000);
  const code = newInviteCode();
  const row = await tx.inviteCode.create({ data: { code, role: o.role, honoreeId: o.honoreeId ?? null, createdById: o.createdById, expiresAt } });
  await recordAudit(tx, o.actor, 'invite', row.id, 'create', null, { role: o.role, ...(o.honoreeId ? { honoreeId: o.honoreeId } : {}), expiresAt });
  return { code, expiresAt };
}

/**
 * `npm run invite -- admin`: a code made on the server itself, so that a first admin can bind
 * without anyone knowing a platform id. Whoever can run commands there is the terminal's
 * operator: the code is theirs, their account made (as staff) if it does not exist yet.
 */
export async function commandLineInvite(tx: Tx, o: Omit<InviteRequest, 'createdById' | 'actor' | 'role' | 'honoreeId'> & { role: 'admin' | 'staff'; operator: { id: string; name: string } }): Promise<NewInvite> {
  let operator = await tx.account.findUnique({ where: { channel_externalId: { channel: 'terminal', externalId: o.operator.id } } });
  if (!operator) {
    operator = await tx.account.create({ data: { channel: 'terminal', externalId: o.operator.id, role: 'staff', displayName: o.operator.name } });
    await recordAudit(tx, null, 'account', operator.id, 'create', null, operator);
  }
  return createInvite(tx, { role: o.role, createdById: operator.id, actor: null, now: o.now, ttlHours: o.ttlHours });
}
