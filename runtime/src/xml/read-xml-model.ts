import { XMLBuilder } from "fast-xml-parser";
import type { XmlNode } from "./parse-xml.js";
import type { XmlViolation } from "./validate-xml-model.js";
import type { XmlGroupModel, XmlModel, XmlParticleModel, XmlTypeModel } from "./xml-model.js";
import { anyOnlyTypes, declaredNames, isGroup } from "./xml-model-walk.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const XML = "http://www.w3.org/XML/1998/namespace";

/** In-scope namespace declarations: prefix ("" for the default namespace) → namespace name. */
export type NamespaceScope = ReadonlyMap<string, string>;

export const emptyScope: NamespaceScope = new Map([["xml", XML]]);

/** The tag of an element node (the one key that is not its attribute map). */
export function tagOf(node: XmlNode): string | undefined {
  for (const key in node) if (key !== ":@" && key !== "#text") return key;
  return undefined;
}

/** The scope inside an element: the outer scope plus the element's own `xmlns` declarations. */
export function scopeOf(node: XmlNode, outer: NamespaceScope): NamespaceScope {
  const attributes = node[":@"] as Record<string, string> | undefined;
  if (!attributes) return outer;
  let scope: Map<string, string> | undefined;
  for (const name in attributes) {
    if (name !== "@_xmlns" && !name.startsWith("@_xmlns:")) continue;
    scope ??= new Map(outer);
    scope.set(name === "@_xmlns" ? "" : name.slice(8), attributes[name] as string);
  }
  return scope ?? outer;
}

/** An element's namespace and local name, resolved in its scope; undefined namespace for an undeclared prefix. */
export function qualifiedName(tag: string, scope: NamespaceScope): { namespace: string | undefined; local: string } {
  const colon = tag.indexOf(":");
  if (colon < 0) return { namespace: scope.get("") ?? "", local: tag };
  return { namespace: scope.get(tag.slice(0, colon)), local: tag.slice(colon + 1) };
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: true,
  processEntities: true,
});

/**
 * Turns one parsed element into the message object its model describes, checking the structure on the
 * way: an element the type does not declare, one out of the sequence's order, text where only elements may
 * be, an attribute the type lacks — each is reported with its path, never dropped. Values stay the text that
 * was written; counts, facets and lexical forms are `validateXmlModel`'s job.
 */
