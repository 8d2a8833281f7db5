import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildIr } from "../../src/openapi/build-ir.js";
import { loadSpec } from "../../src/openapi/load.js";
import { runPasses } from "../../src/passes/index.js";

/** Writes a document to a temporary file and returns its path: the generator reads specs from files. */
export function specFile(document: unknown, name = "spec.json"): string {
  const path = join(mkdtempSync(join(tmpdir(), "bankkit-")), name);
  writeFileSync(path, typeof document === "string" ? document : JSON.stringify(document));
  return path;
}

/** The IR after every pass, for a document given inline. */
export async function irOf(document: unknown) {
  const path = specFile(document);
  return runPasses(buildIr(await loadSpec(path), path, "test-api"));
}

/** A minimal valid 3.1 document with the given paths (and extra top-level fields). */
export function doc(paths: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { openapi: "3.1.0", info: { title: "T", version: "1" }, paths, ...extra };
}
