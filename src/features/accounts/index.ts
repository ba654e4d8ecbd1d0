export { accountCommands, type AccountsOptions } from './commands.ts';
export { dbAccountDirectory, ensureAdmins } from './directory.ts';
