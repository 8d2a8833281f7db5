import { existsSync } from "node:fs";
import { join } from "node:path";
import { bumpOf, type Change, compatible, nextVersion } from "../diff/change.js";
import { diffFiles } from "../diff/diff-cli.js";
import type { Target } from "../generate.js";
import type { SpecBaselines } from "./baseline.js";
import { changelogEntry } from "./changelog.js";

/** The changes of a package's sources since its baseline: the spec, or each XSD of the XML package. */
async function changesSince(root: string, target: Target, baseline: string): Promise<Change[]> {
  const sources = target.spec ? [target.spec] : (target.xsd ?? []);
  const changes: Change[] = [];
  for (const source of sources) {
    const old = join(baseline, source);
    if (existsSync(old)) changes.push(...(await diffFiles(old, join(root, source))));
    else changes.push(compatible("schema-added", `${source} added`, "#", undefined));
  }
  return changes;
}

/**
 * The version and changelog entry of a package whose generated content changed: the bump its spec's changes
 * ask for since the package was last committed (a patch when only the generator's output moved); 0.1.0 for a
 * new package.
 */
export async function planRelease(
  root: string,
  target: Target,
  current: string | undefined,
  baselines: SpecBaselines,
): Promise<{ version: string; entry: string }> {
  const source = target.spec ?? "specs/xsd";
  if (current === undefined) return { version: "0.1.0", entry: `## 0.1.0\n\nFirst version, generated from ${source}.\n` };
  const baseline = await baselines.forPackage(target.out);
  const changes = baseline ? await changesSince(root, target, baseline.dir) : [];
  const version = nextVersion(current, bumpOf(changes) ?? "patch");
  return { version, entry: changelogEntry(version, changes, source) };
}
