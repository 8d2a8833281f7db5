/** What a change does to callers of the generated client (or producers of an XML message). */
export type Impact = "breaking" | "non-breaking";

/** How much a change asks of the package version: a breaking change, an addition, or wording. */
export type Bump = "major" | "minor" | "patch";

export interface Change {
  impact: Impact;
  /** The kind of change, such as `property-removed` or `enum-value-added`. */
  rule: string;
  /** What changed, in words a caller reads: `type changed from string to integer`. */
  message: string;
  /** JSON pointer of the changed place: in the new document, or in the old one for what was removed. */
  pointer: string;
  /** The operation (`POST /payments`, with its operationId) or XML message the change belongs to; absent for the document. */
  scope?: string;
  bump: Bump;
}

export function breaking(rule: string, message: string, pointer: string, scope?: string): Change {
  return { impact: "breaking", rule, message, pointer, bump: "major", ...(scope ? { scope } : {}) };
}

/** A change callers can ignore: an addition (minor) or wording (patch). */
export function compatible(rule: string, message: string, pointer: string, scope?: string, bump: Bump = "minor"): Change {
  return { impact: "non-breaking", rule, message, pointer, bump, ...(scope ? { scope } : {}) };
}

/** The largest bump the changes ask for; undefined when nothing changed. */
export function bumpOf(changes: readonly Change[]): Bump | undefined {
  if (changes.some((c) => c.bump === "major")) return "major";
  if (changes.some((c) => c.bump === "minor")) return "minor";
  return changes.length > 0 ? "patch" : undefined;
}

/**
 * The version after a bump. Below 1.0.0 a breaking change moves the minor number and anything else the patch
 * number (semver leaves 0.x open; this is npm's caret convention, so `^0.1.0` users do not get it by accident).
 */
export function nextVersion(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split("-")[0]!.split(".").map(Number);
  if (major === 0) return bump === "major" ? `0.${minor + 1}.0` : `0.${minor}.${patch + 1}`;
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}
