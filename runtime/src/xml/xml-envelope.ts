import { parseXml, type XmlNode } from "./parse-xml.js";
import { emptyScope, qualifiedName, readXmlModel, scopeOf, tagOf } from "./read-xml-model.js";
import type { XmlViolation } from "./validate-xml-model.js";
import { escapeAttribute, type XmlWriteOptions } from "./write-xml-model.js";
import { XmlMessageError } from "./xml-errors.js";
import { documentElement, type XmlMessageCodec, type XmlReadOptions } from "./xml-message.js";
import { rawElementNames } from "./xml-model-walk.js";
import type { XmlProfile } from "./xml-profiles.js";

/**
 * A transport envelope around ISO 20022 messages: an unqualified wrapper element holding either a business
 * application header followed by a Document, or one encrypted element. KISC's ETSFO gateway wraps every
 * message this way (`<Envelope><AppHdr/><Document/></Envelope>` or `<Envelope><EncryptedData/></Envelope>`).
 */
export interface XmlEnvelopeSpec {
  /** The wrapper's element name (in no namespace). */
  root: string;
  /** The business application header (head.001). */
  header: XmlMessageCodec<unknown>;
  /** Every Document the envelope may carry; the header's MsgDefIdr names which (its namespace's last segment). */
  documents: readonly XmlMessageCodec<unknown>[];
  /** The encrypted alternative, kept as its XML text. */
  encrypted?: { element: string; namespace: string };
  /** Unqualified elements the gateway may wrap the envelope in when it answers (KISC: `<Data>`); read, never written. */
  wrappers?: readonly string[];
}

/** The envelope as a message object: header and document, or the encrypted element's XML text. */
export type XmlEnvelopeValue = { AppHdr: unknown; Document: unknown } | Record<string, string>;

export interface XmlEnvelopeCodec<T> {
  /** The wrapper element's name, and the gateway wrappers it is also read from. */
  readonly root: string;
  readonly wrappers: readonly string[];
  parse(text: string, options?: XmlReadOptions): T;
  validate(envelope: unknown, options?: { profile?: XmlProfile }): XmlViolation[];
  serialize(envelope: T, options?: XmlWriteOptions & { profile?: XmlProfile }): string;
}

/** The message definition a Document namespace stands for: `urn:…:pacs.008.001.08` → `pacs.008.001.08`. */
export const messageDefinition = (namespace: string) => namespace.slice(namespace.lastIndexOf(":") + 1);

