import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePackage, writePackage } from "../src/generate.js";
import { syntheticSpec } from "./support/synthetic-spec.js";

// Inside the repository (git-ignored), so that the package resolves @bankkit/runtime like a workspace would.
const out = join(import.meta.dirname, ".out");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

describe("a large synthetic document (1,000 operations)", () => {
  it("generates a package that compiles under strict", { timeout: 300_000 }, async () => {
    mkdirSync(out, { recursive: true });
    const spec = join(out, "synthetic.json");
    writeFileSync(spec, JSON.stringify(syntheticSpec(200)));
    const files = await generatePackage({ spec, out: join(out, "synthetic") });
    expect(files.get("src/client.ts")?.match(/^ {2}\w+\(input/gm)).toHaveLength(1000);
    await writePackage(join(out, "synthetic"), files);
    const config = { extends: "../../../tsconfig.base.json", compilerOptions: { noEmit: true }, include: ["synthetic/src"] };
    writeFileSync(join(out, "tsconfig.json"), JSON.stringify(config));
    // Throws with tsc's diagnostics when the output does not compile.
    execFileSync(process.execPath, [tsc, "-p", join(out, "tsconfig.json")], { stdio: "pipe" });
  });
});
