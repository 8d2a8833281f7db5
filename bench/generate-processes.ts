/**
 * `bankkit generate --spec` against `openapi-typescript` and hey-api (`@hey-api/openapi-ts` 0.95, the last
 * release that runs on Node 20) as whole processes (start-up included), on the real documents of test/corpus:
 * the three run in turn, `runs` times each, and the medians are compared. Also the output sizes
 * (validators.js beside schema.ts) and `bankkit --help`.
 * Run: npx tsx bench/generate-processes.ts [runs]   (part of npm run bench)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";

const runs = Number(process.argv[2] ?? 5);
const out = resolve("bench/out/processes");
mkdirSync(out, { recursive: true });
const documents = readdirSync("test/corpus/documents")
  .map((file) => join("test/corpus/documents", file))
  .sort((a, b) => statSync(b).size - statSync(a).size);
const bankkit = (spec: string) => ["generator/bin/bankkit.js", "generate", "--spec", spec, "--out", join(out, basename(spec, ".json"))];
const openapiTypescript = (spec: string) => [
  "node_modules/openapi-typescript/bin/cli.js",
  spec,
  "-o",
  join(out, `${basename(spec, ".json")}.ts`),
];
const heyApi = (spec: string) => [
  "node_modules/@hey-api/openapi-ts/bin/run.js",
  "-i",
  spec,
  "-o",
  join(out, `${basename(spec, ".json")}-hey-api`),
];

function timed(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { stdio: "pipe" });
  return performance.now() - started;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (path: string) => `${Math.round(statSync(path).size / 1024)} KB`;

console.log(`Generation as processes, median of ${runs} alternating runs each (start-up included):`);
const ratios: number[] = [];
for (const spec of documents) {
  const ours: number[] = [];
  const theirs: number[] = [];
  const hey: number[] = [];
  for (const tool of [bankkit, openapiTypescript, heyApi]) timed(tool(spec));
  for (let i = 0; i < runs; i++) {
    ours.push(timed(bankkit(spec)));
    theirs.push(timed(openapiTypescript(spec)));
    hey.push(timed(heyApi(spec)));
  }
  const ratio = median(ours) / median(theirs);
  ratios.push(ratio);
  const pkg = join(out, basename(spec, ".json"));
  const ms = (values: number[]) => `${median(values).toFixed(0).padStart(5)} ms`;
  console.log(
    `  ${basename(spec).padEnd(48)} ${kb(spec).padStart(8)}  bankkit ${ms(ours)}  openapi-typescript ${ms(theirs)} (${ratio.toFixed(2)}×)  hey-api ${ms(hey)} (${(median(ours) / median(hey)).toFixed(2)}×)  validators.js ${kb(join(pkg, "validators.js"))}, schema.ts ${kb(join(pkg, "src/schema.ts"))}`,
  );
}
console.log(`  median ratio ${median(ratios).toFixed(2)}× (goal ≤ 1.3× on documents of 1 MB and more)`);
const help: number[] = [];
for (let i = 0; i < runs; i++) help.push(timed(["generator/bin/bankkit.js", "--help"]));
console.log(`  bankkit --help: ${median(help).toFixed(0)} ms (goal ≤ 500 ms)`);