export function xmlEnvelopeCodec<T>(spec: XmlEnvelopeSpec): XmlEnvelopeCodec<T> {
  const byDefinition = new Map(spec.documents.map((codec) => [messageDefinition(codec.model.namespace), codec]));
  const rawElements = [
    ...new Set([spec.header, ...spec.documents].flatMap((codec) => rawElementNames(codec.model)).concat(spec.encrypted?.element ?? [])),
  ].sort();
  const at = (path: string) => `/${spec.root}${path}`;
  const definitionOf = (header: unknown) =>
    typeof header === "object" && header !== null ? (header as { MsgDefIdr?: unknown }).MsgDefIdr : undefined;

  /** The header and document checks shared by parse and validate: MsgDefIdr must name a known Document. */
  const documentFor = (header: unknown, violations: XmlViolation[]) => {
    const definition = definitionOf(header);
    const codec = typeof definition === "string" ? byDefinition.get(definition) : undefined;
    if (!codec && typeof definition === "string")
      violations.push({
        path: at("/AppHdr/MsgDefIdr"),
        rule: `names no message this envelope carries (${[...byDefinition.keys()].join(", ")})`,
      });
    return codec;
  };

  const validate = (envelope: unknown, options: { profile?: XmlProfile } = {}) => {
    const violations: XmlViolation[] = [];
    if (typeof envelope !== "object" || envelope === null) return [{ path: at(""), rule: "must be an object" }];
    const fields = envelope as Record<string, unknown>;
    if (spec.encrypted && spec.encrypted.element in fields) {
      if (typeof fields[spec.encrypted.element] !== "string")
        violations.push({ path: at(`/${spec.encrypted.element}`), rule: "must be XML text" });
      if ("AppHdr" in fields || "Document" in fields)
        violations.push({ path: at(""), rule: `holds either ${spec.encrypted.element} or AppHdr and Document, not both` });
      return violations;
    }
    for (const v of spec.header.validate(fields.AppHdr, options)) violations.push({ ...v, path: at(v.path) });
    const codec = documentFor(fields.AppHdr, violations);
    if (codec) for (const v of codec.validate(fields.Document, options)) violations.push({ ...v, path: at(v.path) });
    for (const key of Object.keys(fields))
      if (key !== "AppHdr" && key !== "Document") violations.push({ path: at(`/${key}`), rule: `is not part of ${spec.root}` });
    return violations;
  };

  return {
    root: spec.root,
    wrappers: spec.wrappers ?? [],
    validate,
    parse(text, options = {}) {
      let root = documentElement(parseXml(text, { ...options.limits, rawElements }));
      let scope = scopeOf(root, emptyScope);
      let name = qualifiedName(tagOf(root) as string, scope);
      if (name.namespace === "" && spec.wrappers?.includes(name.local)) {
        const inner = (root[tagOf(root) as string] as XmlNode[]).filter((child) => tagOf(child) !== undefined);
        if (inner.length !== 1)
          throw new XmlMessageError(`not a ${spec.root}`, [{ path: `/${name.local}`, rule: `must hold one ${spec.root}` }]);
        root = inner[0] as XmlNode;
        scope = scopeOf(root, scope);
        name = qualifiedName(tagOf(root) as string, scope);
      }
      if (name.local !== spec.root || name.namespace !== "")
        throw new XmlMessageError(`not a ${spec.root}`, [{ path: `/${name.local}`, rule: `must be ${spec.root} in no namespace` }]);
      const children = (root[tagOf(root) as string] as XmlNode[]).filter((child) => tagOf(child) !== undefined);
      const violations: XmlViolation[] = [];
      const envelope: Record<string, unknown> = {};
      const [first, second, ...rest] = children;
      const firstName = first && qualifiedName(tagOf(first) as string, scopeOf(first, scope));
      if (spec.encrypted && firstName?.local === spec.encrypted.element && firstName.namespace === spec.encrypted.namespace && !second) {
        envelope[spec.encrypted.element] = elementText(first as XmlNode);
        return envelope as T;
      }
      if (!first || !second || rest.length > 0) {
        violations.push({
          path: at(""),
          rule: `must hold AppHdr and Document${spec.encrypted ? ` or one ${spec.encrypted.element}` : ""}`,
        });
      } else {
        const header = readXmlModel(spec.header.model, first, scope, options.profile);
        envelope.AppHdr = header.message;
        for (const v of header.violations) violations.push({ ...v, path: at(v.path) });
        const documentNamespace = qualifiedName(tagOf(second) as string, scopeOf(second, scope)).namespace ?? "";
        const codec = spec.documents.find((candidate) => candidate.model.namespace === documentNamespace);
        if (!codec) {
          violations.push({
            path: at("/Document"),
            rule: `is in namespace ${documentNamespace || "none"}, which this envelope does not carry`,
          });
        } else {
          const document = readXmlModel(codec.model, second, scope, options.profile);
          envelope.Document = document.message;
          for (const v of document.violations) violations.push({ ...v, path: at(v.path) });
          const declared = definitionOf(header.message);
          if (typeof declared === "string" && declared !== messageDefinition(codec.model.namespace))
            violations.push({
              path: at("/AppHdr/MsgDefIdr"),
              rule: `says ${declared}, but the Document is ${messageDefinition(codec.model.namespace)}`,
            });
        }
      }
      if (violations.length > 0) throw new XmlMessageError(`invalid ${spec.root}`, violations);
      return envelope as T;
    },
    serialize(envelope, options = {}) {
      const violations = validate(envelope, options);
      if (violations.length > 0) throw new XmlMessageError(`invalid ${spec.root}`, violations);
      const fields = envelope as Record<string, unknown>;
      const inner = { ...options, declaration: false, depth: 1 };
      const lead = options.indent !== undefined ? `\n${options.indent}` : "";
      const parts =
        spec.encrypted && spec.encrypted.element in fields
          ? [fields[spec.encrypted.element] as string]
          : [
              spec.header.serialize(fields.AppHdr, inner),
              (documentFor(fields.AppHdr, []) as XmlMessageCodec<unknown>).serialize(fields.Document, inner),
            ];
      const declaration = options.declaration ? `<?xml version="1.0" encoding="UTF-8"?>${options.indent !== undefined ? "\n" : ""}` : "";
      return `${declaration}<${spec.root}>${parts.map((part) => lead + part).join("")}${options.indent !== undefined ? "\n" : ""}</${spec.root}>`;
    },
  };
}

/** An element read as a stop node, written back as XML: its attributes re-escaped, its content as it came. */
function elementText(node: XmlNode): string {
  const tag = tagOf(node) as string;
  const attributes = (node[":@"] ?? {}) as Record<string, string>;
  const written = Object.entries(attributes)
    .map(([key, value]) => ` ${key.slice(2)}="${escapeAttribute(value)}"`)
    .join("");
  const content = ((node[tag] as XmlNode[])[0]?.["#text"] as string | undefined) ?? "";
  return `<${tag}${written}>${content}</${tag}>`;
}

/**
 * Narrows an envelope to the message its header announces: TypeScript does not narrow a union by a nested
 * property (`envelope.AppHdr.MsgDefIdr`), so this guard does it. `carries(message, "pacs.002.001.11")`.
 */
export function carries<E extends { AppHdr?: { MsgDefIdr: string } }, D extends string>(
  envelope: E,
  definition: D,
): envelope is Extract<E, { AppHdr: { MsgDefIdr: D } }> {
  return envelope.AppHdr?.MsgDefIdr === definition;
}
