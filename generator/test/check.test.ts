import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generatePackage, staleFiles, writePackage } from "../src/generate.js";

const spec = join(import.meta.dirname, "fixtures", "events-31.yaml");

describe("bankkit generate --check", () => {
  it("finds edited, missing and left-over files, and nothing once regenerated", async () => {
    const out = mkdtempSync(join(tmpdir(), "bankkit-check-"));
    const files = await generatePackage({ spec, out });
    await writePackage(out, files);
    expect(await staleFiles(out, files)).toEqual([]);

    writeFileSync(join(out, "src/client.ts"), `${readFileSync(join(out, "src/client.ts"), "utf8")}// hand edit\n`);
    rmSync(join(out, "src/callbacks.ts"));
    writeFileSync(join(out, "src/extra.ts"), "export {};\n");
    expect((await staleFiles(out, files)).sort()).toEqual(["src/callbacks.ts", "src/client.ts", "src/extra.ts"]);

    await writePackage(out, files);
    expect(await staleFiles(out, files)).toEqual([]);
  });

  it("records the spec's content hash in every source file's header", async () => {
    const files = await generatePackage({ spec, out: "unused" });
    const hash = /spec sha256: ([0-9a-f]{64})/.exec(files.get("src/client.ts") ?? "")?.[1];
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const [path, content] of files)
      if (path.endsWith(".ts") || path.endsWith(".js")) expect(content, path).toMatch(/^\/\/ DO NOT EDIT/);
    expect(JSON.parse(files.get("package.json")!).bankkit.sha256).toBe(hash);
  });
});
