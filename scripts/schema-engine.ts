// The Prisma schema engine as WebAssembly, driven through a driver adapter: no native binary,
// no network. Used to write new migrations (scripts/new-migration.ts) and by the drift test.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { adapterFactoryFor } from '../src/db/adapter.ts';
import type { Provider } from '../src/db/provider.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};
type EngineModule = { SchemaEngine: { new: (o: unknown, log: (s: string) => void, adapter: object) => Promise<Engine> } };

type WasmApi = {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loaded: Promise<EngineModule> | undefined;

/** Instantiates the wasm module once; its JS glue expects the bundler-style `import wasm`. */
function loadEngine(): Promise<EngineModule> {
  loaded ??= (async () => {
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = (await import(bgPath)) as Record<string, unknown> & { __wbg_set_wasm(exports: unknown): void };
    const bytes = readFileSync(join(dirname(bgPath), 'schema_engine_bg.wasm'));
    // @types/node does not declare the WebAssembly global; its shape here is small and known.
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { instance } = await wasm.instantiate(bytes, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg as unknown as EngineModule;
  })();
  return loaded;
}

export function schemaFile(provider: Provider) {
  const path = join(root, 'prisma', provider, 'schema.prisma');
  return { path, content: readFileSync(path, 'utf8') };
}

/**
 * SQL that would take the live database at `url` to the Prisma schema of its provider;
 * an empty string means the database is exactly what the client expects.
 */
export async function diffDatabaseToSchema(provider: Provider, url: string): Promise<string> {
  const { SchemaEngine } = await loadEngine();
  const file = schemaFile(provider);
  const adapter = bindMigrationAwareSqlAdapterFactory(provider === 'postgres' ? introspectablePg(url) : adapterFactoryFor(url));
  const engine = await SchemaEngine.new({ datamodels: [[file.path, file.content]] }, () => undefined, adapter);
  try {
    const result = await engine.diff({
      from: { tag: 'schemaDatasource', files: [file], configDir: dirname(file.path) },
      to: { tag: 'schemaDatamodel', files: [file] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return (result.stdout ?? '').replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  } finally {
    engine.free();
  }
}

/**
 * The pg driver adapter cannot decode PostgreSQL's internal one-byte `"char"` type, which the
 * engine's catalog queries return (pg_class.relkind ...). Those values are plain text, so the
 * pool reports them as text to the adapter. Only the schema engine needs this; the app never
 * reads such columns.
 */
function introspectablePg(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<pg.QueryResult>;
  (pool as unknown as { query: unknown }).query = async (...args: unknown[]) => {
    const result = await query(...args);
    for (const f of result.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return result;
  };
  return new PrismaPg(pool, { disposeExternalPool: true });
}
