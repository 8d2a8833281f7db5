/**
 * `bankkit generate --spec` against `openapi-typescript` and hey-api (`@hey-api/openapi-ts` 0.95, the last
 * release that runs on Node 20) as whole processes (start-up included), on the real documents of test/corpus
 * and the large ones of bench/documents (Stripe 2020, 3 MB; DigitalOcean, 1.7 MB in 2,034 YAML files;
 * GitHub Enterprise 3.6, 0.9 MB — SOURCES.md there): the three run in turn, `runs` times each, and the
 * medians are compared. Also the output sizes (validators.js beside schema.ts) and `bankkit --help`.
 * Run: npx tsx bench/generate-processes.ts [runs]   (part of npm run bench; after npm run build)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";

const runs = Number(process.argv[2] ?? 5);
const out = resolve("bench/out/processes");
const unpacked = resolve("bench/out/documents");
mkdirSync(out, { recursive: true });
mkdirSync(unpacked, { recursive: true });

/** The large documents, unpacked: a gzipped JSON file each, and DigitalOcean's tree of YAML files. */
function largeDocuments(): { spec: string; bytes: number }[] {
  const found: { spec: string; bytes: number }[] = [];
  for (const file of readdirSync("bench/documents").filter((name) => name.endsWith(".json.gz"))) {
    const spec = join(unpacked, file.replace(/\.gz$/, ""));
    writeFileSync(spec, gunzipSync(readFileSync(join("bench/documents", file))));
    found.push({ spec, bytes: statSync(spec).size });
  }
  execFileSync("tar", ["-xzf", "bench/documents/digitalocean-api.tar.gz", "-C", unpacked]);
  const root = join(unpacked, "packages/openapi-typescript/examples/digital-ocean-api");
  found.push({ spec: join(root, "DigitalOcean-public.v2.yaml"), bytes: treeBytes(root) });
  return found;
}
const treeBytes = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? treeBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size),
    0,
  );

const documents = [
  ...largeDocuments(),
  ...readdirSync("test/corpus/documents").map((file) => ({
    spec: join("test/corpus/documents", file),
    bytes: statSync(join("test/corpus/documents", file)).size,
  })),
].sort((a, b) => b.bytes - a.bytes);
const idOf = (spec: string) => basename(spec).replace(/\.(json|ya?ml)$/, "");
const bankkit = (spec: string) => ["generator/bin/bankkit.js", "generate", "--spec", spec, "--out", join(out, idOf(spec))];
const openapiTypescript = (spec: string) => ["node_modules/openapi-typescript/bin/cli.js", spec, "-o", join(out, `${idOf(spec)}.ts`)];
// --no-log-file: a failing run otherwise writes openapi-ts-error-*.log into the repository root.
const heyApi = (spec: string) => [
  "node_modules/@hey-api/openapi-ts/bin/run.js",
  "--no-log-file",
  "-i",
  spec,
  "-o",
  join(out, `${idOf(spec)}-hey-api`),
];

/** Milliseconds the process took, or undefined when it failed (a tool that refuses the document). */
function timed(args: string[]): number | undefined {
  const started = performance.now();
  try {
    execFileSync(process.execPath, args, { stdio: "pipe" });
  } catch {
    return undefined;
  }
  return performance.now() - started;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const size = (path: string) => kb(statSync(path).size);

console.log(`Generation as processes, median of ${runs} alternating runs each (start-up included):`);
const large: number[] = [];
const all: number[] = [];
for (const { spec, bytes } of documents) {
  const tools = { bankkit, openapiTypescript, heyApi };
  const times = { bankkit: [] as number[], openapiTypescript: [] as number[], heyApi: [] as number[] };
  const failed = new Set<string>();
  for (const tool of Object.values(tools)) timed(tool(spec));
  for (let i = 0; i < runs; i++)
    for (const [name, tool] of Object.entries(tools)) {
      const ms = timed(tool(spec));
      if (ms === undefined) failed.add(name);
      else times[name as keyof typeof times].push(ms);
    }
  const shown = (name: keyof typeof times) => (failed.has(name) ? "failed" : `${median(times[name]).toFixed(0)} ms`);
  const ratio = (name: keyof typeof times) =>
    failed.has(name) || failed.has("bankkit") ? "—" : `${(median(times.bankkit) / median(times[name])).toFixed(2)}×`;
  if (!failed.has("bankkit") && !failed.has("openapiTypescript")) {
    const r = median(times.bankkit) / median(times.openapiTypescript);
    all.push(r);
    if (bytes >= 1_000_000) large.push(r);
  }
  const pkg = join(out, idOf(spec));
  console.log(
    `  ${idOf(spec).padEnd(42)} ${kb(bytes).padStart(8)}  bankkit ${shown("bankkit").padStart(8)}  openapi-typescript ${shown("openapiTypescript").padStart(8)} (${ratio("openapiTypescript")})  hey-api ${shown("heyApi").padStart(8)} (${ratio("heyApi")})  validators.js ${size(join(pkg, "validators.js"))}, schema.ts ${size(join(pkg, "src/schema.ts"))}`,
  );
}
console.log(
  `  median ratio to openapi-typescript: ${median(large).toFixed(2)}× on documents of 1 MB and more (goal ≤ 1.3×), ${median(all).toFixed(2)}× on all`,
);
const help: number[] = [];
for (let i = 0; i < runs; i++) help.push(timed(["generator/bin/bankkit.js", "--help"])!);
console.log(`  bankkit --help: ${median(help).toFixed(0)} ms (goal ≤ 500 ms)`);
