// postinstall: generate both Prisma clients (SQLite and PostgreSQL) without network access.
// `prisma generate` does not use the native schema engine, but the CLI insists that one exists;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies it (see PLATFORM-NOTES).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSchemas, providers } from './prisma-schemas.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'node_modules/prisma/build/index.js');
if (!existsSync(cli)) {
  // Installed without the Prisma CLI (e.g. production install of a pre-built tree).
  process.exit(0);
}
writeSchemas();
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
for (const name of Object.keys(providers)) {
  execFileSync(process.execPath, [cli, 'generate', '--schema', join(root, 'prisma', name, 'schema.prisma')], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
