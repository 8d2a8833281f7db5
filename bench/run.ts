/**
 * Code-generation benchmark: bankkit's whole pipeline against openapi-typescript alone, on the same spec,
 * in the same process, after one warm-up run of each, and as whole processes on real documents
 * (bench/generate-processes.ts); a no-op regeneration; the per-call overhead of a generated client against
 * raw fetch, openapi-fetch and undici's dispatcher (bench/request-overhead.ts); typed XML reading and writing against
 * raw fast-xml-parser (bench/xml.ts); signed Bank 131 preparations against raw crypto.sign (bench/signing.ts);
 * bank JWTs and DCM token verification against raw jose (bench/jwt.ts); a generated server's valid throughput
 * with and without anonymous deep-JSON senders and slowloris sockets (bench/served-under-attack.ts).
 * Run: npm run bench   (or: npx tsx bench/run.ts [iterations])
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { generatePackage, staleFiles } from "../generator/src/generate.ts";
import { syntheticSpec } from "../generator/test/support/synthetic-spec.ts";

const iterations = Number(process.argv[2] ?? 5);
const out = resolve("bench/out");
mkdirSync(out, { recursive: true });
const synthetic = join(out, "synthetic-1000.json");
writeFileSync(synthetic, JSON.stringify(syntheticSpec(200)));

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const specs = [
  { name: "pc-server (43 operations)", spec: "specs/openapi/pc-server.yaml", out: "generated/pc-server" },
  { name: "pc-server-signer (10 operations)", spec: "specs/openapi/pc-server-signer.yaml", out: "generated/pc-server-signer" },
  { name: "synthetic (1,000 operations)", spec: synthetic, out: join(out, "synthetic") },
];

const rows: string[][] = [];
for (const { name, spec, out: target } of specs) {
  const baseline = await median(async () => astToString(await openapiTS(pathToFileURL(resolve(spec)), { silent: true })));
  const bankkit = await median(() => generatePackage({ spec, out: target }));
  rows.push([name, `${baseline.toFixed(0)} ms`, `${bankkit.toFixed(0)} ms`, `${(bankkit / baseline).toFixed(2)}×`]);
}

// A no-op regeneration: generate in memory, compare with generated/, write nothing.
const noop = await median(async () => {
  for (const { spec, out: target } of specs.slice(0, 2)) await staleFiles(target, await generatePackage({ spec, out: target }));
});
const cliStarted = performance.now();
execFileSync(process.execPath, ["generator/bin/bankkit.js", "generate", "--check"], { stdio: "pipe" });
const cli = performance.now() - cliStarted;

const width = rows.reduce((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), [] as number[]);
const header = ["spec", "openapi-typescript alone", "bankkit generate", "ratio"];
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(Math.max(width[i] ?? 0, header[i]!.length))).join("  ");
console.log(`Code generation, median of ${iterations} runs after a warm-up (node ${process.version}, ${cpus().length} cores)`);
console.log(line(header));
for (const row of rows) console.log(line(row));
console.log(`No-op regeneration of the PC packages (generate + compare, nothing written): ${noop.toFixed(0)} ms in process`);
console.log(`\`bankkit generate --check\` as a fresh process (start-up included): ${cli.toFixed(0)} ms`);
// In a fresh process: the code-generation runs above leave a heap and JIT state that skew microseconds.
const tsx = join(resolve("node_modules"), ".bin", "tsx");
process.stdout.write(execFileSync(tsx, ["bench/generate-processes.ts"], { encoding: "utf8" }));
process.stdout.write(execFileSync(tsx, ["bench/request-overhead.ts"], { encoding: "utf8" }));
process.stdout.write(execFileSync(tsx, ["bench/xml.ts"], { encoding: "utf8" }));
process.stdout.write(execFileSync(tsx, ["bench/signing.ts"], { encoding: "utf8" }));
process.stdout.write(execFileSync(tsx, ["bench/jwt.ts"], { encoding: "utf8" }));
process.stdout.write(execFileSync(tsx, ["bench/served-under-attack.ts"], { encoding: "utf8" }));
console.log("Reproduce: npm run bench   (npx tsx bench/run.ts <iterations>)");
