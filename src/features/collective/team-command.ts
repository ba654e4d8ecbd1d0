import type { Command } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { findTeams, loadTeam } from './find-teams.ts';
import { recordedText, teamListReply, teamText, type Audience } from './format-team.ts';
import { parseTeamArgs } from './parse-team-line.ts';
import { recordTeamHonour } from './record-team.ts';

/** A list is read on a phone: beyond this many lines people narrow the search instead. */
const LIST_LIMIT = 30;

/**
 * 集体荣誉 /team: record a team's 工人先锋号 / 五一劳动奖状 with its members, list the teams,
 * or show one. It runs in groups too: nothing it shows is private (file numbers only in a
 * private chat), and announcing a team's honour in the staff group is ordinary work.
 */
export function teamCommand(db: Db): Command {
  return {
    id: 'team',
    keywords: ['集体荣誉', 'team'],
    slash: 'team',
    roles: ['staff'],
    where: 'any',
    async run(ctx, args) {
      const audience: Audience = ctx.isGroup ? 'group' : 'private';
      const parsed = parseTeamArgs(args, Number(ctx.today().slice(0, 4)));
      if (!parsed.ok) throw new UserError(`collective.invalid.${parsed.reason}`, parsed.params);
      const request = parsed.value;

      if (request.kind === 'add') {
        const result = await recordTeamHonour(db, request.entry, ctx.actor);
        return { text: recordedText(ctx.t, result, audience) };
      }

      const query = request.kind === 'search' ? request.query : undefined;
      const list = await findTeams(db, query, LIST_LIMIT);
      if (list.total === 0) throw new UserError(query ? 'collective.not_found' : 'collective.none_yet', query ? { query } : {});
      // One team, or the exact name among several (a chosen line re-runs the command with it).
      const one = list.total === 1 ? list.teams[0].teamName : list.teams.find((s) => s.teamName === query)?.teamName;
      if (one) return { text: teamText(ctx.t, await loadTeam(db, one), audience) };
      return teamListReply(ctx.t, list, query);
    },
  };
}
