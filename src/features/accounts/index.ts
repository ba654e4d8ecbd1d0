export { accountCommands, type AccountsOptions } from './commands.ts';
export { ensureAdmins, type ConfiguredAdmin } from './configured-admins.ts';
export { dbAccountDirectory } from './directory.ts';
