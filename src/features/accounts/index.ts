export { accountCommands, type AccountsOptions } from './commands.ts';
export { ensureAdmins, type ConfiguredAdmin } from './configured-admins.ts';
export { commandLineInvite } from './create-invite.ts';
export { roleWord } from './account-words.ts';
export { dbAccountDirectory } from './directory.ts';
