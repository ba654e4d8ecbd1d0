// Loaded with `node --import`: writes the URL of every module resolved from a package named
// wechaty* (wechaty, its puppets) to the file named by HC_TRACE_LOADS, one a line, so a test
// can tell whether a run of the bot loaded Wechaty at all.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
const file = process.env.HC_TRACE_LOADS;
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (file && /\\/node_modules\\/wechaty[^/]*\\//.test(resolved.url)) appendFileSync(file, resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
