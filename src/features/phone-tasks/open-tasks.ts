import type { Translate } from '../../core/i18n.ts';
import type { Role } from '../../core/roles.ts';
import type { Db } from '../../db/client.ts';

/** Most tasks one list shows; the rest is counted. */
const MOST_LISTED = 30;

/** Who reads the list: one person in a private chat, or null in a group (nobody in particular). */
export type TaskReader = { accountId: number; role: Role } | null;

/**
 * What an undelivered message said is for the person it was meant for, and for admins, who answer
 * for what the bot sends: a private reminder's words are its owner's, not their colleagues' nor
 * the group's. Everyone else sees whom to call and why, which is what the call needs.
 */
const mayReadAbout = (reader: TaskReader, task: { accountId: number | null }) =>
  reader !== null && (reader.role === 'admin' || (task.accountId !== null && task.accountId === reader.accountId));

/**
 * Open phone-call tasks, oldest first, one line each: whom to call and why the message did not
 * reach them, and what the message said where `reader` may read it.
 */
export async function openTaskLines(db: Db, t: Translate, reader: TaskReader): Promise<string[]> {
  const where = { status: 'open' };
  const [total, tasks] = await Promise.all([
    db.phoneTask.count({ where }),
    db.phoneTask.findMany({ where, orderBy: { id: 'asc' }, take: MOST_LISTED }),
  ]);
  if (!total) return [];
  const ids = (key: 'accountId' | 'groupId' | 'honoreeId') => [...new Set(tasks.flatMap((x) => (x[key] === null ? [] : [x[key] as number])))];
  const [accounts, groups, honorees] = await Promise.all([
    db.account.findMany({ where: { id: { in: ids('accountId') } }, select: { id: true, displayName: true, externalId: true } }),
    db.notifyGroup.findMany({ where: { id: { in: ids('groupId') } }, select: { id: true, title: true, chatId: true } }),
    db.honoree.findMany({ where: { id: { in: ids('honoreeId') } }, select: { id: true, name: true, fileNo: true } }),
  ]);
  const who = (task: (typeof tasks)[number]) => {
    const h = honorees.find((x) => x.id === task.honoreeId);
    if (h) return t('phone_tasks.who_honoree', { name: h.name, fileNo: h.fileNo });
    const a = accounts.find((x) => x.id === task.accountId);
    if (a) return t('phone_tasks.who_account', { name: a.displayName || a.externalId });
    const g = groups.find((x) => x.id === task.groupId);
    if (g) return t('phone_tasks.who_group', { title: g.title || g.chatId });
    return t('phone_tasks.who_unknown');
  };
  const lines = [t('phone_tasks.title', { count: total })];
  for (const task of tasks) {
    const line = t('phone_tasks.line', { id: task.id, who: who(task), reason: t(`phone_tasks.reasons.${task.reason}`) });
    lines.push(mayReadAbout(reader, task) ? `${line}\n  ${t('phone_tasks.about', { about: task.about })}` : line);
  }
  if (total > tasks.length) lines.push(t('phone_tasks.more', { count: total - tasks.length }));
  lines.push(t('phone_tasks.done_hint'));
  return lines;
}
