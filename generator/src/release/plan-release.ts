import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bumpOf, type Change, compatible, nextVersion } from "../diff/change.js";
import { diffFiles } from "../diff/diff-files.js";
import type { Target } from "../generate.js";
import type { SpecBaselines } from "./baseline.js";
import { changelogEntry, withEntry } from "./changelog.js";
import { specInputs } from "./workspace-tasks.js";

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

/** Whether any file the package is made from differs from the baseline's (samples included). */
async function sourcesEdited(root: string, target: Target, baseline: string): Promise<boolean> {
  const files = target.spec ? await specInputs(root, target.spec) : (target.xsd ?? []);
  for (const file of files) {
    const [was, is] = await Promise.all([
      readFile(join(baseline, file), "utf8").catch(() => ""),
      readFile(join(root, file), "utf8").catch(() => ""),
    ]);
    if (was !== is) return true;
  }
  return false;
}

/** What a regenerated package becomes: its version, and its changelog with the new entry on top. */
export interface Release {
  version: string;
  changelog: string;
}

/**
 * The release of a package whose generated content changed, counted from the package as last committed:
 * that commit's version bumped as far as the spec's changes since then ask (a patch when only the
 * generator's output moved), and that commit's changelog with one entry for all of it. Counting from the
 * commit keeps repeated runs before a commit from bumping twice. A new package starts at 0.1.0.
 */
export async function planRelease(root: string, target: Target, current: string | undefined, baselines: SpecBaselines): Promise<Release> {
  const source = target.spec ?? "specs/xsd";
  const baseline = current === undefined ? undefined : await baselines.forPackage(target.out);
  const committed = (path: string) => (baseline ? baselines.fileAt(baseline.revision, join(target.out, path)) : undefined);
  const manifest = committed("package.json");
  const base = manifest ? (JSON.parse(manifest) as { version: string }).version : current;
  if (base === undefined)
    return { version: "0.1.0", changelog: withEntry(undefined, `## 0.1.0\n\nFirst version, generated from ${source}.\n`) };
  const changes = baseline ? await changesSince(root, target, baseline.dir) : [];
  const version = nextVersion(base, bumpOf(changes) ?? "patch");
  const edited = baseline ? await sourcesEdited(root, target, baseline.dir) : false;
  return { version, changelog: withEntry(committed("CHANGELOG.md"), changelogEntry(version, changes, source, edited)) };
}
