import { GeneratorError } from "../errors.js";
import { XSD_NAMESPACE } from "./read-xsd.js";
import type { QName, XsdComplexType, XsdGroup, XsdSchema, XsdSimpleType } from "./xsd-model.js";

/**
 * The built-in XML Schema types the ISO 20022 schemas restrict. Each is kept as its lexical text in the
 * generated models; the name says which lexical rule the value must follow.
 */
const builtIns = [
  "string",
  "decimal",
  "positiveInteger",
  "boolean",
  "date",
  "dateTime",
  "time",
  "gYear",
  "gYearMonth",
  "gMonth",
  "base64Binary",
  "ID",
  "IDREF",
] as const;
export type BuiltInType = (typeof builtIns)[number];
export const BUILT_IN_TYPES: ReadonlySet<string> = new Set(builtIns);
const isBuiltIn = (name: string): name is BuiltInType => BUILT_IN_TYPES.has(name);

export type ResolvedType =
  | { kind: "complex"; type: XsdComplexType }
  | { kind: "simple"; type: XsdSimpleType }
  | { kind: "builtin"; name: BuiltInType };

/** What a type reference names: a type of the schema or a supported built-in, or an error naming where it was used. */
export function resolveType(schema: XsdSchema, name: QName, at: string): ResolvedType {
  if (name.namespace === XSD_NAMESPACE) {
    if (isBuiltIn(name.local)) return { kind: "builtin", name: name.local };
    throw new GeneratorError(
      `${schema.source}: xs:${name.local} at ${at} is not a supported built-in type (supported: ${[...BUILT_IN_TYPES].map((t) => `xs:${t}`).join(", ")})`,
      at,
    );
  }
  if (name.namespace === schema.targetNamespace) {
    const complex = schema.complexTypes.get(name.local);
    if (complex) return { kind: "complex", type: complex };
    const simple = schema.simpleTypes.get(name.local);
    if (simple) return { kind: "simple", type: simple };
  }
  throw new GeneratorError(`${schema.source}: type {${name.namespace}}${name.local} used at ${at} is not defined in the schema`, at);
}

/**
 * Checks every type reference in the schema before any code is emitted, so a typo in a hand-written XSD
 * (or a type from an imported schema, which ISO 20022 message schemas never need) fails with its location.
 */
export function checkTypeReferences(schema: XsdSchema): void {
  for (const element of schema.elements) resolveType(schema, element.type, element.at);
  for (const simple of schema.simpleTypes.values()) {
    const base = resolveType(schema, simple.base, simple.at);
    if (base.kind === "complex") {
      throw new GeneratorError(`${schema.source}: the simple type at ${simple.at} restricts complex type ${simple.base.local}`, simple.at);
    }
  }
  for (const complex of schema.complexTypes.values()) {
    if (complex.content.kind === "simple") {
      const base = resolveType(schema, complex.content.base, complex.at);
      if (base.kind === "complex") {
        throw new GeneratorError(
          `${schema.source}: the simple content at ${complex.at} extends complex type ${complex.content.base.local}`,
          complex.at,
        );
      }
    }
    if (complex.content.kind === "elements") checkGroup(schema, complex.content.group);
    for (const attribute of complex.attributes) {
      if (resolveType(schema, attribute.type, attribute.at).kind === "complex") {
        throw new GeneratorError(
          `${schema.source}: the attribute at ${attribute.at} has complex type ${attribute.type.local}`,
          attribute.at,
        );
      }
    }
  }
}

function checkGroup(schema: XsdSchema, group: XsdGroup): void {
  for (const particle of group.particles) {
    if (particle.kind === "element") resolveType(schema, particle.type, particle.at);
    else if (particle.kind !== "any") checkGroup(schema, particle);
  }
}
