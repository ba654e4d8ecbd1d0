/**
 * What the command lines (`npm run invite`, `npm run export`) share: running one to an exit code,
 * with a configuration error as one line and code 2, anything else as one line and code 1.
 */
import { ConfigError } from './config.ts';
import { openDb, type OpenDb } from './db/client.ts';
import { explainStartFailure } from './start-failure.ts';

export function commandLine(run: (argv: string[]) => Promise<number>): void {
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`HonorCare: ${err instanceof ConfigError ? err.message : String(err)}\n`);
      process.exitCode = err instanceof ConfigError ? 2 : 1;
    },
  );
}

/** The database, or null once the reason it would not open is said in one line (the bot holding a SQLite file, say). */
export async function openOrSay(databaseUrl: string): Promise<OpenDb | null> {
  try {
    return await openDb(databaseUrl);
  } catch (err) {
    process.stderr.write(`${explainStartFailure(err, databaseUrl) ?? `HonorCare: ${String(err)}`}\n`);
    return null;
  }
}
