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

/** A changelog with an entry on top (a new one when there was none). */
export function withEntry(changelog: string | undefined, entry: string): string {
  const rest = (changelog ?? title).replace(title, "").replace(/^\n+/, "");
  return `${title}\n${entry}${rest ? `\n${rest}` : ""}`;
}
