import { readdir, readFile } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { Target } from "./generate.js";
import { repositoryXsdFiles } from "./generate-xml.js";

/** Every OpenAPI document in specs/openapi (a YAML or JSON file with a top-level `openapi` key). */
export async function repositoryTargets(root: string): Promise<Target[]> {
  const dir = join(root, "specs", "openapi");
  const targets: Target[] = [];
  for (const file of (await readdir(dir)).sort()) {
    if (![".yaml", ".yml", ".json"].includes(extname(file))) continue;
    const text = await readFile(join(dir, file), "utf8");
    if (!/^["']?openapi["']?\s*:/m.test(text)) continue;
    const name = basename(file, extname(file));
    targets.push({ spec: join("specs", "openapi", file), out: join("generated", name), name });
  }
  const xsd = await repositoryXsdFiles(root);
  if (xsd.length > 0) targets.push({ xsd, out: join("generated", "iso20022"), name: "iso20022" });
  return targets;
}
