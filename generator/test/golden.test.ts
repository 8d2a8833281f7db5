import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePackage } from "../src/generate.js";

const fixtures = join(import.meta.dirname, "fixtures");
const golden = join(import.meta.dirname, "golden");

async function filesOf(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesOf(path, base)));
    else out.push(path.slice(base.length + 1));
  }
  return out.sort();
}

// Golden folders are type-checked by `npm run typecheck` (generator/test/golden/tsconfig.json).
// After an intended change: npx bankkit generate --spec generator/test/fixtures/<name>.yaml --out generator/test/golden/<name>
describe.each(["petstore-30", "events-31", "payments-31"])("golden output of the %s fixture", (name) => {
  const target = { spec: join(fixtures, `${name}.yaml`), out: join(golden, name) };
  // Golden folders are made the way a user makes a package: outside the workspace, building on their own.
  const generate = () => generatePackage(target, { standalone: true });

  it("matches the committed golden folder file by file", async () => {
    const files = await generate();
    expect([...files.keys()].sort()).toEqual(await filesOf(target.out));
    for (const [path, content] of files) expect(content, path).toBe(await readFile(join(target.out, path), "utf8"));
  });

  it("is deterministic: two runs give identical bytes", async () => {
    const [first, second] = [await generate(), await generate()];
    expect([...second]).toEqual([...first]);
  });
});
