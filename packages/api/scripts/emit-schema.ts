import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { printBulwarkSchema } from "../src/graphql/schema.js";

/** Writes packages/api/schema.graphql (or checks it with --check). */
const here = path.dirname(fileURLToPath(import.meta.url));
const target = [path.resolve(here, "../schema.graphql"), path.resolve(here, "../../schema.graphql")].find((p) =>
  fs.existsSync(path.dirname(p) + "/package.json"),
)!;
const printed = await printBulwarkSchema();
if (process.argv.includes("--check")) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (current !== printed) {
    console.error(`${target} is stale: run \`pnpm --filter @bulwark/api build\` and commit it.`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, printed);
}
