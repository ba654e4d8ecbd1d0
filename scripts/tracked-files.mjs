// Which files `npm test` checks: the ones the project tracks in git, so an untracked scratch
// file in the checkout (a quick experiment, an editor's backup) cannot fail lint or type-check.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files git tracks under `root` whose names end in one of `extensions`, relative to `root`;
 * null when `root` is not in a git checkout (an unpacked archive), where callers check everything.
 */
export function trackedFiles(root, extensions) {
  let listed;
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--', ...extensions.map((e) => `*.${e}`)], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
  // A tracked file deleted in the working tree is gone, not a lint target.
  return listed.split('\0').filter((f) => f && existsSync(join(root, f)));
}
