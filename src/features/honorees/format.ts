import type { Translate } from '../../core/i18n.ts';
import { formatMoney } from '../../domain/index.ts';
import type { HonoreeHit } from './search.ts';
import type { HonoreeFile } from './load.ts';

type HonourLike = { category: string; level: string; year: number };

export const honourLabel = (t: Translate, h: HonourLike) =>
  t('honorees.honour', { year: h.year, level: t(`vocab.levels.${h.level}`), category: t(`vocab.categories.${h.category}`) });

/** One line of a result list: name, file number, latest honour, employer. Nothing private. */
export function hitLine(t: Translate, hit: HonoreeHit): string {
  const parts = [t('honorees.name_and_file', { name: hit.name, fileNo: hit.fileNo })];
  if (hit.honours[0]) parts.push(honourLabel(t, hit.honours[0]));
  if (hit.employer) parts.push(hit.employer);
  return parts.join(t('honorees.separator'));
}

const yuan = (t: Translate, locale: string, fen: number | null) => (fen === null ? t('common.none') : formatMoney(fen, locale));

/**
 * The file as text. In a group chat only name, file number and honours are shown: ID numbers,
 * phones, income and health stay in private chats with staff.
 */
export function fileText(t: Translate, locale: string, f: HonoreeFile, audience: 'private' | 'group'): string {
  const none = t('common.none');
  const honours = f.honours.map((h) =>
    h.awardingBody ? t('honorees.file.honour_by', { honour: honourLabel(t, h), body: h.awardingBody }) : t('honorees.file.honour', { honour: honourLabel(t, h) }),
  );
  const teams = f.teamMemberships.map((m) => t('honorees.file.team', { team: m.collectiveHonour.teamName, honour: honourLabel(t, m.collectiveHonour) }));
  const head = [t('honorees.file.title', { name: f.name, fileNo: f.fileNo }), t('honorees.file.honours'), ...(honours.length ? honours : [`  ${none}`]), ...teams];
  if (audience === 'group') return [...head, t('honorees.file.group_note')].join('\n');

  const v = (x: string | null | undefined) => x || none;
  const lines = [
    ...head,
    t('honorees.file.basic', {
      gender: f.gender ? t(`vocab.genders.${f.gender}`) : none,
      ethnicity: v(f.ethnicity),
      birthDate: v(f.birthDate),
      status: t(`vocab.statuses.${f.employmentStatus}`),
    }),
    t('honorees.file.id_phone', { idNumber: v(f.idNumber), phone: v(f.phone) }),
    t('honorees.file.work', { employer: v(f.employer), position: v(f.position) }),
    t('honorees.file.address', { address: v(f.address) }),
  ];
  if (f.notes) lines.push(t('honorees.file.notes', { notes: f.notes }));
  const s = f.surveys[0];
  if (s) {
    lines.push(
      t('honorees.file.survey', { year: s.year }),
      t('survey.fields.workSituation', { value: v(s.workSituation) }),
      t('survey.fields.income', { household: yuan(t, locale, s.householdIncomeFen), perCapita: yuan(t, locale, s.perCapitaIncomeFen) }),
      t('survey.fields.familyMembers', { value: v(s.familyMembers) }),
      t('survey.fields.hardshipCauses', { value: v(s.hardshipCauses) }),
      t('survey.fields.healthStatus', { value: v(s.healthStatus) }),
    );
    const flags = [s.priorityHardship && t('honorees.file.flag_hardship'), s.priorityHealth && t('honorees.file.flag_health')].filter(Boolean);
    lines.push(flags.length ? t('honorees.file.priority', { flags: flags.join('、'), reason: v(s.priorityReason) }) : t('honorees.file.no_priority'));
  } else {
    lines.push(t('honorees.file.no_survey'));
  }
  lines.push(t('honorees.file.visits'));
  if (!f.visits.length) lines.push(`  ${none}`);
  for (const visit of f.visits) {
    const money = visit.moneyFen ? ` ${formatMoney(visit.moneyFen, locale)}` : '';
    const what = `${visit.visitDate} ${t(`vocab.visit_kinds.${visit.kind}`)}${money}${visit.gifts ? ` ${visit.gifts}` : ''}`;
    lines.push(visit.notes ? t('honorees.file.visit_notes', { visit: what, notes: visit.notes }) : t('honorees.file.visit', { visit: what }));
  }
  return lines.join('\n');
}

/** A stored field value as people read it (codes such as `retired` become words). */
export function fieldValueLabel(t: Translate, field: string, value: string | null): string {
  if (value === null) return t('common.none');
  if (field === 'gender') return t(`vocab.genders.${value}`);
  if (field === 'employmentStatus') return t(`vocab.statuses.${value}`);
  return value;
}
