import type { Command } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import { hitLine } from './format.ts';
import { notFound } from './not-found.ts';
import { pickList } from './resolve.ts';
import { searchHonorees } from './search.ts';

/** 查询 /find: one match shows a summary line, several a list to pick a file from. */
export function findCommand(db: Db): Command {
  return {
    id: 'find',
    keywords: ['查询', '查找', '搜索', 'find'],
    slash: 'find',
    roles: ['staff'],
    where: 'any',
    async run(ctx, args) {
      if (!args) throw new UserError('honorees.find_usage');
      if (args.length > 50) throw new UserError('honorees.query_too_long');
      const result = await searchHonorees(db, args, 10, { phone: !ctx.isGroup });
      if (result.total === 0) throw notFound(args, ctx.isGroup);
      if (result.total === 1) {
        const hit = result.hits[0];
        return { text: `${hitLine(ctx.t, hit)}\n${ctx.t('honorees.find_one_hint', { fileNo: hit.fileNo })}` };
      }
      return pickList(ctx.t, result, (ref) => `/file ${ref}`);
    },
  };
}
