import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Change } from "../diff/change.js";

const title = "# Changelog\n\nWritten by `npm run generate` when the package's content changes: what changed for callers.\n";

/** One release's entry: breaking changes, additions, then the rest, each with the operation and pointer. */
export function changelogEntry(version: string, changes: readonly Change[], source: string): string {
  const line = (c: Change) => `- ${c.scope ? `${c.scope}: ` : ""}${c.message} (\`${c.pointer}\`)`;
  const sections: [string, Change[]][] = [
    ["Breaking for callers", changes.filter((c) => c.impact === "breaking")],
    ["Added", changes.filter((c) => c.impact === "non-breaking" && c.bump === "minor")],
    ["Changed", changes.filter((c) => c.impact === "non-breaking" && c.bump === "patch")],
  ];
  const body = sections
    .filter(([, list]) => list.length > 0)
    .map(([heading, list]) => `### ${heading}\n\n${list.map(line).join("\n")}`)
    .join("\n\n");
  return `## ${version}\n\n${body || `Regenerated: the generator's output changed; ${source} did not.`}\n`;
}

/** Puts an entry at the top of the package's CHANGELOG.md (created when missing). */
export async function prependChangelog(packageDir: string, entry: string): Promise<void> {
  const path = join(packageDir, "CHANGELOG.md");
  const current = await readFile(path, "utf8").catch(() => title);
  const rest = current.startsWith(title) ? current.slice(title.length) : current;
  await writeFile(path, `${title}\n${entry}${rest ? `\n${rest.replace(/^\n+/, "")}` : ""}`);
}
