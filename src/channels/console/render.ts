import type { Reply } from '../../core/message.ts';

/** A reply as terminal text: choices become numbered lines the operator answers with a digit. */
export function renderForTerminal(reply: Reply, savedFiles: string[] = []): string {
  const lines = [reply.text];
  reply.choices?.forEach((c, i) => lines.push(`  ${i + 1}. ${c.label}`));
  for (const path of savedFiles) lines.push(`  → ${path}`);
  return lines.join('\n');
}
