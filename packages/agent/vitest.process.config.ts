import { defineConfig } from "vitest/config";

/** The scan mode's process tests only: the built agent binary against the built api. */
export default defineConfig({
  test: {
    include: ["test/scan/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
