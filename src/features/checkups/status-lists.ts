import type { CommandContext, Outcome } from '../../core/command.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { splitPage } from '../visits/index.ts';
import { slotWords } from './appointment-messages.ts';

/** The lists of a campaign, one per answer (改期 are the confirmed whose slot changed: in 已确认 too). */
type ListName = 'invited' | 'confirmed' | 'rescheduled' | 'declined' | 'attended' | 'no_show';

/** How staff name a list, in Chinese or English. */
const LIST_WORDS: Record<string, ListName> = {
  未回复: 'invited',
  没回复: 'invited',
  未答复: 'invited',
  unanswered: 'invited',
  已确认: 'confirmed',
  确认: 'confirmed',
  confirmed: 'confirmed',
  改期: 'rescheduled',
  已改期: 'rescheduled',
  rescheduled: 'rescheduled',
  不参加: 'declined',
  declined: 'declined',
  已到: 'attended',
  到场: 'attended',
  attended: 'attended',
  未到: 'no_show',
  没来: 'no_show',
  no_show: 'no_show',
  'no-show': 'no_show',
  missed: 'no_show',
};

/** The list's word in a slash command (a button's), which every language reads. */
const SLASH_WORD: Record<ListName, string> = { invited: 'unanswered', confirmed: 'confirmed', rescheduled: 'rescheduled', declined: 'declined', attended: 'attended', no_show: 'no_show' };

const WHERE: Record<ListName, { status: string; rescheduled?: boolean }> = {
  invited: { status: 'invited' },
  confirmed: { status: 'confirmed' },
  rescheduled: { status: 'confirmed', rescheduled: true },
  declined: { status: 'declined' },
  attended: { status: 'attended' },
  no_show: { status: 'no_show' },
};

/** Names a page shows, as 走访记录 does: more would not fit one chat message. */
const PAGE_SIZE = 30;

/**
 * 体检 名单 未回复 [N] [第2页]: who of campaign N gave that answer, a page of 30 at a time, each
 * with their time (and, for 不参加, the reason they gave). Names, file numbers and times only:
 * no phone numbers, no health details. Without N: the one open campaign, or a choice of them.
 */
export async function statusList(db: Db, ctx: CommandContext, args: string): Promise<Outcome> {
  const t = ctx.t;
  const { text, page } = splitPage(args);
  const [word, idWord, ...extra] = text.split(/\s+/).filter(Boolean);
  if (!word) return { text: t('checkups.lists.usage') };
  const list = LIST_WORDS[word.toLowerCase()];
  if (!list) return { text: t('checkups.lists.unknown', { word }) };
  const listWord = t(`checkups.lists.names.${list}`);
  const id = idWord === undefined ? null : /^#?(\d{1,9})$/.exec(idWord);
  if ((idWord !== undefined && !id) || extra.length) return { text: t('checkups.lists.bad_id', { value: [idWord, ...extra].join(' '), list: listWord }) };
  if (id) {
    // A closed campaign's lists stay readable (who came, once it is over).
    const campaign = await db.checkupCampaign.findUnique({ where: { id: Number(id[1]) } });
    if (!campaign) return { text: t('checkups.no_campaign', { id: Number(id[1]) }) };
    return listText(db, ctx, campaign, list, page);
  }
  const open = await db.checkupCampaign.findMany({ where: { status: 'open' }, orderBy: { id: 'asc' } });
  if (!open.length) return { text: t('checkups.board.none') };
  if (open.length === 1) return listText(db, ctx, open[0], list, page);
  return whichCampaign(db, ctx, open, list);
}

type Campaign = { id: number; year: number; hospital: string };

/** Several campaigns under way: which one's list, each with its count, one tap (or digit) away. */
async function whichCampaign(db: Db, ctx: CommandContext, open: Campaign[], list: ListName): Promise<Reply> {
  const counts = await db.checkupAppointment.groupBy({ by: ['campaignId'], where: { campaignId: { in: open.map((c) => c.id) }, ...WHERE[list] }, _count: { _all: true } });
  const count = (id: number) => counts.find((c) => c.campaignId === id)?._count._all ?? 0;
  return {
    text: ctx.t('checkups.lists.which', { count: open.length, list: ctx.t(`checkups.lists.names.${list}`) }),
    choices: open.map((c) => ({ id: `/checkup list ${SLASH_WORD[list]} ${c.id}`, label: ctx.t('checkups.lists.which_campaign', { id: c.id, year: c.year, hospital: c.hospital, count: count(c.id) }) })),
  };
}

/** One page of a campaign's list, in the order of the day: by slot, then file number. */
async function listText(db: Db, ctx: CommandContext, c: Campaign, list: ListName, page: number): Promise<Reply> {
  const t = ctx.t;
  const listWord = t(`checkups.lists.names.${list}`);
  const rows = await db.checkupAppointment.findMany({ where: { campaignId: c.id, ...WHERE[list] }, select: { honoreeId: true, rescheduled: true, declineReason: true, slot: true } });
  if (!rows.length) return { text: t('checkups.lists.empty', { id: c.id, year: c.year, hospital: c.hospital, list: listWord }) };
  const pages = Math.ceil(rows.length / PAGE_SIZE);
  if (page < 1 || page > pages) return { text: t('checkups.lists.no_page', { page, pages, list: listWord, id: c.id }) };
  const files = await namesOf(db, rows.map((r) => r.honoreeId));
  const sortKey = (r: (typeof rows)[number]) => `${r.slot?.date ?? ''} ${r.slot?.start ?? ''} ${files.get(r.honoreeId)?.fileNo ?? ''}`;
  const shown = rows.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0)).slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const lines = [t('checkups.lists.title', { id: c.id, year: c.year, hospital: c.hospital, list: listWord, count: rows.length })];
  for (const r of shown) {
    const who = { name: files.get(r.honoreeId)?.name ?? '', fileNo: files.get(r.honoreeId)?.fileNo ?? '' };
    // A declined place is given back: what is said of it is the reason, if one was given.
    if (r.declineReason) lines.push(`  ${t('checkups.lists.line_reason', { ...who, reason: t(`checkups.reasons.${r.declineReason}`) })}`);
    else if (r.slot) lines.push(`  ${t(r.rescheduled && list === 'confirmed' ? 'checkups.lists.line_moved' : 'checkups.lists.line_when', { ...who, when: slotWords(t, r.slot) })}`);
    else lines.push(`  ${t('checkups.lists.line', who)}`);
  }
  if (page === pages) {
    if (page > 1) lines.push(t('checkups.lists.last_page', { page, pages }));
    return { text: lines.join('\n') };
  }
  // The next page is a button and a command to type, as under 走访记录.
  lines.push(t('checkups.lists.more', { more: rows.length - page * PAGE_SIZE, page, pages, list: listWord, id: c.id, next: page + 1 }));
  return { text: lines.join('\n'), choices: [{ id: `/checkup list ${SLASH_WORD[list]} ${c.id} page ${page + 1}`, label: t('checkups.lists.next_button', { page: page + 1 }) }] };
}

/** Names and file numbers only: what a list may show. */
async function namesOf(db: Db, ids: number[]): Promise<Map<number, { name: string; fileNo: string }>> {
  const out = new Map<number, { name: string; fileNo: string }>();
  // In chunks: a campaign may invite thousands, and a statement takes a bounded number of values.
  for (let i = 0; i < ids.length; i += 500) {
    for (const h of await db.honoree.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: { id: true, name: true, fileNo: true } })) out.set(h.id, { name: h.name, fileNo: h.fileNo });
  }
  return out;
}
