import type { SimpleValueIr, XmlAttributeIr, XmlItem, XmlModelIr, XmlTypeIr, XmlTypeRef } from "../xsd/xml-ir.js";
import { breaking, type Change, compatible } from "./change.js";

interface Element {
  min: number;
  max: number;
  type: string;
}

const typeName = (ref: XmlTypeRef) => (ref.kind === "type" ? ref.name : `xs:${ref.builtin}`);

/** A content model's elements by name, with the occurrence they can really have (a choice makes its branches optional). */
function elements(item: XmlItem | undefined, min = 1, max = 1, out = new Map<string, Element>()): Map<string, Element> {
  if (!item || item.kind === "any") return out;
  const lower = min * item.minOccurs;
  const upper = max * item.maxOccurs;
  if (item.kind === "field") out.set(item.name, { min: lower, max: upper, type: typeName(item.type) });
  else for (const child of item.items) elements(child, item.kind === "choice" ? 0 : lower, upper, out);
  return out;
}

const bound = (n: number) => (n === Number.POSITIVE_INFINITY ? "unbounded" : String(n));

/** Facets that narrowed (breaking: values producers send may be refused) or loosened. */
function facetChanges(was: SimpleValueIr, is: SimpleValueIr, at: string, scope: string): Change[] {
  const changes: Change[] = [];
  const report = (facet: string, tighter: boolean, message: string) =>
    changes.push(
      tighter
        ? breaking("facet-narrowed", message, `${at}/${facet}`, scope)
        : compatible("facet-loosened", message, `${at}/${facet}`, scope, "patch"),
    );
  if (was.builtin !== is.builtin) changes.push(breaking("type-changed", `type xs:${was.builtin} → xs:${is.builtin}`, at, scope));
  for (const facet of ["minLength", "length"] as const)
    if (was[facet] !== is[facet])
      report(
        facet,
        is[facet] !== undefined && (was[facet] === undefined || is[facet]! > was[facet]!),
        `${facet} ${was[facet] ?? "none"} → ${is[facet] ?? "none"}`,
      );
  for (const facet of ["maxLength", "totalDigits", "fractionDigits"] as const)
    if (was[facet] !== is[facet])
      report(
        facet,
        is[facet] !== undefined && (was[facet] === undefined || is[facet]! < was[facet]!),
        `${facet} ${was[facet] ?? "none"} → ${is[facet] ?? "none"}`,
      );
  for (const facet of ["minInclusive", "maxInclusive", "minExclusive", "maxExclusive"] as const) {
    if (was[facet] === is[facet]) continue;
    const lower = facet.startsWith("min");
    const tighter =
      is[facet] !== undefined &&
      (was[facet] === undefined || (lower ? Number(is[facet]) > Number(was[facet]) : Number(is[facet]) < Number(was[facet])));
    report(facet, tighter, `${facet} ${was[facet] ?? "none"} → ${is[facet] ?? "none"}`);
  }
  if (JSON.stringify(was.patterns) !== JSON.stringify(is.patterns)) report("pattern", is.patterns.length > 0, "pattern changed");
  const wasValues = new Set(was.enumeration ?? []);
  const isValues = new Set(is.enumeration ?? []);
  if (was.enumeration && !is.enumeration) report("enumeration", false, "no longer limited to a list of values");
  else if (!was.enumeration && is.enumeration) report("enumeration", true, `limited to ${is.enumeration.join(", ")}`);
  else {
    for (const value of wasValues)
      if (!isValues.has(value)) changes.push(breaking("enum-value-removed", `value ${value} removed`, `${at}/enumeration`, scope));
    for (const value of isValues)
      if (!wasValues.has(value)) changes.push(compatible("enum-value-added", `value ${value} added`, `${at}/enumeration`, scope));
  }
  return changes;
}

