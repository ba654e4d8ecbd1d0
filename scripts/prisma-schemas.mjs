// Writes prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma from prisma/models.prisma.
// Run by `npm run schema` after editing the models, and by the postinstall step before generate.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const models = readFileSync(join(root, 'prisma/models.prisma'), 'utf8');

export const providers = { sqlite: 'sqlite', postgres: 'postgresql' };

export function schemaFor(name) {
  return `// GENERATED from prisma/models.prisma by scripts/prisma-schemas.mjs: do not edit.

generator client {
  provider = "prisma-client"
  output   = "../../src/generated/${name}"
  moduleFormat = "esm"
  importFileExtension = "ts"
}

datasource db {
  provider = "${providers[name]}"
}

${models}`;
}

export function writeSchemas() {
  for (const name of Object.keys(providers)) {
    mkdirSync(join(root, 'prisma', name), { recursive: true });
    writeFileSync(join(root, 'prisma', name, 'schema.prisma'), schemaFor(name));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeSchemas();
