// Every ISO 20022 message schema found under the given folders, generated as `bankkit generate --xsd` would
// and type-checked under strict: the proof that any message of the catalogue makes a package. The schemas
// are not in this repository (hundreds of MB of published XSDs); point it at a copy, e.g. a snapshot of
// github.com/CodericBusiness/org.coderic.iso20022.messages or github.com/prog-nov/iso20022-struct-go:
//   npm run build && npx tsx scripts/xsd-catalogue-sweep.ts DIR...
// It prints how many generated, each failure, and tsc's verdict per batch of 120 packages.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { generateXmlPackage } from "../generator/src/generate-xml.js";
import { strictTscOutput } from "../generator/test/support/compile.js";

const root = join(import.meta.dirname, "..");
const out = join(root, "test-artifacts", "xsd-catalogue-sweep");
const message = /^[a-z]{4}\.\d{3}\.\d{3}\.\d{2}.*\.xsd$/;

function schemasUnder(dir: string, found: Map<string, string>): Map<string, string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) schemasUnder(path, found);
    else if (message.test(entry) && !found.has(entry)) found.set(entry, path);
  }
  return found;
}

const found = new Map<string, string>();
for (const dir of process.argv.slice(2)) schemasUnder(dir, found);
rmSync(out, { recursive: true, force: true });
const started = performance.now();
const generated: string[] = [];
for (const [name, path] of [...found].sort()) {
  try {
    const files = await generateXmlPackage(root, [path], { name: `@sweep/${name}`, standalone: true });
    const folder = basename(name, ".xsd");
    for (const [file, text] of files) {
      mkdirSync(dirname(join(out, folder, file)), { recursive: true });
      writeFileSync(join(out, folder, file), text);
    }
    generated.push(folder);
  } catch (error) {
    console.log(`${name}: ${String((error as Error).message).split("\n")[0]}`);
  }
}
console.log(`${generated.length}/${found.size} generated in ${Math.round(performance.now() - started)} ms`);

// One tsc per batch: all of them at once needs more memory than a laptop has.
for (let start = 0; start < generated.length; start += 120) {
  const batch = generated.slice(start, start + 120);
  const printed = strictTscOutput(
    out,
    batch.map((folder) => `${folder}/src/*.ts`),
  );
  const errors = (printed.match(/error TS/g) ?? []).length;
  console.log(`tsc ${batch[0]} … ${batch.at(-1)}: ${printed === "" ? "0 errors" : `${errors} errors\n${printed.slice(0, 2000)}`}`);
}
