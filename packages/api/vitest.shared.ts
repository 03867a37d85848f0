import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

/** One vitest setup for every tier; each tier picks its files. */
export function vitestConfig(include: string[]) {
  return defineConfig({
    resolve: {
      // Node resolves `graphql` to its CommonJS entry (the package has no exports map); Vite would
      // pick the .mjs "module" entry, giving two graphql instances in one process. Use Node's choice.
      alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
    },
    test: {
      include,
      // Integration suites each start a server on their own database; keep a few in parallel.
      pool: "forks",
      maxWorkers: 2,
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  });
}
