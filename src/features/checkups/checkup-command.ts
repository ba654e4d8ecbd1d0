import type { Command } from '../../core/command.ts';
import type { FeatureDeps } from '../feature.ts';
import { boardText } from './board.ts';
import { startCampaign } from './campaign-flow.ts';

const NEW_WORDS = new Set(['新建', '新增', '创建', 'new']);

/** 体检 (/checkup): the status board; 体检 新建 creates a campaign, as a guided conversation. */
export function checkupCommand(deps: FeatureDeps): Command {
  return {
    id: 'checkup',
    keywords: ['体检', 'checkup'],
    slash: 'checkup',
    roles: ['staff'],
    // Lists of people and their answers: a private chat with staff.
    where: 'private',
    run: async (ctx, args) => {
      const [sub] = args.trim().split(/\s+/);
      if (NEW_WORDS.has((sub ?? '').toLowerCase())) return startCampaign(ctx);
      return { text: await boardText(deps.db, ctx) };
    },
  };
}
