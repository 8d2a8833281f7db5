import type { DecimalFacets, LengthFacets } from "@bankkit/runtime/xml";

/**
 * Typed XSD objects: what `read-xsd.ts` makes of an XML Schema document, limited to the constructs the
 * ISO 20022 message schemas use. Everything else is refused by the reader with its location.
 */

/** An XML name with its namespace (the schema's target namespace for local declarations). */
export interface QName {
  namespace: string;
  local: string;
}

export interface XsdSchema {
  /** Where the schema was read from, for error messages. */
  source: string;
  targetNamespace: string;
  /** `elementFormDefault="qualified"`: local elements are in the target namespace. */
  qualified: boolean;
  /** Global elements (a message schema has one: `Document` or `AppHdr`). */
  elements: XsdElement[];
  complexTypes: Map<string, XsdComplexType>;
  simpleTypes: Map<string, XsdSimpleType>;
}

export interface XsdElement {
  name: string;
  /** A named type (in the schema, or a built-in `xs:` type). */
  type: QName;
  minOccurs: number;
  /** `Infinity` for `unbounded`. */
  maxOccurs: number;
  /** Location of the declaration, such as `/xs:schema/xs:complexType[@name='GroupHeader93']/xs:sequence/xs:element[@name='MsgId']`. */
  at: string;
}

/** Element content: a sequence or a choice of particles, each with its own multiplicity. */
export interface XsdGroup {
  kind: "sequence" | "choice";
  minOccurs: number;
  maxOccurs: number;
  particles: XsdParticle[];
  at: string;
}

/** `xs:any`: content from other namespaces passed through as it is (the Sgntr signature, SplmtryData). */
export interface XsdAny {
  kind: "any";
  namespace: string;
  processContents: "lax" | "skip" | "strict";
  minOccurs: number;
  maxOccurs: number;
  at: string;
}

export type XsdParticle = ({ kind: "element" } & XsdElement) | XsdGroup | XsdAny;

export interface XsdAttribute {
  name: string;
  type: QName;
  required: boolean;
  at: string;
}

export interface XsdComplexType {
  name: string;
  /** Element content, or a simple value with attributes (`simpleContent`: an amount with its `Ccy`). */
  content: { kind: "elements"; group: XsdGroup } | { kind: "simple"; base: QName } | { kind: "empty" };
  attributes: XsdAttribute[];
  at: string;
}

/** Facets of a simple type restriction, as written (values kept as text: 18 digits do not fit a double). */
export interface XsdFacets extends DecimalFacets, LengthFacets {
  patterns: string[];
  enumeration: string[];
}

export interface XsdSimpleType {
  name: string;
  base: QName;
  facets: XsdFacets;
  at: string;
}
