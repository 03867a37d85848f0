import type { CodegenConfig } from "@graphql-codegen/cli";

/** Typed documents for every `graphql()` call in src, generated from the API's committed schema. */
const config: CodegenConfig = {
  schema: "../api/schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "./src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        defaultScalarType: "unknown",
        scalars: { DateTimeISO: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
