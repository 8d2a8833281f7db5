import type { DecimalFacets, LengthFacets, LexicalType } from "./lexical.js";

/**
 * The description of one XML message that a generated ISO 20022 package hands to the runtime: its
 * namespace, root elements and named types, in the shape of the generator's XML IR. The runtime walks it to
 * validate, parse and serialize, so every message shares one tested implementation and the generated
 * package is types plus this table.
 */
export interface XmlModel {
  namespace: string;
  /** Root element name → its type. */
  roots: Record<string, string>;
  types: Record<string, XmlTypeModel>;
}

export type XmlTypeModel =
  | { kind: "complex"; content?: XmlGroupModel; attributes?: XmlAttributeModel[] }
  | { kind: "value"; value: XmlValueRule; attributes: XmlAttributeModel[] }
  | { kind: "simple"; value: XmlValueRule };

export interface XmlOccurs {
  min: number;
  /** `Infinity` for unbounded. */
  max: number;
}

export interface XmlGroupModel extends XmlOccurs {
  kind: "sequence" | "choice";
  items: XmlParticleModel[];
}

export type XmlParticleModel =
  | (XmlOccurs & { kind: "element"; name: string /** A type of the model, or `xs:<built-in>`. */; type: string })
  | (XmlOccurs & { kind: "any"; namespace: string })
  | XmlGroupModel;

export interface XmlAttributeModel {
  name: string;
  value: XmlValueRule;
  required: boolean;
}

/** What a simple value must satisfy: its lexical type and facets (patterns: one of each inner list). */
export interface XmlValueRule extends DecimalFacets, LengthFacets {
  builtin: LexicalType;
  enumeration?: readonly string[];
  patterns?: readonly (readonly RegExp[])[];
}
