import type { Command } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';
import type { FileSection } from '../feature.ts';
import { fileText } from './format.ts';
import { loadFile } from './load.ts';
import { notFound } from './not-found.ts';
import { resolveHonoree } from './resolve.ts';

/** 档案 /file: the whole file in a private chat; name, file number and honours in a group. */
export function fileCommand(db: Db, sections: () => FileSection[] = () => []): Command {
  return {
    id: 'file',
    keywords: ['档案', 'file'],
    slash: 'file',
    roles: ['staff'],
    where: 'any',
    async run(ctx, args) {
      if (!args) throw new UserError('honorees.file_usage');
      const r = await resolveHonoree(db, ctx.t, args, (ref) => `/file ${ref}`, { group: ctx.isGroup });
      if (r.pick) return r.pick;
      const file = await loadFile(db, r.one.id);
      if (!file) throw notFound(args, ctx.isGroup);
      const text = fileText(ctx.t, ctx.locale, file, ctx.isGroup ? 'group' : 'private');
      if (ctx.isGroup) return { text };
      // Other features' parts (a checkup history): private, like the rest of the whole file.
      const more: string[] = [];
      for (const section of sections()) more.push(...(await section.lines(ctx.t, file.id, ctx.locale)));
      return { text: [text, ...more].join('\n') };
    },
  };
}
