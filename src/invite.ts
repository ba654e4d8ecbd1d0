/**
 * `npm run invite -- admin` (or `staff`): prints a one-time invite code from the command line, for
 * any channel, so the first admin can bind (`绑定 CODE`, or Telegram's `/start CODE`) without
 * anyone looking up a platform id. A second composition root, beside main.ts: config, database,
 * the accounts feature, one line out.
 */
import { OPERATOR_ID, OPERATOR_NAME } from './channels/console/console-channel.ts';
import { createI18n } from './core/i18n.ts';
import { commandLine, openOrSay } from './command-line.ts';
import { loadConfig, type Config } from './config.ts';
import { providerOf } from './db/provider.ts';
import { commandLineInvite, roleWord } from './features/index.ts';

async function invite(argv: string[]): Promise<number> {
  const config: Config = loadConfig();
  const t = createI18n().for(config.locale);
  const role = roleWord(argv.join(' '));
  if (!role) {
    process.stderr.write(`${t('accounts.cli_invite_usage')}\n`);
    return 2;
  }
  const store = await openOrSay(config.databaseUrl);
  if (!store) {
    // The usual cause on SQLite: the bot itself holds the file. Codes can be made in a chat then.
    if (providerOf(config.databaseUrl) === 'sqlite') process.stderr.write(`${t('accounts.cli_invite_db_busy')}\n`);
    return 1;
  }
  try {
    const { code } = await store.db.$transaction((tx) =>
      commandLineInvite(tx, { role, now: new Date(), ttlHours: config.inviteTtlHours, operator: { id: OPERATOR_ID, name: OPERATOR_NAME } }),
    );
    process.stdout.write(`${t('accounts.invite_created', { code, role: t(`accounts.roles.${role}`), hours: config.inviteTtlHours })}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

commandLine(invite);
