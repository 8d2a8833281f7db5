#!/usr/bin/env node
// Runs the generator's TypeScript sources directly (through tsx), so `npx bankkit` works right after `npm ci`.
import { register } from "tsx/esm/api";

register();
try {
  const { main } = await import("../src/cli.ts");
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // main reports every failure itself; this is the last guard, for one that escaped it (a broken install).
  console.error(`bankkit: ${String(error instanceof Error ? error.message : error).split("\n")[0]}`);
  if (process.env.BANKKIT_DEBUG) console.error(error);
  process.exitCode = 1;
}
