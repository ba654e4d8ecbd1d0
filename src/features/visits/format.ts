import type { Locale, Translate } from '../../core/i18n.ts';
import { formatMoney } from '../../domain/index.ts';

/** 500元 for Chinese readers, ¥500 for English ones. */
export const money = (locale: Locale, fen: number) => formatMoney(fen, locale);

/** Notes in a list are cut short: 30 lines of 500-character notes would not fit in one message. */
const LIST_NOTES = 40;

export interface VisitRow {
  visitDate: string;
  kind: string;
  moneyFen: number;
  gifts: string | null;
  notes: string | null;
  honoree: { name: string; fileNo: string };
}

/** One line of a list: `2026-11-20 张三（LM00001）电话慰问 500元 米一袋：身体恢复良好`. */
export function visitLine(t: Translate, locale: Locale, v: VisitRow): string {
  const notes = v.notes && v.notes.length > LIST_NOTES ? `${v.notes.slice(0, LIST_NOTES)}…` : v.notes;
  return t('visits.list.line', {
    date: v.visitDate,
    name: v.honoree.name,
    fileNo: v.honoree.fileNo,
    kind: t(`vocab.visit_kinds.${v.kind}`),
    money: v.moneyFen ? ` ${money(locale, v.moneyFen)}` : '',
    gifts: v.gifts ? ` ${v.gifts}` : '',
    notes: notes ? t('visits.list.notes', { notes }) : '',
  });
}
