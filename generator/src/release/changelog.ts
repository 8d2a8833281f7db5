import type { Change } from "../diff/change.js";

const title = "# Changelog\n\nWritten by `npm run generate` when the package's content changes: what changed for callers.\n";

/** One release's entry: breaking changes, additions, then the rest, each with the operation and pointer. */
export function changelogEntry(version: string, changes: readonly Change[], source: string, sourceEdited = false): string {
  // A change in a shared component reaches several operations: one line, naming them all.
  const lines = (list: Change[]) => {
    const grouped = new Map<string, { change: Change; scopes: string[] }>();
    for (const change of list) {
      const key = `${change.message}\u0000${change.pointer}`;
      const entry = grouped.get(key) ?? { change, scopes: [] };
      if (change.scope) entry.scopes.push(change.scope);
      grouped.set(key, entry);
    }
    return [...grouped.values()].map(
      ({ change, scopes }) => `- ${scopes.length > 0 ? `${scopes.join("; ")}: ` : ""}${change.message} (\`${change.pointer}\`)`,
    );
  };
  const sections: [string, Change[]][] = [
    ["Breaking for callers", changes.filter((c) => c.impact === "breaking")],
    ["Added", changes.filter((c) => c.impact === "non-breaking" && c.bump === "minor")],
    ["Changed", changes.filter((c) => c.impact === "non-breaking" && c.bump === "patch")],
  ];
  const body = sections
    .filter(([, list]) => list.length > 0)
    .map(([heading, list]) => `### ${heading}\n\n${lines(list).join("\n")}`)
    .join("\n\n");
  const quiet = sourceEdited
    ? `${source} changed in ways that do not reach callers (wording, samples); regenerated.`
    : `Regenerated: the generator's output changed; ${source} did not.`;
  return `## ${version}\n\n${body || quiet}\n`;
}

/** A changelog with an entry on top (a new one when there was none). */
export function withEntry(changelog: string | undefined, entry: string): string {
  const rest = (changelog ?? title).replace(title, "").trim();
  return `${title}\n${entry}${rest ? `\n${rest}\n` : ""}`;
}
