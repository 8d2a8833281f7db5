import { XMLParser } from "fast-xml-parser";
import { GeneratorError } from "../errors.js";
import type {
  QName,
  XsdAny,
  XsdAttribute,
  XsdComplexType,
  XsdElement,
  XsdFacets,
  XsdGroup,
  XsdParticle,
  XsdSchema,
  XsdSimpleType,
} from "./xsd-model.js";

export const XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema";

/** A parsed XML element: its qualified name, attributes and child elements (text and comments dropped). */
interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
});

function toNodes(raw: unknown[]): Node[] {
  const nodes: Node[] = [];
  for (const item of raw as Record<string, unknown>[]) {
    const name = Object.keys(item).find((key) => key !== ":@" && key !== "#text" && !key.startsWith("?") && key !== "#comment");
    if (!name) continue;
    nodes.push({ name, attributes: (item[":@"] as Record<string, string> | undefined) ?? {}, children: toNodes(item[name] as unknown[]) });
  }
  return nodes;
}

const facetNames = new Set([
  "pattern",
  "enumeration",
  "length",
  "minLength",
  "maxLength",
  "totalDigits",
  "fractionDigits",
  "minInclusive",
  "maxInclusive",
  "minExclusive",
  "maxExclusive",
]);

/**
 * Reads an XML Schema into typed XSD objects. It accepts what the ISO 20022 message schemas use — named
 * complex and simple types, sequence and choice (nested, with multiplicity), simpleContent extension with
 * attributes, restrictions with their facets, lax `xs:any` — and refuses any other construct with an error
 * naming it and its location.
 */
