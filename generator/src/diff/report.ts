import { type Bump, bumpOf, type Change, nextVersion } from "./change.js";

/** The changes of one spec or schema, and what they mean for its generated package's version. */
export interface DiffReport {
  old: string;
  new: string;
  changes: Change[];
  bump?: Bump;
  package?: { name: string; version: string; next?: string };
}

export function makeReport(old: string, next: string, changes: Change[], pkg?: { name: string; version: string }): DiffReport {
  const bump = bumpOf(changes);
  return {
    old,
    new: next,
    changes,
    ...(bump ? { bump } : {}),
    ...(pkg ? { package: { ...pkg, ...(bump ? { next: nextVersion(pkg.version, bump) } : {}) } } : {}),
  };
}

// Below 1.0 an addition moves the patch number: the report names the kind of change, not a semver level.
const kinds = { major: "breaking", minor: "additions", patch: "wording" } as const;

/** The report as a reader wants it: a headline per spec, then the changes by operation, breaking first. */
export function formatReport(report: DiffReport): string {
  const breaking = report.changes.filter((c) => c.impact === "breaking");
  const compatible = report.changes.filter((c) => c.impact === "non-breaking");
  const suggestion = report.package
    ? report.package.next
      ? ` — ${report.package.name} ${report.package.version} → ${report.package.next} (${kinds[report.bump!]})`
      : ` — ${report.package.name} ${report.package.version} unchanged`
    : report.bump
      ? ` — ${kinds[report.bump]}`
      : "";
  const lines = [`${report.new}: ${breaking.length} breaking, ${compatible.length} non-breaking${suggestion}`];
  for (const [title, changes] of [
    ["breaking", breaking],
    ["non-breaking", compatible],
  ] as const) {
    if (changes.length === 0) continue;
    lines.push(`  ${title}:`);
    const byScope = new Map<string, Change[]>();
    for (const change of changes) byScope.set(change.scope ?? "(document)", [...(byScope.get(change.scope ?? "(document)") ?? []), change]);
    for (const [scope, list] of byScope) {
      lines.push(`    ${scope}`);
      for (const change of list) lines.push(`      ${change.message}  [${change.rule}]  ${change.pointer}`);
    }
  }
  return lines.join("\n");
}
