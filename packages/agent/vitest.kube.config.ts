import { defineConfig } from "vitest/config";

/**
 * The kube tier: tests against a real kube-apiserver (KUBECONFIG). CI's kube tier starts one with
 * ../shared/tools/kube/ensure-kube.sh; without KUBECONFIG these tests fail rather than skip.
 */
export default defineConfig({
  test: {
    include: ["test/kube/**/*.test.ts"],
    // one apiserver, one webhook configuration at a time
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
