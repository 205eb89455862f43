import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) side by side without an exports map: Node
    // loads the CJS one for yoga, Vite would pick the ESM one for our sources, and graphql
    // refuses objects from "another module or realm". One copy for everyone.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    reporters: ['default', './support/summary-reporter.ts'],
    // Each file starts its own API on a free port; files run in parallel on separate ports.
    // Generous: on a loaded 2-core CI machine starting an API and signing up a few accounts
    // (password hashing) took over a minute; a passing test never waits for these.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'integration', include: ['integration/**/*.test.ts'] },
      },
      {
        extends: true,
        // A browser test types hundreds of keys: under load the table of contents test took 177 s.
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 300_000 },
      },
    ],
  },
});
