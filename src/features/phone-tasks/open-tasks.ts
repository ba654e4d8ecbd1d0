import type { Translate } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';

/** Most tasks one list shows; the rest is counted. */
const MOST_LISTED = 30;

/**
 * Open phone-call tasks, oldest first, one line each: whom to call and why the message did not
 * reach them. `withAbout` adds what the message said: only for a private chat, since a private
 * reminder's words are its owner's, not the group's.
 */
export async function openTaskLines(db: Db, t: Translate, withAbout: boolean): Promise<string[]> {
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
    lines.push(withAbout ? `${line}\n  ${t('phone_tasks.about', { about: task.about })}` : line);
  }
  if (total > tasks.length) lines.push(t('phone_tasks.more', { count: total - tasks.length }));
  lines.push(t('phone_tasks.done_hint'));
  return lines;
}
