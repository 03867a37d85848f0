import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/**
 * Unit tests beside the code, and the scan mode's process tests (test/scan: the built agent against
 * the built api, no outside service). The kube tier (test/kube) has its own configuration.
 */
export default defineConfig({
  resolve: {
    // Node resolves `graphql` to its CommonJS entry; Vite would pick the .mjs one, giving two graphql
    // instances in one process (graphql-ws's server would not recognise the schema). Use Node's choice.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["src/**/*.test.ts", "test/scan/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 120_000,
  },
});