export function readXsd(text: string, source: string): XsdSchema {
  let roots: Node[];
  try {
    roots = toNodes(parser.parse(text) as unknown[]);
  } catch (error) {
    throw new GeneratorError(`${source}: not an XML document: ${(error as Error).message}`, source);
  }
  const root = roots[0];
  if (!root) throw new GeneratorError(`${source}: not an XML Schema (no element in it; an .xsd starts with <xs:schema>)`, source);
  const prefixes = new Map<string, string>();
  for (const [name, value] of Object.entries(root.attributes)) {
    if (name === "xmlns") prefixes.set("", value);
    else if (name.startsWith("xmlns:")) prefixes.set(name.slice(6), value);
  }
  const [rootPrefix, rootLocal] = split(root.name);
  if (rootLocal !== "schema" || prefixes.get(rootPrefix) !== XSD_NAMESPACE) {
    throw new GeneratorError(`${source}: expected an xs:schema root element, found <${root.name}>`, source);
  }
  const xs = rootPrefix ? `${rootPrefix}:` : "";
  const targetNamespace = root.attributes.targetNamespace ?? "";
  const qname = (value: string, at: string): QName => {
    const [prefix, local] = split(value);
    // An unprefixed name with no default namespace declared is in no namespace (Namespaces in XML, 6.2).
    const namespace = prefix === "" ? (prefixes.get("") ?? "") : prefixes.get(prefix);
    if (namespace === undefined) throw new GeneratorError(`${source}: unknown namespace prefix "${prefix}" in "${value}" at ${at}`, at);
    return { namespace, local };
  };
  const refuse = (node: Node, at: string): never => {
    throw new GeneratorError(
      `${source}: <${node.name}> at ${at} is not supported: bankkit reads named complex and simple types, sequence, choice, simpleContent extension, attributes, restriction facets and xs:any`,
      at,
    );
  };
  const local = (node: Node) => (node.name.startsWith(xs) ? node.name.slice(xs.length) : `?${node.name}`);
  const count = (text: string, what: string, at: string): number => {
    if (!/^\d+$/.test(text)) throw new GeneratorError(`${source}: ${what}="${text}" at ${at} is not a non-negative integer`, at);
    return Number(text);
  };
  const occurs = (node: Node, at: string) => {
    const { minOccurs, maxOccurs } = node.attributes;
    const min = minOccurs === undefined ? 1 : count(minOccurs, "minOccurs", at);
    const max = maxOccurs === undefined ? 1 : maxOccurs === "unbounded" ? Number.POSITIVE_INFINITY : count(maxOccurs, "maxOccurs", at);
    if (min > max) throw new GeneratorError(`${source}: minOccurs ${min} exceeds maxOccurs ${max} at ${at}`, at);
    return { minOccurs: min, maxOccurs: max };
  };
  const children = (node: Node) => node.children.filter((child) => local(child) !== "annotation");

  const element = (node: Node, at: string): XsdElement => {
    const { name, type } = node.attributes;
    if (!name || !type || children(node).length > 0) {
      throw new GeneratorError(
        `${source}: the element at ${at} needs a name and a named type (anonymous types, ref and substitution groups are not supported)`,
        at,
      );
    }
    return { name, type: qname(type, at), ...occurs(node, at), at };
  };

  const group = (node: Node, at: string): XsdGroup => {
    const kind = local(node);
    if (kind !== "sequence" && kind !== "choice") return refuse(node, at);
    const particles: XsdParticle[] = children(node).map((child, i): XsdParticle => {
      const childAt = `${at}/${child.name}${child.attributes.name ? `[@name='${child.attributes.name}']` : `[${i + 1}]`}`;
      switch (local(child)) {
        case "element":
          return { kind: "element", ...element(child, childAt) };
        case "sequence":
        case "choice":
          return group(child, childAt);
        case "any":
          return any(child, childAt);
        default:
          return refuse(child, childAt);
      }
    });
    return { kind, ...occurs(node, at), particles, at };
  };

  const any = (node: Node, at: string): XsdAny => {
    const processContents = node.attributes.processContents ?? "strict";
    if (processContents !== "lax" && processContents !== "skip" && processContents !== "strict") {
      throw new GeneratorError(`${source}: processContents="${processContents}" at ${at} is not lax, skip or strict`, at);
    }
    return { kind: "any", namespace: node.attributes.namespace ?? "##any", processContents, ...occurs(node, at), at };
  };

  const attribute = (node: Node, at: string): XsdAttribute => {
    const { name, type, use } = node.attributes;
    if (!name || !type) throw new GeneratorError(`${source}: the attribute at ${at} needs a name and a named type`, at);
    return { name, type: qname(type, at), required: use === "required", at };
  };

  const complexType = (node: Node, name: string, at: string): XsdComplexType => {
    const parts = children(node);
    const attributes = parts
      .filter((p) => local(p) === "attribute")
      .map((p) => attribute(p, `${at}/${p.name}[@name='${p.attributes.name}']`));
    const content = parts.filter((p) => local(p) !== "attribute");
    if (content.length === 0) return { name, content: { kind: "empty" }, attributes, at };
    if (content.length > 1) return refuse(content[1]!, `${at}/${content[1]!.name}`);
    const part = content[0]!;
    const partAt = `${at}/${part.name}`;
    if (local(part) !== "simpleContent") return { name, content: { kind: "elements", group: group(part, partAt) }, attributes, at };
    const [extension] = children(part);
    if (!extension || local(extension) !== "extension" || !extension.attributes.base) return refuse(extension ?? part, partAt);
    const extensionAt = `${partAt}/${extension.name}`;
    for (const child of children(extension)) {
      if (local(child) !== "attribute") refuse(child, `${extensionAt}/${child.name}`);
      attributes.push(attribute(child, `${extensionAt}/${child.name}[@name='${child.attributes.name}']`));
    }
    return { name, content: { kind: "simple", base: qname(extension.attributes.base, extensionAt) }, attributes, at };
  };

  const simpleType = (node: Node, name: string, at: string): XsdSimpleType => {
    const [restriction] = children(node);
    if (!restriction || local(restriction) !== "restriction" || !restriction.attributes.base) return refuse(restriction ?? node, at);
    const restrictionAt = `${at}/${restriction.name}`;
    const facets: XsdFacets = { patterns: [], enumeration: [] };
    for (const facet of children(restriction)) {
      const kind = local(facet);
      const value = facet.attributes.value;
      if (!facetNames.has(kind) || value === undefined) refuse(facet, `${restrictionAt}/${facet.name}`);
      if (kind === "pattern") facets.patterns.push(value!);
      else if (kind === "enumeration") facets.enumeration.push(value!);
      else if (kind.endsWith("clusive")) (facets as unknown as Record<string, string>)[kind] = value!;
      else (facets as unknown as Record<string, number>)[kind] = count(value!, kind, `${restrictionAt}/${facet.name}`);
    }
    return { name, base: qname(restriction.attributes.base, restrictionAt), facets, at };
  };

  const schema: XsdSchema = {
    source,
    targetNamespace,
    qualified: root.attributes.elementFormDefault === "qualified",
    elements: [],
    complexTypes: new Map(),
    simpleTypes: new Map(),
  };
  // Complex and simple types share one symbol space: a second definition would silently replace the first.
  const defineOnce = (name: string, at: string) => {
    if (schema.complexTypes.has(name) || schema.simpleTypes.has(name))
      throw new GeneratorError(`${source}: type ${name} at ${at} is defined twice`, at);
  };
  for (const node of children(root)) {
    const at = `/${root.name}/${node.name}${node.attributes.name ? `[@name='${node.attributes.name}']` : ""}`;
    const name = node.attributes.name ?? "";
    switch (local(node)) {
      case "element":
        schema.elements.push(element(node, at));
        break;
      case "complexType":
        defineOnce(name, at);
        schema.complexTypes.set(name, complexType(node, name, at));
        break;
      case "simpleType":
        defineOnce(name, at);
        schema.simpleTypes.set(name, simpleType(node, name, at));
        break;
      default:
        refuse(node, at);
    }
  }
  return schema;
}

function split(name: string): [string, string] {
  const colon = name.indexOf(":");
  return colon < 0 ? ["", name] : [name.slice(0, colon), name.slice(colon + 1)];
}
