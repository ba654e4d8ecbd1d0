/**
 * The layer rules of ../shared/design/ARCHITECTURE.md, checked on every test run:
 * channels translate only; the core knows no platform, no database and no scheduler;
 * features meet each other only through a feature's public index.ts.
 */
module.exports = {
  forbidden: [
    {
      name: 'channels-only-core',
      comment: 'A channel adapter may use the core, never features, the database or Prisma.',
      severity: 'error',
      from: { path: '^src/channels/' },
      to: { path: '^src/(features|db|generated)/|^src/app\\.ts$|@prisma|prisma' },
    },
    {
      name: 'channels-not-each-other',
      severity: 'error',
      from: { path: '^src/channels/([^/]+)/' },
      to: { path: '^src/channels/', pathNot: '^src/channels/$1/' },
    },
    {
      name: 'core-no-platform',
      comment: 'The core imports no platform library, no Prisma, no node-cron, no features or db.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(features|db|channels|generated)/|node_modules/(grammy|@grammyjs|wechaty|@prisma|prisma|node-cron|better-sqlite3|pg)/' },
    },
    {
      name: 'domain-pure',
      comment: 'Pure field logic: no I/O, no framework, nothing of the app.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(core|features|db|channels|generated)/|^node:(fs|net|http|https|child_process)|^(fs|net|http|https|child_process)$' },
    },
    {
      name: 'features-through-index',
      comment: 'A feature reaches another feature only through its public index.ts.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^src/features/([^/]+)/.+', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'features-no-channels',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/channels/|node_modules/(grammy|@grammyjs|wechaty)/' },
    },
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
