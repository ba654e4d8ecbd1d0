import { sqliteFilePath } from './db/provider.ts';

/**
 * Why the database (or the data folder) could not be opened at start, as one line for the
 * person who set DATABASE_URL: what failed and what to check. Undefined for anything else (a
 * bug), which main reports with its details in the log.
 *
 * Errors come in three shapes: Prisma's driver adapters (`DriverAdapterError` with a `cause`
 * of some `kind`), node-postgres and SQLite (a SQLSTATE or SQLITE_* `code`), and Node's own
 * (ECONNREFUSED, EACCES...). The cause chain is searched for the first one known.
 */
export function explainStartFailure(err: unknown, databaseUrl: string): string | undefined {
  const where = `DATABASE_URL=${shownUrl(databaseUrl)}`;
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const shape = e as Shape;
    // The data folder or the log file (before the database is even tried).
    if (shape.syscall && FILE_CODES.has(shape.code ?? '')) {
      return `HonorCare cannot ${shape.syscall} ${shape.path ?? ''} (${shape.code}). Check HONORCARE_DATA_DIR, DATABASE_URL and LOG_FILE, and that the bot may write there.`;
    }
    const reason = explainOne(shape, databaseUrl);
    if (reason) return `HonorCare cannot open the database (${where}): ${reason}`;
  }
  return undefined;
}

const FILE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOTDIR', 'ENOSPC']);

interface Shape {
  kind?: string;
  code?: string;
  originalCode?: string;
  originalMessage?: string;
  message?: string;
  syscall?: string;
  path?: string;
}

function explainOne(e: Shape, url: string): string | undefined {
  const { user, host, database } = postgresParts(url);
  // An adapter error of kind 'postgres' or 'sqlite' carries the database's own code.
  const byDatabase = e.kind === 'postgres' || e.kind === 'sqlite';
  const code = byDatabase ? (e.originalCode ?? e.code) : (e.code ?? e.originalCode);
  const file = () => sqliteFilePath(url);
  switch (byDatabase ? code : (e.kind ?? code)) {
    case 'DatabaseNotReachable':
    case 'SocketTimeout':
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `no PostgreSQL server answers at ${host}. Check that it is running and that the host and port in DATABASE_URL are right.`;
    case 'DatabaseDoesNotExist':
    case '3D000':
      return `the database "${database}" does not exist. Create it (README, "Running on PostgreSQL") or correct its name in DATABASE_URL.`;
    case 'AuthenticationFailed':
    case '28P01':
      return `the server refused the password of user "${user}". Check the user and password in DATABASE_URL.`;
    case 'DatabaseAccessDenied':
    case '28000':
      return `the server refused user "${user}" (${e.originalMessage ?? e.message ?? 'access denied'}). Check the user in DATABASE_URL, that the role exists and may log in (pg_hba.conf).`;
    case '42501':
      return `user "${user}" may not create tables in "${database}" (${e.originalMessage ?? e.message}). Make it the database's owner (createdb -O ${user} ${database}) or grant it CREATE.`;
    case 'TooManyConnections':
    case '53300':
      return 'the PostgreSQL server has no free connection. Check max_connections and who else is connected.';
    case 'TlsConnectionError':
      return 'the TLS connection failed. Check sslmode in DATABASE_URL and the server\'s certificate.';
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `${file()} is not a SQLite database (or is damaged). Point DATABASE_URL at another file, or restore it from a backup.`;
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return `the SQLite file ${file()} cannot be opened for writing. Check that its folder exists and that the bot may write there.`;
    case 'SQLITE_BUSY':
      return `the SQLite file ${file()} is in use by another HonorCare (or another program): one bot per SQLite file. Stop the other one, or give this one a DATABASE_URL of its own.`;
    default:
      return undefined;
  }
}

/** The URL without its password. */
export function shownUrl(url: string): string {
  if (!/^postgres(ql)?:/i.test(url) || !URL.canParse(url)) return url;
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

function postgresParts(url: string): { user: string; host: string; database: string } {
  if (!/^postgres(ql)?:/i.test(url) || !URL.canParse(url)) return { user: '', host: '', database: '' };
  const u = new URL(url);
  // Without a user in the URL, node-postgres logs in as the operating system's user.
  return { user: decodeURIComponent(u.username) || '(your login name)', host: `${u.hostname || 'localhost'}:${u.port || 5432}`, database: decodeURIComponent(u.pathname.slice(1)) };
}

/**
 * Why the Telegram channel can never work as configured, as one line and an exit code: 2 for a
 * setting to correct (the token, the API root), 1 otherwise.
 */
export function explainTelegramFailure(err: unknown): { line: string; code: number } {
  const { errorCode, message } = (err ?? {}) as { errorCode?: number; message?: string };
  if (errorCode === 401) {
    return { code: 2, line: 'HonorCare: Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized). Copy the token again from @BotFather (/mybots, API Token).' };
  }
  if (errorCode === 404) {
    return { code: 2, line: 'HonorCare: the Bot API answered 404 Not Found. Check TELEGRAM_BOT_TOKEN, and TELEGRAM_API_ROOT if it is set.' };
  }
  if (errorCode === 409) {
    return { code: 1, line: 'HonorCare: another program is reading Telegram updates with this TELEGRAM_BOT_TOKEN (409 Conflict). Stop it, then start again.' };
  }
  return { code: 1, line: `HonorCare: the Telegram channel stopped: ${message ?? String(err)}` };
}

/** Why the WeChat channel could not start (a puppet package Wechaty cannot load, most often), in one line. */
export function explainWechatFailure(err: unknown, puppet: string | undefined): { line: string; code: number } {
  const message = (err as { message?: string } | undefined)?.message ?? String(err);
  if (/cannot find (package|module)|ERR_MODULE_NOT_FOUND/i.test(message)) {
    return { code: 2, line: `HonorCare: WeChat cannot start: the puppet ${puppet ?? ''} is not installed. Check WECHATY_PUPPET (README, "Connecting WeChat").` };
  }
  return { code: 2, line: `HonorCare: WeChat cannot start (WECHATY_PUPPET=${puppet ?? ''}): ${message.split('\n')[0]}` };
}
