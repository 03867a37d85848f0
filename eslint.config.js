import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/** One type-aware configuration for every package; run per package with `pnpm lint`. */
export default defineConfig(
  globalIgnores([
    "**/dist/**",
    "**/node_modules/**",
    "**/src/generated/**",
    "**/src/gql/**",
    "**/coverage/**",
    "e2e/artifacts/**",
    "**/*.config.*",
    "**/vitest.*.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings in env.ts only." },
      ],
    },
  },
  {
    files: ["**/env.ts", "**/test/**", "**/*.test.ts", "**/*.test.tsx", "**/scripts/**", "e2e/**", "bench/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["**/test/**", "**/*.test.ts", "**/*.test.tsx", "e2e/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
