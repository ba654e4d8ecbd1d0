/**
 * The layer rules of ../shared/design/ARCHITECTURE.md, checked on every test run, as an
 * allow-list: each layer names what it may import, and anything else is refused, including
 * what nobody thought of yet.
 *
 * - domain: pure field logic; only itself, pinyin-pro, and tyme4ts behind festivals.ts alone. No I/O, no framework.
 * - core: the platform-free engine; itself, domain, the pino logger type, reading its locale files.
 * - db: Prisma and its drivers, the generated clients; the core ports it implements, and loopTurn.
 * - features: core, domain, db; another feature only through its public index.ts; the stats chart's
 *   renderer (resvg) and font file behind chart-render.ts alone.
 * - channels: translation only; core, their own platform library, never features or db.
 * - outbox: the notifications the bot sends on its own, and the schedules that plan them; core
 *   (the neutral Deliverer), db, domain, node-cron. Features reach it only through enqueue.ts.
 * - config, log, app, start-failure: the small pieces the composition root (main.ts) puts together.
 */
const node = (...names) => `^(node:)?(${names.join('|')})$`;
// A package as resolved (node_modules/x/...) or, for a subpath its exports map hides, as written (x/sub).
const npm = (...names) => `^(node_modules/)?(${names.join('|')})(/|$)`;

module.exports = {
  allowedSeverity: 'error',
  allowed: [
    {
      comment: 'Every file may use its own folder (a channel or feature: its own subfolder, below).',
      from: { path: '^src/(core|domain|db)/' },
      to: { path: '^src/$1/' },
    },
    {
      comment: 'domain: pure; pinyin keys come from pinyin-pro.',
      from: { path: '^src/domain/' },
      to: { path: npm('pinyin-pro') },
    },
    {
      comment: 'domain: the lunar calendar library, behind the one small interface of festivals.ts.',
      from: { path: '^src/domain/festivals\\.ts$' },
      to: { path: npm('tyme4ts') },
    },
    {
      comment: 'core: domain, the logger type, and reading its own locale files.',
      from: { path: '^src/core/' },
      to: { path: [`^src/domain/`, npm('pino'), node('crypto', 'fs', 'path', 'url', 'timers')] },
    },
    {
      comment: 'db: Prisma, its drivers, the generated clients; the core ports it implements; loopTurn so long work yields.',
      from: { path: '^src/db/' },
      to: {
        path: [
          '^src/generated/',
          '^src/core/(ports|loop-turn)\\.ts$',
          npm('@prisma/[^/]+', 'better-sqlite3', 'pg'),
          node('crypto', 'fs', 'path', 'url'),
        ],
      },
    },
    {
      comment: 'A feature: its own folder, core, domain, db, and another feature only through its index.ts.',
      from: { path: '^src/features/([^/]+)/' },
      to: {
        path: [
          '^src/features/$1/',
          '^src/features/[^/]+/index\\.ts$',
          '^src/features/feature\\.ts$',
          '^src/(core|domain|db)/',
          // The outbox's one door for features: enqueue inside their own transaction.
          '^src/outbox/enqueue\\.ts$',
          npm('zod', 'exceljs', 'csv-parse', 'pinyin-pro'),
          node('crypto', 'zlib', 'stream', 'buffer', 'util', 'timers'),
        ],
      },
    },
    {
      comment:
        'stats: the chart\'s SVG renderer (@resvg/resvg-js, a prebuilt binary from npm), and finding the font file in its npm package, behind chart-render.ts alone.',
      from: { path: '^src/features/stats/chart-render\\.ts$' },
      to: { path: [npm('@resvg/resvg-js'), node('fs', 'module', 'path')] },
    },
    {
      comment: 'outbox: its own folder, core, db, domain; node-cron only triggers (the logic is plain functions).',
      from: { path: '^src/outbox/' },
      to: { path: ['^src/(outbox|core|db|domain)/', npm('node-cron', 'pino'), node('os', 'crypto', 'timers')] },
    },
    {
      comment: 'The features list and the shape every feature shares (with the domain types it names).',
      from: { path: '^src/features/[^/]+\\.ts$' },
      to: { path: ['^src/features/', '^src/(core|db|domain)/'] },
    },
    {
      comment: 'A channel: its own folder, core, its platform library, the logger type, local I/O.',
      from: { path: '^src/channels/([^/]+)/' },
      to: {
        path: [
          '^src/channels/$1/',
          '^src/core/',
          // file-box: the files Wechaty sends; qrcode: the WeChat login code drawn in the terminal.
          npm('grammy', '@grammyjs/[^/]+', 'wechaty', 'wechaty-puppet[^/]*', 'file-box', 'qrcode', 'pino'),
          node('fs', 'os', 'path', 'readline', 'stream', 'events', 'timers', 'timers/promises', 'util', 'crypto', 'url'),
        ],
      },
    },
    {
      comment: 'config: one zod schema over the environment (and the .env file), with the domain\'s parsers of its values.',
      from: { path: '^src/config\\.ts$' },
      to: { path: ['^src/(core|domain)/', npm('zod'), node('fs', 'path', 'util', 'url')] },
    },
    {
      comment: 'log: the pino root logger and its file.',
      from: { path: '^src/log\\.ts$' },
      to: { path: [npm('pino'), node('fs', 'path')] },
    },
    {
      comment: 'app: the platform-free bot, features on the database behind one engine.',
      from: { path: '^src/app\\.ts$' },
      to: { path: ['^src/(core|db|features|outbox)/', npm('pino')] },
    },
    {
      comment: 'start-failure: why a start failed, in one line (it knows where a SQLite URL points).',
      from: { path: '^src/start-failure\\.ts$' },
      to: { path: ['^src/db/provider\\.ts$'] },
    },
    {
      comment: 'main (and invite and export-cli, the command lines): composition roots put everything together.',
      from: { path: '^src/(main|invite|export-cli|command-line)\\.ts$' },
      to: { path: ['^src/', '^node_modules/', node('[a-z_/]+')] },
    },
  ],
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
