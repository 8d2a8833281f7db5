#!/usr/bin/env node
// Runs the built generator (dist/, from `npm run build`) when it is at least as new as every source file; else
// the TypeScript sources through tsx, so `npx bankkit` works right after `npm ci` and never runs stale code.
import { readdirSync, statSync } from "node:fs";

const dist = new URL("../dist/cli.js", import.meta.url);
const src = new URL("../src/", import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = new URL(entry.isDirectory() ? `${entry.name}/` : entry.name, dir);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function builtIsFresh() {
  try {
    return statSync(dist).mtimeMs >= newestSource(src);
  } catch {
    return false;
  }
}

try {
  let cli;
  if (builtIsFresh()) cli = await import(dist.href);
  else {
    const { register } = await import("tsx/esm/api");
    register();
    cli = await import("../src/cli.ts");
  }
  process.exitCode = await cli.main(process.argv.slice(2));
} catch (error) {
  // main reports every failure itself; this is the last guard, for one that escaped it (a broken install).
  console.error(`bankkit: ${String(error instanceof Error ? error.message : error).split("\n")[0]}`);
  if (process.env.BANKKIT_DEBUG) console.error(error);
  process.exitCode = 1;
}
