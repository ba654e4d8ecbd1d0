import type { Command } from '../../core/command.ts';
import type { FeatureDeps } from '../feature.ts';
import { boardText } from './board.ts';
import { startCampaign } from './campaign-flow.ts';
import { closeCampaign } from './close-campaign.ts';

const NEW_WORDS = new Set(['新建', '新增', '创建', 'new']);
const CLOSE_WORDS = new Set(['结束', '关闭', 'close']);

/** 体检 (/checkup): the status board; 体检 新建 creates a campaign, as a guided conversation; 体检 结束 N closes one. */
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
      return { text: await boardText(deps.db, ctx) };
    },
  };
}
