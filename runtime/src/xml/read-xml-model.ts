import { XMLBuilder } from "fast-xml-parser";
import type { XmlNode } from "./parse-xml.js";
import { type XmlViolation, xmlChecker } from "./validate-xml-model.js";
import type { XmlGroupModel, XmlModel, XmlParticleModel, XmlTypeModel } from "./xml-model.js";
import { anyOnlyTypes, declaredNames, isGroup } from "./xml-model-walk.js";
import { modelForProfile, standardName, type XmlProfile } from "./xml-profiles.js";

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
 * be, an attribute the type lacks — each is reported with its path, never dropped. Each element is then
 * checked as `validateXmlModel` checks it (lexical forms, facets, counts, choices, under the profile), so a
 * document is walked once. Values stay the text that was written.
 */
export function readXmlModel(
  model: XmlModel,
  root: XmlNode,
  scope: NamespaceScope = emptyScope,
  profile?: XmlProfile,
): { root: string; message: unknown; violations: XmlViolation[] } {
  const violations: XmlViolation[] = [];
  const report = (path: string, rule: string) => {
    violations.push({ path, rule });
    if (violations.length >= maxViolations) throw enough;
  };
  const check = xmlChecker(modelForProfile(model, profile), report, false);
  const rawTypes = anyOnlyTypes(model);
  const tag = tagOf(root) ?? "";
  const inner = scopeOf(root, scope);
  const name = qualifiedName(tag, inner);
  const rootType = model.roots[name.local];
  if (rootType === undefined || name.namespace !== model.namespace) {
    report(`/${name.local}`, `is not a root element of ${model.namespace} (found namespace ${name.namespace || "none"})`);
    return { root: name.local, message: undefined, violations };
  }

  // Each element is checked (values, attributes, which children and how many) as soon as it is read.
  const readElement = (type: string, node: XmlNode, scope: NamespaceScope, path: string): unknown => {
    const value = readContent(type, node, scope, path);
    check(type, value, path);
    return value;
  };

  const readContent = (type: string, node: XmlNode, scope: NamespaceScope, path: string): unknown => {
    const children = node[tagOf(node) as string] as XmlNode[];
    const described = type.startsWith("xs:") ? undefined : model.types[type];
    if (described === undefined || described.kind === "simple") {
      readAttributes(type, undefined, node, scope, path);
      return readText(children, path);
    }
    const fields: Record<string, unknown> = readAttributes(type, described, node, scope, path);
    if (described.kind === "value") {
      fields.value = readText(children, path);
      return fields;
    }
    if (rawTypes.has(type)) {
      // Wildcard-only content (a signature) is always a list, empty for `<Sgntr/>`. Read by the parser as
      // raw text (a stop node), each element keeps its bytes exactly as they came.
      const raw = children.length === 1 && typeof children[0]?.["#text"] === "string";
      fields.$any = (
        raw
          ? splitElements(children[0]?.["#text"] as string, path, report)
          : children.filter((child) => tagOf(child) !== undefined).map((child) => builder.build([child]) as string)
      ).map((element) => standalone(element, scope));
      return fields;
    }
    const elements: Child[] = [];
    for (const child of children) {
      const tag = tagOf(child);
      if (tag !== undefined) {
        const inner = scopeOf(child, scope);
        const name = qualifiedName(tag, inner);
        elements.push({ node: child, scope: inner, local: standardName(name.local, profile), namespace: name.namespace });
      } else if (typeof child["#text"] === "string" && child["#text"].trim() !== "")
        report(path, `holds text, but ${type} holds only elements`);
    }
    if (!described.content) {
      for (const stray of elements) report(`${path}/${stray.local}`, `is not an element of ${type}`);
      return fields;
    }
    let content = contents.get(type);
    if (!content) {
      content = { type, names: declaredNames(described.content), choice: described.content.kind === "choice" };
      contents.set(type, content);
    }
    const next = readGroup(described.content, elements, 0, fields, path, content);
    for (let index = next; index < elements.length; index++) strayElement(content, elements[index] as Child, path);
    return fields;
  };

  const contents = new Map<string, Content>();
  const strayElement = (content: Content, child: Child, path: string) => {
    const local = child.local;
    const listed = [...content.names].join(", ");
    const rule = !content.names.has(local)
      ? `is not an element of ${content.type}`
      : content.choice
        ? `is a second choice: ${content.type} holds only one of ${listed}`
        : `is out of order or repeated: ${content.type} holds ${listed} in that order`;
    report(`${path}/${local}`, rule);
  };

  const readAttributes = (typeName: string, type: XmlTypeModel | undefined, node: XmlNode, scope: NamespaceScope, path: string) => {
    const fields: Record<string, unknown> = {};
    const attributes = node[":@"] as Record<string, string> | undefined;
    for (const key in attributes) {
      const name = key.slice(2);
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const colon = name.indexOf(":");
      if (colon >= 0 && scope.get(name.slice(0, colon)) === XSI) {
        const broken = instanceAttribute(name.slice(colon + 1), attributes[key] as string, typeName, model.namespace, scope);
        if (broken) report(`${path}/@${name}`, broken);
        continue;
      }
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
    elements: Child[],
    start: number,
    fields: Record<string, unknown>,
    path: string,
    content: Content,
  ): number => {
    let index = start;
    const places = group.kind === "sequence" ? sequencePlaces(group) : undefined;
    for (let occurrence = 0; occurrence < group.max; occurrence++) {
      const before = index;
      if (places) {
        for (let position = 0; position < group.items.length; position++) {
          // An element no later particle can take, but that this type declares earlier or not at all, is
          // reported and stepped over, so one misplaced element does not hide the rest of the content.
          while (index < elements.length) {
            const local = (elements[index] as Child).local;
            const before = misplacedBefore(group, places, position, elements, index, content);
            if (before) {
              const child = elements[index++] as Child;
              report(`${path}/${child.local}`, `is out of order: ${content.type} holds it after ${before}`);
              continue;
            }
            if ((places.lastStart.get(local) ?? -1) >= position || places.lastWildcard >= position) break;
            const earlier = (places.firstDeclared.get(local) ?? Number.POSITIVE_INFINITY) < position;
            if (content.names.has(local) && !earlier) break;
            strayElement(content, elements[index++] as Child, path);
          }
          index = readParticle(group.items[position] as XmlParticleModel, elements, index, fields, path, content);
        }
      } else {
        const local = elements[index]?.local;
        const item = local === undefined ? undefined : group.items.find((candidate) => startsWith(candidate, local));
        if (item) index = readParticle(item, elements, index, fields, path, content);
      }
      if (index === before) break;
    }
    return index;
  };

  /**
   * The required element the element at `index` (read at `position` of a sequence) belongs after, when a
   * later sibling is that element: then the element is out of place (`InstrForCdtrAgt` written before `Dbtr`) and
   * is reported as such — taken at its own later place, the required elements in between would be reported
   * missing though they are there, and those after it out of order. libxml2 names the same element. A
   * required particle no later sibling begins is missing, and the element may follow it.
   */
  const misplacedBefore = (
    group: XmlGroupModel,
    places: SequencePlaces,
    position: number,
    elements: Child[],
    index: number,
    content: Content,
  ): string | undefined => {
    const local = (elements[index] as Child).local;
    if ((places.lastStart.get(local) ?? -1) < position) return undefined;
    for (let at = position; at < group.items.length; at++) {
      const item = group.items[at] as XmlParticleModel;
      if (item.kind === "any" || startsWith(item, local)) return undefined;
      if (item.min === 0) continue;
      const last = lastIndexes.get(elements) ?? lastIndexes.set(elements, lastIndexOfEach(elements, content.names)).get(elements);
      for (const [name, lastAt] of last as Map<string, number>) if (lastAt > index && startsWith(item, name)) return name;
    }
    return undefined;
  };
  const lastIndexes = new WeakMap<Child[], Map<string, number>>();

  const readParticle = (
    item: XmlParticleModel,
    elements: Child[],
    start: number,
    fields: Record<string, unknown>,
    path: string,
    content: Content,
  ): number => {
    if (isGroup(item)) return readGroup(item, elements, start, fields, path, content);
    let index = start;
    if (item.kind === "any") {
      const taken: string[] = [];
      while (index < elements.length && taken.length < item.max) {
        const element = elements[index++] as Child;
        taken.push(standalone(builder.build([element.node]) as string, element.scope));
      }
      if (taken.length > 0) fields.$any = [...((fields.$any as string[] | undefined) ?? []), ...taken];
      return index;
    }
    if (elements[index]?.local !== item.name) return index;
    if (item.max === 1) {
      const child = elements[index] as Child;
      const at = `${path}/${item.name}`;
      if (child.namespace !== model.namespace) report(at, `is in namespace ${child.namespace || "none"}, not ${model.namespace}`);
      fields[item.name] = readElement(item.type, child.node, child.scope, at);
      return index + 1;
    }
    const values: unknown[] = [];
    for (let child = elements[index]; child?.local === item.name && values.length < item.max; child = elements[++index]) {
      const at = `${path}/${item.name}[${values.length + 1}]`;
      if (child.namespace !== model.namespace) report(at, `is in namespace ${child.namespace || "none"}, not ${model.namespace}`);
      values.push(readElement(item.type, child.node, child.scope, at));
    }
    fields[item.name] = values;
    return index;
  };

  try {
    const message = readElement(rootType, root, inner, `/${name.local}`);
    return { root: name.local, message, violations };
  } catch (error) {
    if (error !== enough) throw error;
    violations.push({ path: `/${name.local}`, rule: `reading stopped after ${maxViolations} violations` });
    return { root: name.local, message: undefined, violations };
  }
}

/**
 * How many violations a read collects before it stops: the first ones say what is wrong, and a message of
 * a million empty elements would otherwise hold seven million violation objects (2.5 GB for 14 MB).
 */
const maxViolations = 1000;
const enough = Symbol("enough violations");

/**
 * What is wrong with an attribute of the XML Schema instance namespace on an element of `typeName`, as a
 * schema validator (libxml2) judges it: the location hints are allowed anywhere; `xsi:type` may name the
 * element's own type (the ISO 20022 schemas derive no types, so there is nothing else it could name);
 * `xsi:nil` needs a nillable element, and the ISO 20022 schemas have none; nothing else is in that namespace.
 */
function instanceAttribute(local: string, value: string, typeName: string, namespace: string, scope: NamespaceScope): string | undefined {
  if (local === "schemaLocation" || local === "noNamespaceSchemaLocation") return undefined;
  if (local === "nil") return "is not allowed: the element is not nillable";
  if (local !== "type") return "is not an attribute of the XML Schema instance namespace";
  const named = qualifiedName(value.trim(), scope);
  const own = typeName.startsWith("xs:")
    ? named.namespace === "http://www.w3.org/2001/XMLSchema" && named.local === typeName.slice(3)
    : named.namespace === namespace && named.local === typeName;
  return own ? undefined : `names ${value}, which is not the element's type ${typeName} (nor derived from it)`;
}

/** A child element with its scope and resolved name, worked out once. */
interface Child {
  node: XmlNode;
  scope: NamespaceScope;
  local: string;
  namespace: string | undefined;
}

/** A complex type with element content: its name and every element it declares, to report one it cannot place. */
interface Content {
  type: string;
  names: Set<string>;
  choice: boolean;
}

/** The last index among siblings of each element name the type declares (names it does not are not looked up). */
function lastIndexOfEach(elements: Child[], declared: ReadonlySet<string>): Map<string, number> {
  const last = new Map<string, number>();
  for (const [index, element] of elements.entries()) if (declared.has(element.local)) last.set(element.local, index);
  return last;
}

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

/**
 * Where each element name can go in a sequence: the last particle that can begin with it, the first that
 * declares it, and the last wildcard — so placing an element costs a lookup, not a scan of the particles.
 */
interface SequencePlaces {
  lastStart: Map<string, number>;
  firstDeclared: Map<string, number>;
  lastWildcard: number;
}

const placesByGroup = new WeakMap<XmlGroupModel, SequencePlaces>();

function sequencePlaces(group: XmlGroupModel): SequencePlaces {
  let places = placesByGroup.get(group);
  if (places) return places;
  places = { lastStart: new Map(), firstDeclared: new Map(), lastWildcard: -1 };
  const starts = (item: XmlParticleModel, position: number, names: Map<string, number>, first: boolean) => {
    if (item.kind === "element") {
      if (!first || !names.has(item.name)) names.set(item.name, position);
    } else if (item.kind === "any") {
      if (places && !first) places.lastWildcard = position;
    } else {
      for (const inner of item.items) {
        starts(inner, position, names, first);
        // In a sequence only particles up to the first required one can begin it (for lastStart).
        if (!first && item.kind === "sequence" && inner.min > 0) break;
      }
    }
  };
  for (const [position, item] of group.items.entries()) {
    starts(item, position, places.lastStart, false);
    starts(item, position, places.firstDeclared, true);
  }
  placesByGroup.set(group, places);
  return places;
}

/**
 * An `xs:any` element as text that stands on its own: the namespace declarations it relies on from its
 * ancestors (a prefix declared on the Document and used inside SplmtryData/Envlp) are written onto it, so that
 * the message written back — or the element handed on — is well-formed. Nothing else of it changes.
 */
export function standalone(xml: string, scope: NamespaceScope): string {
  const root = /^<([^\s/>]+)([^>]*?)(\/?>)/.exec(xml);
  if (!root) return xml;
  const declared = new Set([...(root[2] as string).matchAll(/\sxmlns(?::([\w.-]+))?\s*=/g)].map((m) => m[1] ?? ""));
  const used = new Set<string>();
  for (const m of xml.matchAll(/<\/?([^\s/>!?]+)/g)) used.add(m[1]!.includes(":") ? m[1]!.slice(0, m[1]!.indexOf(":")) : "");
  for (const m of xml.matchAll(/\s([\w.-]+):[\w.-]+\s*=/g)) if (m[1] !== "xmlns") used.add(m[1]!);
  const missing = [...used].filter((prefix) => prefix !== "xml" && !declared.has(prefix) && scope.get(prefix));
  if (missing.length === 0) return xml;
  const quoted = (uri: string) => uri.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const declarations = missing.map((prefix) => ` xmlns${prefix ? `:${prefix}` : ""}="${quoted(scope.get(prefix)!)}"`).join("");
  const at = 1 + (root[1] as string).length;
  return `${xml.slice(0, at)}${declarations}${xml.slice(at)}`;
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
