#!/usr/bin/env node
import { parseArgs, USAGE, VERSION } from "./cli.js";

const parsed = parseArgs(process.argv.slice(2));
switch (parsed.kind) {
  case "help":
    process.stdout.write(USAGE);
    break;
  case "version":
    process.stdout.write(`${VERSION}\n`);
    break;
  case "mode":
    process.stderr.write(`bulwark-agent: the ${parsed.mode} mode is not available in this version\n`);
    process.exitCode = 2;
    break;
  case "error":
    process.stderr.write(`bulwark-agent: ${parsed.message}\n\n${USAGE}`);
    process.exitCode = 2;
    break;
}
