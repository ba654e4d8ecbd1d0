import type { Command } from './command.ts';

/** What a command is recognised by. */
export type CommandWords = Pick<Command, 'keywords' | 'slash'>;

export interface ParsedCommand<C extends CommandWords = Command> {
  command: C;
  args: string;
}

/**
 * Finds the command a text starts with: `/find@bot 张`, `/find 张`, `查询 张` or `查询张`
 * (Chinese users often type no space). The longest keyword wins, so 走访记录 is not 走访.
 */
export function parseCommand<C extends CommandWords>(text: string, commands: readonly C[]): ParsedCommand<C> | null {
  const t = text.trim();
  if (t.startsWith('/')) {
    const m = /^\/([A-Za-z0-9_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(t);
    if (!m) return null;
    const name = m[1].toLowerCase();
    const command = commands.find((c) => c.slash === name);
    return command ? { command, args: (m[2] ?? '').trim() } : null;
  }
  let best: ParsedCommand<C> | null = null;
  let bestLength = 0;
  for (const command of commands) {
    for (const kw of command.keywords) {
      if (kw.length > bestLength && t.toLowerCase().startsWith(kw.toLowerCase())) {
        const rest = t.slice(kw.length);
        // A Latin keyword must be a whole word ("help", not "helpful").
        if (/^[A-Za-z]/.test(kw) && rest && !/^\s/.test(rest)) continue;
        best = { command, args: rest.trim() };
        bestLength = kw.length;
      }
    }
  }
  return best;
}
