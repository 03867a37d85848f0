#!/usr/bin/env node
// `npm start` and `npm test` on a fresh clone, where only Node.js and npm are installed:
// fetch the pinned pnpm through npm when it is missing, install from the lockfile, build, then
// start the platform on the embedded database, or run every test that needs no outside service.
// `node scripts/bulwark.mjs pnpm <args>` runs the pinned pnpm itself.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const pnpmVersion = pkg.packageManager.replace(/^pnpm@/, "");
const command = process.argv[2];

function fail(message) {
  console.error(`\nbulwark: ${message}`);
  process.exit(1);
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Node.js ${process.versions.node} is too old; Bulwark needs Node.js 20.19 or newer.`);
}
if (!["start", "test", "pnpm"].includes(command)) fail("usage: node scripts/bulwark.mjs start|test|pnpm <args…>");

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  DO_NOT_TRACK: "1",
  CI: process.env.CI ?? "",
};

/** The pinned pnpm: the one on PATH when it matches, otherwise fetched once through npm. */
function pnpmCommand() {
  const found = spawnSync("pnpm", ["--version"], { encoding: "utf8", env });
  if (found.status === 0 && found.stdout.trim() === pnpmVersion) return ["pnpm", []];
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  return [npm, ["exec", "--yes", `--package=pnpm@${pnpmVersion}`, "--", "pnpm"]];
}

function step(title, args) {
  const [bin, prefix] = pnpm;
  console.log(`\n▸ ${title}`);
  const result = spawnSync(bin, [...prefix, ...args], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) fail(`${title} failed (exit ${result.status ?? result.signal}).`);
}

const pnpm = pnpmCommand();

if (command === "pnpm") {
  // Runs the pinned pnpm with the given arguments (used by .ci/run).
  const [bin, prefix] = pnpm;
  const result = spawnSync(bin, [...prefix, ...process.argv.slice(3)], { cwd: process.cwd(), stdio: "inherit", env });
  process.exit(result.status ?? 1);
}

step(`Installing dependencies (pnpm ${pnpmVersion}, frozen lockfile)`, ["install", "--frozen-lockfile"]);

if (command === "test") {
  step("Building", ["exec", "turbo", "run", "build"]);
  step("Running unit and integration tests (embedded database)", ["exec", "turbo", "run", "test", "--concurrency=1"]);
  console.log("\nAll tests passed.");
  process.exit(0);
}

step("Building", ["exec", "turbo", "run", "build", "--filter=@bulwark/api", "--filter=@bulwark/web"]);
console.log("\n▸ Starting Bulwark (embedded database unless DATABASE_URL is set)");
// A larger young generation: the api allocates per request and per live event, and most of it dies
// young; with V8's default (16 MiB) the Falco ingest path spends a noticeable share of its time in GC.
const API_NODE_FLAGS = ["--max-semi-space-size=64"];
const child = spawn(process.execPath, [...API_NODE_FLAGS, path.join(root, "packages/api/dist/src/main.js")], {
  cwd: root,
  stdio: "inherit",
  env: { ...env, BULWARK_LOG_PRETTY: process.env.BULWARK_LOG_PRETTY ?? "true" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
