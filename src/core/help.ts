import type { Command } from './command.ts';
import type { Translate } from './i18n.ts';
import { mayAct, type Role } from './roles.ts';

/** The help text: every command this role may use, with its keyword, slash form and an example. */
export function buildHelp(commands: readonly Command[], role: Role, t: Translate): string {
  const lines = [t('help.title')];
  for (const c of commands) {
    if (!mayAct(role, c.roles)) continue;
    lines.push(
      t('help.line', {
        keyword: c.keywords[0] ?? c.slash,
        slash: `/${c.slash}`,
        summary: t(`help.commands.${c.id}.summary`),
        example: t(`help.commands.${c.id}.example`),
      }),
    );
  }
  lines.push(t('help.footer'));
  return lines.join('\n');
}
