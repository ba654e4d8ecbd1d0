export { accountCommands, type AccountsOptions } from './commands.ts';
export { dbAccountDirectory, ensureAdmins, type CachedAccountDirectory } from './directory.ts';
