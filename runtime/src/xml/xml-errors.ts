import type { XmlViolation } from "./validate-xml-model.js";

// The XML errors live apart from the parser so the HTTP core can recognise them without loading
// fast-xml-parser: an app that sends no XML does not install it.

/** Why a document was refused before or while parsing. */
export type XmlRefusal = "size" | "doctype" | "entity" | "depth" | "count" | "well-formed" | "name";

export class XmlError extends Error {
  readonly rule: XmlRefusal;
  constructor(rule: XmlRefusal, message: string) {
    super(message);
    this.name = "XmlError";
    this.rule = rule;
  }
}

/** A message that breaks its model: every violation, each with its path and rule (never the value). */
export class XmlMessageError extends Error {
  readonly violations: readonly XmlViolation[];
  constructor(what: string, violations: readonly XmlViolation[]) {
    const listed = violations.slice(0, 5).map((v) => `${v.path} ${v.rule}`);
    if (violations.length > 5) listed.push(`and ${violations.length - 5} more`);
    super(`${what}: ${listed.join("; ")}`);
    this.name = "XmlMessageError";
    this.violations = violations;
  }
}
