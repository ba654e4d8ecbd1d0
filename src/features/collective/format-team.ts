import type { Translate } from '../../core/i18n.ts';
import type { Reply } from '../../core/message.ts';
import { honourLabel } from '../honorees/index.ts';
import type { TeamHonours, TeamList, TeamSummary } from './find-teams.ts';
import type { MemberOutcome, RecordResult } from './record-team.ts';

/**
 * Texts of the collective-honour command. A group chat sees team names, honours and member
 * names; file numbers are shown only in a private chat with staff.
 */
export type Audience = 'private' | 'group';

/** The command text that opens one team; team names hold no spaces, so it reads back whole. */
export const showTeamCommand = (teamName: string) => `/team ${teamName}`;

const withBody = (t: Translate, h: { category: string; level: string; year: number; awardingBody: string | null }) =>
  `${honourLabel(t, h)}${h.awardingBody ? t('collective.body', { body: h.awardingBody }) : ''}`;

export function teamLine(t: Translate, s: TeamSummary): string {
  const honour = honourLabel(t, s.latest);
  return s.honours > 1 ? t('collective.line_more', { team: s.teamName, honour, count: s.honours }) : t('collective.line', { team: s.teamName, honour });
}

/** Teams as numbered choices: the lines are the options, so they are not repeated in the text. */
export function teamListReply(t: Translate, list: TeamList, query?: string): Reply {
  const head = query ? t('collective.search_title', { query, count: list.total }) : t('collective.list_title', { count: list.total });
  const lines = [head];
  if (list.total > list.teams.length) lines.push(t('collective.list_more', { shown: list.teams.length }));
  return { text: lines.join('\n'), choices: list.teams.map((s) => ({ id: showTeamCommand(s.teamName), label: teamLine(t, s) })) };
}

export function teamText(t: Translate, honours: TeamHonours, audience: Audience): string {
  const lines = [t('collective.team.title', { team: honours[0].teamName })];
  for (const h of honours) {
    lines.push(`· ${withBody(t, h)}`);
    const names = h.members.map((m) => (audience === 'private' && m.honoree ? t('collective.with_file', { name: m.name, fileNo: m.honoree.fileNo }) : m.name));
    lines.push(names.length ? t('collective.team.members', { count: names.length, names: names.join('、') }) : t('collective.team.no_members'));
  }
  lines.push(t(audience === 'group' ? 'collective.team.group_note' : 'collective.team.file_hint'));
  return lines.join('\n');
}

/** What was recorded, and for each kind of member outcome, whose names. */
export function recordedText(t: Translate, r: RecordResult, audience: Audience): string {
  const honour = withBody(t, r);
  const lines = [t(r.created ? 'collective.recorded.created' : 'collective.recorded.exists', { team: r.teamName, honour })];
  const of = (status: MemberOutcome['status']) => r.members.filter((m) => m.status === status);
  const label = (m: MemberOutcome) => (m.status === 'linked' && audience === 'private' ? t('collective.with_file', { name: m.name, fileNo: m.fileNo }) : m.name);
  for (const status of ['linked', 'no_file', 'ambiguous', 'already'] as const) {
    const ms = of(status);
    if (ms.length) lines.push(t(`collective.recorded.${status}`, { count: ms.length, names: ms.map(label).join('、') }));
  }
  if (!r.members.length) {
    lines.push(t('collective.recorded.no_members', { team: r.teamName, honour: honourLabel(t, r) }));
  } else if (!r.created && r.members.every((m) => m.status === 'already')) {
    lines.push(t('collective.recorded.nothing_new'));
  }
  lines.push(t('collective.recorded.view_hint', { team: r.teamName }));
  return lines.join('\n');
}
