import type { XmlGroupModel, XmlModel, XmlParticleModel, XmlTypeModel, XmlValueRule } from "@bankkit/runtime/xml";
import type { SimpleValueIr, XmlGroupIr, XmlItem, XmlModelIr, XmlTypeRef } from "../xsd/xml-ir.js";

/**
 * The runtime's description of a message, built from the XML IR: the table a generated ISO 20022 package
 * exports for the runtime to validate, parse and serialize with. Locations in the XSD are dropped; they
 * matter to the generator's errors, not to a message's.
 */
export function xmlModelTable(ir: XmlModelIr): XmlModel {
  const types: Record<string, XmlTypeModel> = {};
  for (const type of ir.types) {
    if (type.kind === "simple") types[type.name] = { kind: "simple", value: valueRule(type.value) };
    else {
      const attributes = type.attributes.map((a) => ({ name: a.name, value: valueRule(a.value), required: a.required }));
      if (type.kind === "value") types[type.name] = { kind: "value", value: valueRule(type.value), attributes };
      else
        types[type.name] = {
          kind: "complex",
          ...(type.content && { content: group(type.content) }),
          ...(attributes.length > 0 && { attributes }),
        };
    }
  }
  return {
    namespace: ir.namespace,
    roots: Object.fromEntries(ir.roots.map((root) => [root.name, typeName(root.type)])),
    types,
  };
}

/** The table as a TypeScript expression, one type per line: patterns as RegExp literals, unbounded as Infinity. */
export function printXmlModelTable(model: XmlModel): string {
  const print = (value: unknown) =>
    JSON.stringify(value, (_, v) =>
      v instanceof RegExp ? `\u0000${v.toString()}\u0000` : v === Number.POSITIVE_INFINITY ? "\u0000Infinity\u0000" : v,
    ).replace(/"\\u0000(.*?)\\u0000"/g, (_, code: string) => JSON.parse(`"${code}"`));
  const types = Object.entries(model.types).map(([name, type]) => `    ${JSON.stringify(name)}: ${print(type)},`);
  return `{\n  namespace: ${JSON.stringify(model.namespace)},\n  roots: ${print(model.roots)},\n  types: {\n${types.join("\n")}\n  },\n}`;
}

function group(ir: XmlGroupIr): XmlGroupModel {
  return { kind: ir.kind, min: ir.minOccurs, max: ir.maxOccurs, items: ir.items.map(particle) };
}

function particle(item: XmlItem): XmlParticleModel {
  if (item.kind === "field")
    return { kind: "element", name: item.name, type: typeName(item.type), min: item.minOccurs, max: item.maxOccurs };
  if (item.kind === "any") return { kind: "any", namespace: item.namespace, min: item.minOccurs, max: item.maxOccurs };
  return group(item);
}

function typeName(ref: XmlTypeRef): string {
  return ref.kind === "type" ? ref.name : `xs:${ref.builtin}`;
}

function valueRule(value: SimpleValueIr): XmlValueRule {
  const { patterns, ...facets } = value;
  return { ...facets, ...(patterns.length > 0 && { patterns: patterns.map((step) => step.map((source) => new RegExp(source, "u"))) }) };
}
