import type { DecimalFacets, LengthFacets } from "@bankkit/runtime/xml";
import type { BuiltInType } from "./resolve-types.js";

/**
 * The XML model IR: what the emitter needs to write a message's TypeScript types and its parse, serialize
 * and validate functions. Type references are resolved, simple types are flattened to their built-in base
 * with the facets of every restriction step, and patterns are already anchored JavaScript RegExp sources.
 */
export interface XmlModelIr {
  source: string;
  namespace: string;
  /** Local elements are in the namespace (`elementFormDefault="qualified"`, as in every ISO 20022 schema). */
  qualified: boolean;
  /** The global elements: `Document` or `AppHdr`. */
  roots: XmlField[];
  /** Every named type: complex types, then simple types, each in declaration order (the output is deterministic). */
  types: XmlTypeIr[];
}

export type XmlTypeRef = { kind: "type"; name: string } | { kind: "builtin"; builtin: BuiltInType };

interface Occurs {
  minOccurs: number;
  /** `Infinity` for `unbounded`. */
  maxOccurs: number;
  /** Location in the XSD, for messages about the schema itself. */
  at: string;
}

export interface XmlField extends Occurs {
  kind: "field";
  name: string;
  type: XmlTypeRef;
}

export interface XmlGroupIr extends Occurs {
  kind: "sequence" | "choice";
  items: XmlItem[];
}

/** Content from another namespace (a signature, supplementary data), passed through as written. */
export interface XmlAnyIr extends Occurs {
  kind: "any";
  namespace: string;
  processContents: "lax" | "skip" | "strict";
}

export type XmlItem = XmlField | XmlGroupIr | XmlAnyIr;

/** A simple value: its built-in lexical type and everything the restriction chain demands of it. */
/** Facets as the most derived restriction step sets them (a valid XSD only narrows them). */
export interface SimpleValueIr extends DecimalFacets, LengthFacets {
  builtin: BuiltInType;
  /** The allowed values, from the most derived step that lists them. */
  enumeration?: string[];
  /** One list per restriction step: a value must match one pattern of every list (XSD Part 2, 4.3.4.3). */
  patterns: string[][];
}

export interface XmlAttributeIr {
  name: string;
  value: SimpleValueIr;
  required: boolean;
  at: string;
}

export type XmlTypeIr =
  /** Element content (or none), with attributes. */
  | { kind: "complex"; name: string; content?: XmlGroupIr; attributes: XmlAttributeIr[]; at: string }
  /** A simple value with attributes: an amount with its `Ccy`. */
  | { kind: "value"; name: string; value: SimpleValueIr; attributes: XmlAttributeIr[]; at: string }
  | { kind: "simple"; name: string; value: SimpleValueIr; at: string };
