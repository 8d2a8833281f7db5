import { type StatementStructures, StructureKind } from "ts-morph";
import { GeneratorError } from "../errors.js";
import type { SimpleValueIr, XmlGroupIr, XmlItem, XmlModelIr, XmlTypeIr, XmlTypeRef } from "../xsd/xml-ir.js";
import { docText, literal } from "./printer.js";

/**
 * The TypeScript types of one ISO 20022 message. Properties carry the XML names (the vocabulary of the
 * standard and of every bank's mapping sheet); every simple value is its lexical string, so nothing is
 * rounded or reformatted; a choice is a union whose members exclude each other; `xs:any` content is kept
 * as the XML text of each element under `$any`.
 */
export function xmlModelTypeStatements(model: XmlModelIr): StatementStructures[] {
  const declared = new Map<string, string>();
  for (const type of model.types) {
    const clash = declared.get(xmlTypeIdentifier(type.name));
    if (clash !== undefined)
      throw new GeneratorError(
        `${model.source}: types ${clash} and ${type.name} would both be ${xmlTypeIdentifier(type.name)} in TypeScript`,
        type.at,
      );
    declared.set(xmlTypeIdentifier(type.name), type.name);
  }
  return model.types.map((type) => ({
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: xmlTypeIdentifier(type.name),
    docs: [docText(`XSD type \`${type.name}\`${describeValue(type)}.`)],
    type: typeExpression(type),
  }));
}

function describeValue(type: XmlTypeIr): string {
  if (type.kind === "complex") return type.content?.kind === "choice" ? ": exactly one of its elements" : "";
  const v = type.value;
  const facets = [
    v.length !== undefined && `length ${v.length}`,
    v.minLength !== undefined && `minLength ${v.minLength}`,
    v.maxLength !== undefined && `maxLength ${v.maxLength}`,
    v.totalDigits !== undefined && `totalDigits ${v.totalDigits}`,
    v.fractionDigits !== undefined && `fractionDigits ${v.fractionDigits}`,
    v.minInclusive !== undefined && `minInclusive ${v.minInclusive}`,
    v.maxInclusive !== undefined && `maxInclusive ${v.maxInclusive}`,
    v.minExclusive !== undefined && `minExclusive ${v.minExclusive}`,
    v.maxExclusive !== undefined && `maxExclusive ${v.maxExclusive}`,
    v.patterns.length > 0 && `pattern ${v.patterns.map((step) => step.join(" | ")).join(" and ")}`,
  ].filter(Boolean);
  return `: xs:${v.builtin} as written${facets.length > 0 ? `, ${facets.join(", ")}` : ""}`;
}

function typeExpression(type: XmlTypeIr): string {
  switch (type.kind) {
    case "simple":
      return valueExpression(type.value);
    case "value":
      return objectExpression([`value: ${valueExpression(type.value)}`, ...attributeProperties(type)]);
    case "complex": {
      const attributes = objectExpression(attributeProperties(type));
      if (!type.content) return attributes;
      const content = groupExpression(type.content);
      return type.attributes.length > 0 ? `${attributes} & (${content})` : content;
    }
  }
}

function valueExpression(value: SimpleValueIr): string {
  return value.enumeration ? value.enumeration.map(literal).join(" | ") : "string";
}

function attributeProperties(type: Extract<XmlTypeIr, { attributes: unknown }>): string[] {
  return type.attributes.map(
    (attribute) => `${property(attribute.name)}${attribute.required ? "" : "?"}: ${valueExpression(attribute.value)}`,
  );
}

function groupExpression(group: XmlGroupIr): string {
  if (group.minOccurs !== 1 || group.maxOccurs !== 1) {
    // A repeated or optional group has no name to hang its occurrences on; ISO 20022 schemas never use one.
    throw new GeneratorError(
      `a ${group.kind} with minOccurs ${group.minOccurs} and maxOccurs ${group.maxOccurs} at ${group.at} is not supported`,
      group.at,
    );
  }
  if (group.kind === "choice") {
    // Each branch excludes every element of the others; a branch may itself be a sequence of elements.
    const branchNames = group.items.map(branchElementNames);
    return group.items
      .map((item, index) => {
        const others = branchNames
          .filter((_, other) => other !== index)
          .flat()
          .filter((name) => !branchNames[index]?.includes(name))
          .map((name) => `${property(name)}?: never`);
        if (item.kind !== "sequence")
          return objectExpression([itemProperty({ ...item, minOccurs: Math.max(item.minOccurs, 1) }), ...others]);
        const own = groupExpression({ ...item, minOccurs: 1, maxOccurs: 1 });
        return others.length > 0 ? `(${own} & ${objectExpression(others)})` : own;
      })
      .join(" | ");
  }
  const properties: string[] = [];
  const nested: string[] = [];
  for (const item of group.items) {
    if (item.kind === "sequence" || item.kind === "choice") nested.push(`(${groupExpression(item)})`);
    else properties.push(itemProperty(item));
  }
  // `Record<string, never>` would make every nested property `never`: an empty object part is left out.
  return [...(properties.length > 0 || nested.length === 0 ? [objectExpression(properties)] : []), ...nested].join(" & ");
}

/** The properties a choice branch can fill: its element (or `$any`), or every element of a branch sequence. */
function branchElementNames(item: XmlItem): string[] {
  if (item.kind === "field") return [item.name];
  if (item.kind === "any") return ["$any"];
  if (item.kind === "sequence") return item.items.flatMap(branchElementNames);
  throw new GeneratorError(`a choice directly inside a choice at ${item.at} is not supported`, item.at);
}

function itemProperty(item: XmlItem): string {
  if (item.kind === "any") return `${property("$any")}: string[]`;
  if (item.kind !== "field") throw new GeneratorError(`a ${item.kind} is not a property (at ${item.at})`, item.at);
  const type = typeName(item.type);
  const many = item.maxOccurs > 1;
  const value = many ? (item.minOccurs >= 1 ? `[${type}, ...${type}[]]` : `${type}[]`) : type;
  return `${property(item.name)}${item.minOccurs === 0 ? "?" : ""}: ${value}`;
}

function typeName(ref: XmlTypeRef): string {
  return ref.kind === "type" ? xmlTypeIdentifier(ref.name) : "string";
}

/**
 * The TypeScript name of an XSD type: its own name when it is an identifier, as in every current ISO 20022
 * schema; the first versions named the message type after the message (`pacs.003.001.01`), which becomes
 * `pacs_003_001_01`.
 */
export function xmlTypeIdentifier(name: string): string {
  const identifier = name.replace(/[^\p{ID_Continue}$]/gu, "_");
  return /^[\p{ID_Start}_$]/u.test(identifier) ? identifier : `_${identifier}`;
}

function objectExpression(properties: string[]): string {
  return properties.length === 0 ? "Record<string, never>" : `{ ${properties.join("; ")} }`;
}

function property(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name);
}
