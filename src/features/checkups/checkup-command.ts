import type { Command } from '../../core/command.ts';
import type { FeatureDeps } from '../feature.ts';
import { boardText } from './board.ts';
import { startCampaign } from './campaign-flow.ts';
import { markAttendance } from './attendance.ts';
import { callsText } from './calls-text.ts';
import { changeCadence } from './change-cadence.ts';
import { startFindings } from './findings-flow.ts';
import { closeCampaign } from './close-campaign.ts';
import { recordCall } from './phone-answer.ts';
import { statusList } from './status-lists.ts';

const NEW_WORDS = new Set(['新建', '新增', '创建', 'new']);
const CLOSE_WORDS = new Set(['结束', '关闭', 'close']);
const ANSWER_WORDS = new Set(['代确认', '代回复', '记录', 'answer']);
const CALLS_WORDS = new Set(['电话', '电话名单', 'calls']);
const ATTENDED_WORDS = new Set(['到场', '已到', 'attended']);
const MISSED_WORDS = new Set(['未到', '没来', 'missed']);
const RESULT_WORDS = new Set(['结果', '报告', 'results']);
const LIST_WORDS = new Set(['名单', '列表', 'list']);
const CADENCE_WORDS = new Set(['提醒', 'reminders']);

/**
 * 体检 (/checkup): the status board. 体检 新建 creates a campaign, as a guided conversation;
 * 体检 电话 lists whom to phone and why; 体检 代确认 records what a call came to; 体检 到场 /
 * 未到 record attendance; 体检 结果 records a report; 体检 名单 未回复 lists who gave an answer;
 * 体检 提醒 N 3,1 sets the days campaign N reminds on; 体检 结束 N closes a campaign.
 */
export function checkupCommand(deps: FeatureDeps): Command {
  return {
    id: 'checkup',
    keywords: ['体检', 'checkup'],
    slash: 'checkup',
    roles: ['staff'],
    // Lists of people and their answers: a private chat with staff.
    where: 'private',
    run: async (ctx, args) => {
      const [sub, ...rest] = args.trim().split(/\s+/);
      if (NEW_WORDS.has((sub ?? '').toLowerCase())) return startCampaign(ctx);
      if (CLOSE_WORDS.has((sub ?? '').toLowerCase())) return closeCampaign(deps, ctx, rest.join(' '));
      if (ANSWER_WORDS.has((sub ?? '').toLowerCase())) return recordCall(deps, ctx, rest.join(' '));
      if (CALLS_WORDS.has((sub ?? '').toLowerCase())) return { text: await callsText(deps.db, ctx) };
      if (ATTENDED_WORDS.has((sub ?? '').toLowerCase())) return markAttendance(deps, ctx, rest.join(' '), true);
      if (MISSED_WORDS.has((sub ?? '').toLowerCase())) return markAttendance(deps, ctx, rest.join(' '), false);
      if (RESULT_WORDS.has((sub ?? '').toLowerCase())) return startFindings(deps, ctx, rest.join(' '));
      if (LIST_WORDS.has((sub ?? '').toLowerCase())) return statusList(deps.db, ctx, rest.join(' '));
      if (CADENCE_WORDS.has((sub ?? '').toLowerCase())) return changeCadence(deps, ctx, rest.join(' '));
      return { text: await boardText(deps.db, ctx) };
    },
  };
}