function attributeChanges(was: XmlAttributeIr[], is: XmlAttributeIr[], at: string, scope: string): Change[] {
  const changes: Change[] = [];
  const before = new Map(was.map((a) => [a.name, a]));
  const after = new Map(is.map((a) => [a.name, a]));
  for (const name of before.keys())
    if (!after.has(name)) changes.push(breaking("attribute-removed", `attribute ${name} removed`, `${at}/@${name}`, scope));
  for (const [name, attribute] of after) {
    const previous = before.get(name);
    if (!previous) {
      if (attribute.required) changes.push(breaking("attribute-added", `required attribute ${name} added`, `${at}/@${name}`, scope));
      else changes.push(compatible("attribute-added", `optional attribute ${name} added`, `${at}/@${name}`, scope));
      continue;
    }
    if (attribute.required && !previous.required)
      changes.push(breaking("attribute-required", `attribute ${name} made mandatory`, `${at}/@${name}`, scope));
    changes.push(...facetChanges(previous.value, attribute.value, `${at}/@${name}`, scope));
  }
  return changes;
}

function typeChanges(was: XmlTypeIr, is: XmlTypeIr, scope: string): Change[] {
  const at = `#/types/${is.name}`;
  if (was.kind !== is.kind)
    return [breaking("type-changed", `${is.name} is now ${is.kind === "complex" ? "element content" : "a simple value"}`, at, scope)];
  if (was.kind === "simple" && is.kind === "simple") return facetChanges(was.value, is.value, at, scope);
  const changes: Change[] = [];
  if (was.kind === "value" && is.kind === "value") changes.push(...facetChanges(was.value, is.value, at, scope));
  if (was.kind !== "simple" && is.kind !== "simple") changes.push(...attributeChanges(was.attributes, is.attributes, at, scope));
  if (was.kind !== "complex" || is.kind !== "complex") return changes;
  const before = elements(was.content);
  const after = elements(is.content);
  for (const name of before.keys())
    if (!after.has(name)) changes.push(breaking("element-removed", `element ${name} removed`, `${at}/${name}`, scope));
  for (const [name, element] of after) {
    const previous = before.get(name);
    const pointer = `${at}/${name}`;
    if (!previous) {
      if (element.min > 0) changes.push(breaking("element-added", `mandatory element ${name} added`, pointer, scope));
      else changes.push(compatible("element-added", `optional element ${name} added`, pointer, scope));
      continue;
    }
    if (element.min > previous.min)
      changes.push(
        breaking("element-mandatory", `element ${name} made mandatory (minOccurs ${previous.min} → ${element.min})`, pointer, scope),
      );
    else if (element.min < previous.min) changes.push(compatible("element-optional", `element ${name} made optional`, pointer, scope));
    if (element.max < previous.max)
      changes.push(
        breaking("element-occurs-narrowed", `element ${name} maxOccurs ${bound(previous.max)} → ${bound(element.max)}`, pointer, scope),
      );
    else if (element.max > previous.max)
      changes.push(
        compatible("element-occurs-widened", `element ${name} maxOccurs ${bound(previous.max)} → ${bound(element.max)}`, pointer, scope),
      );
    if (element.type !== previous.type)
      changes.push(breaking("type-changed", `element ${name} type ${previous.type} → ${element.type}`, pointer, scope));
  }
  return changes;
}

/**
 * Changes between two versions of a schema for the producers and readers of its messages: an element or
 * attribute removed, made mandatory, a facet narrowed or a value removed break them; optional additions do
 * not. Types are compared by name; pointers are `#/types/<Type>/<element>`.
 */
export function diffXsd(old: XmlModelIr, next: XmlModelIr): Change[] {
  // Every message's root is `Document`: a change is told by the message it is in (`camt.054.001.07`).
  const scope = next.namespace ? next.namespace.slice(next.namespace.lastIndexOf(":") + 1) : next.source;
  const changes: Change[] = [];
  if (old.namespace !== next.namespace)
    changes.push(breaking("namespace-changed", `namespace ${old.namespace} → ${next.namespace}`, "#/namespace", scope));
  const before = new Map(old.types.map((t) => [t.name, t]));
  const after = new Map(next.types.map((t) => [t.name, t]));
  for (const name of before.keys())
    if (!after.has(name)) changes.push(breaking("type-removed", `type ${name} removed`, `#/types/${name}`, scope));
  for (const [name, type] of after) {
    const previous = before.get(name);
    if (!previous) changes.push(compatible("type-added", `type ${name} added`, `#/types/${name}`, scope));
    else changes.push(...typeChanges(previous, type, scope));
  }
  return changes;
}
