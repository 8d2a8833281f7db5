import { GeneratorError } from "../errors.js";
import { type BuiltInType, checkTypeReferences, resolveType } from "./resolve-types.js";
import type { SimpleValueIr, XmlAttributeIr, XmlField, XmlGroupIr, XmlItem, XmlModelIr, XmlTypeIr, XmlTypeRef } from "./xml-ir.js";
import type { QName, XsdElement, XsdFacets, XsdGroup, XsdSchema } from "./xsd-model.js";
import { xsdPatternToRegExpSource } from "./xsd-pattern.js";

/** Which built-ins each facet applies to (XSD Part 2, 4.1.5); a facet elsewhere is a schema error. */
const textual = (b: BuiltInType) => b === "string" || b === "base64Binary" || b === "ID" || b === "IDREF";
const numeric = (b: BuiltInType) => b === "decimal" || b === "positiveInteger";
const facetApplies: Record<string, (builtin: BuiltInType) => boolean> = {
  length: textual,
  minLength: textual,
  maxLength: textual,
  totalDigits: numeric,
  fractionDigits: numeric,
  // Ranges on dates and times need timezone-aware ordering; ISO 20022 only bounds numbers.
  minInclusive: numeric,
  maxInclusive: numeric,
  minExclusive: numeric,
  maxExclusive: numeric,
};
// The xs:decimal form (the runtime's checkLexical has the same rule; `bankkit generate` runs before the runtime is built).
const decimalForm = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const valueFacets = Object.keys(facetApplies) as Array<keyof typeof facetApplies & keyof XsdFacets>;

/** Turns typed XSD objects into the XML model IR: references resolved, simple types flattened, patterns compiled. */
export function buildXmlIr(schema: XsdSchema): XmlModelIr {
  checkTypeReferences(schema);
  const simpleValue = (name: QName, at: string, seen: string[] = []): SimpleValueIr => {
    const resolved = resolveType(schema, name, at);
    if (resolved.kind === "builtin") return { builtin: resolved.name, patterns: [] };
    if (resolved.kind === "complex") {
      throw new GeneratorError(`${schema.source}: ${name.local} used at ${at} is a complex type where a simple value is needed`, at);
    }
    const type = resolved.type;
    if (seen.includes(type.name)) {
      throw new GeneratorError(
        `${schema.source}: simple type ${type.name} at ${type.at} restricts itself (${[...seen, type.name].join(" → ")})`,
        type.at,
      );
    }
    const value = simpleValue(type.base, type.at, [...seen, type.name]);
    for (const facet of valueFacets) {
      const given = type.facets[facet];
      if (given === undefined) continue;
      if (!facetApplies[facet]?.(value.builtin)) {
        throw new GeneratorError(`${schema.source}: facet ${facet} at ${type.at} does not apply to xs:${value.builtin}`, type.at);
      }
      if (typeof given === "string" && !decimalForm.test(given)) {
        throw new GeneratorError(`${schema.source}: facet ${facet}="${given}" at ${type.at} is not an xs:decimal`, type.at);
      }
      (value as unknown as Record<string, unknown>)[facet] = given;
    }
    if (type.facets.enumeration.length > 0) value.enumeration = type.facets.enumeration;
    if (type.facets.patterns.length > 0)
      value.patterns.push(type.facets.patterns.map((pattern) => xsdPatternToRegExpSource(pattern, type.at)));
    return value;
  };

  const typeRef = (name: QName, at: string): XmlTypeRef => {
    const resolved = resolveType(schema, name, at);
    return resolved.kind === "builtin" ? { kind: "builtin", builtin: resolved.name } : { kind: "type", name: resolved.type.name };
  };
  const field = (element: XsdElement): XmlField => ({
    kind: "field",
    name: element.name,
    type: typeRef(element.type, element.at),
    minOccurs: element.minOccurs,
    maxOccurs: element.maxOccurs,
    at: element.at,
  });
  const group = (xsd: XsdGroup): XmlGroupIr => ({
    kind: xsd.kind,
    minOccurs: xsd.minOccurs,
    maxOccurs: xsd.maxOccurs,
    at: xsd.at,
    items: xsd.particles.map((particle): XmlItem => {
      if (particle.kind === "element") return field(particle);
      if (particle.kind === "any") return { ...particle };
      return group(particle);
    }),
  });

  const types: XmlTypeIr[] = [];
  for (const complex of schema.complexTypes.values()) {
    const attributes = complex.attributes.map(
      (attribute): XmlAttributeIr => ({
        name: attribute.name,
        value: simpleValue(attribute.type, attribute.at),
        required: attribute.required,
        at: attribute.at,
      }),
    );
    const { name, at, content } = complex;
    if (content.kind === "simple") types.push({ kind: "value", name, value: simpleValue(content.base, at), attributes, at });
    else if (content.kind === "elements") types.push({ kind: "complex", name, content: group(content.group), attributes, at });
    else types.push({ kind: "complex", name, attributes, at });
  }
  for (const simple of schema.simpleTypes.values()) {
    types.push({
      kind: "simple",
      name: simple.name,
      value: simpleValue({ namespace: schema.targetNamespace, local: simple.name }, simple.at),
      at: simple.at,
    });
  }
  return {
    source: schema.source,
    namespace: schema.targetNamespace,
    qualified: schema.qualified,
    roots: schema.elements.map(field),
    types,
  };
}