export function readXmlModel(
  model: XmlModel,
  root: XmlNode,
  scope: NamespaceScope = emptyScope,
): { root: string; message: unknown; violations: XmlViolation[] } {
  const violations: XmlViolation[] = [];
  const report = (path: string, rule: string) => violations.push({ path, rule });
  const rawTypes = anyOnlyTypes(model);
  const tag = tagOf(root) ?? "";
  const inner = scopeOf(root, scope);
  const name = qualifiedName(tag, inner);
  const rootType = model.roots[name.local];
  if (rootType === undefined || name.namespace !== model.namespace) {
    report(`/${name.local}`, `is not a root element of ${model.namespace} (found namespace ${name.namespace || "none"})`);
    return { root: name.local, message: undefined, violations };
  }

  const readElement = (type: string, node: XmlNode, scope: NamespaceScope, path: string): unknown => {
    const children = node[tagOf(node) as string] as XmlNode[];
    const described = type.startsWith("xs:") ? undefined : model.types[type];
    if (described === undefined || described.kind === "simple") {
      readAttributes(undefined, node, scope, path);
      return readText(children, path);
    }
    const fields: Record<string, unknown> = readAttributes(described, node, scope, path);
    if (described.kind === "value") {
      fields.value = readText(children, path);
      return fields;
    }
    if (rawTypes.has(type)) {
      // Wildcard-only content (a signature) is always a list, empty for `<Sgntr/>`. Read by the parser as
      // raw text (a stop node), each element keeps its bytes exactly as they came.
      const raw = children.length === 1 && typeof children[0]?.["#text"] === "string";
      fields.$any = raw
        ? splitElements(children[0]?.["#text"] as string, path, report)
        : children.filter((child) => tagOf(child) !== undefined).map((child) => builder.build([child]) as string);
      return fields;
    }
    const elements: XmlNode[] = [];
    for (const child of children) {
      if (tagOf(child) !== undefined) elements.push(child);
      else if (typeof child["#text"] === "string" && child["#text"].trim() !== "")
        report(path, `holds text, but ${type} holds only elements`);
    }
    if (!described.content) {
      for (const stray of elements) report(`${path}/${localName(stray, scope)}`, `is not an element of ${type}`);
      return fields;
    }
    const content = { type, names: declaredNames(described.content), stray: (node: XmlNode) => strayElement(node) };
    const strayElement = (node: XmlNode) => {
      const local = localName(node, scope);
      const rule = !content.names.has(local)
        ? `is not an element of ${type}`
        : described.content?.kind === "choice"
          ? `is a second choice: ${type} holds only one of ${[...content.names].join(", ")}`
          : `is out of order or repeated: ${type} holds ${[...content.names].join(", ")} in that order`;
      report(`${path}/${local}`, rule);
    };
    const next = readGroup(described.content, elements, 0, fields, scope, path, content);
    for (const stray of elements.slice(next)) strayElement(stray);
    return fields;
  };

  const readAttributes = (type: XmlTypeModel | undefined, node: XmlNode, scope: NamespaceScope, path: string) => {
    const fields: Record<string, unknown> = {};
    const attributes = node[":@"] as Record<string, string> | undefined;
    for (const key in attributes) {
      const name = key.slice(2);
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const colon = name.indexOf(":");
      if (colon >= 0 && scope.get(name.slice(0, colon)) === XSI) continue;
      const declared = type && type.kind !== "simple" ? type.attributes?.find((attribute) => attribute.name === name) : undefined;
      if (declared) fields[name] = attributes[key];
      else report(`${path}/@${name}`, "is not an attribute of this element");
    }
    return fields;
  };

  const readText = (children: XmlNode[], path: string): string => {
    let text = "";
    for (const child of children) {
      if (typeof child["#text"] === "string") text += child["#text"];
      else report(`${path}/${tagOf(child)}`, "is an element inside a value");
    }
    return text;
  };

  /** Reads a group's elements starting at `start`; returns the index of the first element it did not take. */
  const readGroup = (
    group: XmlGroupModel,
    elements: XmlNode[],
    start: number,
    fields: Record<string, unknown>,
    scope: NamespaceScope,
    path: string,
    content: Content,
  ): number => {
    let index = start;
    for (let occurrence = 0; occurrence < group.max; occurrence++) {
      const before = index;
      if (group.kind === "sequence") {
        for (const [position, item] of group.items.entries()) {
          // An element no later particle can take, but that this type declares earlier or not at all, is
          // reported and stepped over, so one misplaced element does not hide the rest of the content.
          while (index < elements.length) {
            const local = localName(elements[index] as XmlNode, scope);
            if (group.items.slice(position).some((later) => startsWith(later, local))) break;
            const earlier = group.items.slice(0, position).some((passed) => declares(passed, local));
            if (content.names.has(local) && !earlier) break;
            content.stray(elements[index++] as XmlNode);
          }
          index = readParticle(item, elements, index, fields, scope, path, content);
        }
      } else {
        const local = index < elements.length ? localName(elements[index] as XmlNode, scope) : undefined;
        const item = local === undefined ? undefined : group.items.find((candidate) => startsWith(candidate, local));
        if (item) index = readParticle(item, elements, index, fields, scope, path, content);
      }
      if (index === before) break;
    }
    return index;
  };

  const readParticle = (
    item: XmlParticleModel,
    elements: XmlNode[],
    start: number,
    fields: Record<string, unknown>,
    scope: NamespaceScope,
    path: string,
    content: Content,
  ): number => {
    if (isGroup(item)) return readGroup(item, elements, start, fields, scope, path, content);
    let index = start;
    if (item.kind === "any") {
      const taken: string[] = [];
      while (index < elements.length && taken.length < item.max) taken.push(builder.build([elements[index++]]) as string);
      if (taken.length > 0) fields.$any = [...((fields.$any as string[] | undefined) ?? []), ...taken];
      return index;
    }
    const values: unknown[] = [];
    while (index < elements.length && values.length < item.max) {
      const node = elements[index] as XmlNode;
      const inner = scopeOf(node, scope);
      const name = qualifiedName(tagOf(node) as string, inner);
      if (name.local !== item.name) break;
      const at = item.max === 1 ? `${path}/${item.name}` : `${path}/${item.name}[${values.length + 1}]`;
      if (name.namespace !== model.namespace) report(at, `is in namespace ${name.namespace || "none"}, not ${model.namespace}`);
      values.push(readElement(item.type, node, inner, at));
      index++;
    }
    if (values.length > 0) fields[item.name] = item.max === 1 ? values[0] : values;
    return index;
  };

  const message = readElement(rootType, root, inner, `/${name.local}`);
  return { root: name.local, message, violations };
}

/** The complex type being read: its name, every element it declares, and how to report one it cannot place. */
interface Content {
  type: string;
  names: Set<string>;
  stray: (node: XmlNode) => void;
}

const localName = (node: XmlNode, scope: NamespaceScope) => qualifiedName(tagOf(node) as string, scope).local;

/** Whether a particle can begin with an element of this name (the choice branch to take). */
function startsWith(item: XmlParticleModel, local: string): boolean {
  if (item.kind === "element") return item.name === local;
  if (item.kind === "any") return true;
  if (item.kind === "choice") return item.items.some((inner) => startsWith(inner, local));
  for (const inner of item.items) {
    if (startsWith(inner, local)) return true;
    if (inner.min > 0) return false;
  }
  return false;
}

function declares(item: XmlParticleModel, local: string): boolean {
  return isGroup(item) ? item.items.some((inner) => declares(inner, local)) : item.kind === "element" && item.name === local;
}

/**
 * Cuts raw element content into its top-level elements, each kept byte for byte. Comments and processing
 * instructions between them are dropped (they are not content); text is reported.
 */
export function splitElements(raw: string, path: string, report: (path: string, rule: string) => void): string[] {
  const elements: string[] = [];
  const markup = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  let depth = 0;
  let start = 0;
  let textFrom = 0;
  for (const match of raw.matchAll(markup)) {
    const at = match.index;
    const token = match[0];
    if (depth === 0 && raw.slice(textFrom, at).trim() !== "") report(path, "holds text, but only elements are allowed");
    if (token.startsWith("<!--") || token.startsWith("<?")) {
      if (depth === 0) textFrom = at + token.length;
      continue;
    }
    if (token.startsWith("<![CDATA[")) continue;
    if (match[1]) {
      if (--depth === 0) {
        elements.push(raw.slice(start, at + token.length));
        textFrom = at + token.length;
      }
    } else if (match[2]) {
      if (depth === 0) {
        elements.push(token);
        textFrom = at + token.length;
      }
    } else if (depth++ === 0) start = at;
  }
  if (raw.slice(textFrom).trim() !== "") report(path, "holds text, but only elements are allowed");
  return elements;
}
