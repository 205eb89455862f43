#!/usr/bin/env node
// Generates the Prisma client (apps/api/src/generated/prisma) without network access.
// Prisma 7's CLI insists on locating a native schema engine before any command, and downloads
// one when it is missing; `generate` itself only uses bundled WASM. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the lookup, so an air-gapped
// install works. A real engine, when the caller provides one, is respected.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const result = spawnSync(process.execPath, [join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (result.status !== 0) {
  console.error('prisma generate failed: see the output above. Is `npm install` complete?');
  process.exit(result.status ?? 1);
}
