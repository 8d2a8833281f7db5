import { type ErrorContext, RequestValidationError, ResponseValidationError, type Violation } from "../errors.js";
import type { XmlViolation } from "../xml/validate-xml-model.js";
import { XmlError, XmlMessageError } from "../xml/xml-errors.js";
import type { XmlProfile } from "../xml/xml-profiles.js";

/** What a generated XML model offers a client: parse with every violation, validate, serialize. */
export interface XmlCodecLike {
  parse(text: string, options?: { profile?: XmlProfile }): unknown;
  validate(value: unknown, options?: { profile?: XmlProfile }): XmlViolation[];
  serialize(value: unknown, options?: { profile?: XmlProfile }): string;
}

/** The value a codec reads and writes: what a typed XML body is in a generated client's signature. */
export type XmlValueOf<C> = C extends { parse(text: string, ...rest: never[]): infer T } ? T : never;

/** An XML body typed by a model from specs/xsd (`x-bankkit-xml` in the spec), read under a profile. */
export interface XmlBodySpec {
  xml: XmlCodecLike;
  profile?: XmlProfile;
  /** Where a request body's XML signature goes (`["AppHdr", "Sgntr"]`), when the client has an `xmlSigner`. */
  signature?: readonly string[];
  /** The body may travel as XML Encryption's EncryptedData: encrypted or decrypted when the client has an `xmlEncryptor`. */
  encrypted?: boolean;
}

/** Encrypts a serialized XML body and decrypts an answer: `xmlContentEncryptor` from `@bankkit/runtime/xml`. */
export interface XmlDocumentEncryptor {
  encryptXml(xml: string): Promise<string>;
  decryptXml(xml: string): Promise<string>;
}

/** Signs a serialized XML document into an element of it: `xmlDsigSigner` from `@bankkit/runtime/xmldsig`. */
export interface XmlDocumentSigner {
  signXml(xml: string, into: readonly string[]): Promise<string>;
}

export const isXmlBodySpec = (value: unknown): value is XmlBodySpec => typeof value === "object" && value !== null && "xml" in value;

const asViolations = (violations: readonly XmlViolation[]): Violation[] =>
  violations.map((v) => ({ path: `/body${v.path}`, rule: "xml", message: v.rule }));

/** Validates a typed XML request body and writes it; nothing is sent when it breaks its model. */
export function serializeXmlBody(spec: XmlBodySpec, body: unknown, context: ErrorContext): string {
  const profile = spec.profile ? { profile: spec.profile } : {};
  const violations = spec.xml.validate(body, profile);
  if (violations.length > 0) throw new RequestValidationError(context, asViolations(violations));
  return spec.xml.serialize(body, profile);
}

/** Reads a typed XML response body; anything its model refuses is a ResponseValidationError with every path. */
export function parseXmlBody(spec: XmlBodySpec, text: string, context: ErrorContext, status: number): unknown {
  try {
    return spec.xml.parse(text, spec.profile ? { profile: spec.profile } : {});
  } catch (error) {
    if (error instanceof XmlMessageError) throw new ResponseValidationError(context, status, asViolations(error.violations), error);
    if (error instanceof XmlError)
      throw new ResponseValidationError(context, status, [{ path: "/body", rule: "xml", message: error.message }], error);
    throw error;
  }
}
