import { parseXml, type XmlLimits, type XmlNode } from "./parse-xml.js";
import { emptyScope, type NamespaceScope, qualifiedName, readXmlModel, scopeOf, tagOf } from "./read-xml-model.js";
import { validateXmlModel, type XmlViolation } from "./validate-xml-model.js";
import { writeXmlModel, type XmlWriteOptions } from "./write-xml-model.js";
import { XmlMessageError } from "./xml-errors.js";
import type { XmlModel } from "./xml-model.js";
import { rawElementNames } from "./xml-model-walk.js";
import { modelForProfile, type XmlProfile } from "./xml-profiles.js";

export interface XmlReadOptions {
  profile?: XmlProfile;
  limits?: Omit<XmlLimits, "rawElements">;
}

/** The document's root element (the one element node at the top). */
export function documentElement(nodes: XmlNode[]): XmlNode {
  const elements = nodes.filter((node) => {
    const tag = tagOf(node);
    return tag !== undefined && !tag.startsWith("?");
  });
  if (elements.length !== 1)
    throw new XmlMessageError("not one document", [{ path: "/", rule: `must hold one root element, found ${elements.length}` }]);
  return elements[0] as XmlNode;
}

/** The namespace of an element as written in its scope. */
export function namespaceOf(node: XmlNode, scope: NamespaceScope = emptyScope): string {
  return qualifiedName(tagOf(node) as string, scopeOf(node, scope)).namespace ?? "";
}

/** Parse, validate and serialize one message type; what a generated ISO 20022 module exports per message. */
export interface XmlMessageCodec<T> {
  readonly model: XmlModel;
  readonly root: string;
  /** Parses and checks a document; throws XmlMessageError listing every violation. */
  parse(text: string, options?: XmlReadOptions): T;
  /** Every violation of a message object (empty when valid). */
  validate(message: unknown, options?: { profile?: XmlProfile }): XmlViolation[];
  /** Validates, then writes the message in the model's order; throws XmlMessageError when invalid. */
  serialize(message: T, options?: XmlWriteOptions & { profile?: XmlProfile }): string;
}

export function xmlMessageCodec<T>(model: XmlModel, root: string): XmlMessageCodec<T> {
  const rawElements = rawElementNames(model);
  return {
    model,
    root,
    parse(text, options = {}) {
      const node = documentElement(parseXml(text, { ...options.limits, rawElements }));
      const reading = readXmlModel(model, node, emptyScope, options.profile);
      if (reading.root !== root && reading.message !== undefined)
        reading.violations.unshift({ path: `/${reading.root}`, rule: `is not ${root}` });
      if (reading.violations.length > 0) throw new XmlMessageError(`invalid ${root} (${model.namespace})`, reading.violations);
      return reading.message as T;
    },
    validate(message, options = {}) {
      return validateXmlModel(modelForProfile(model, options.profile), root, message);
    },
    serialize(message, options = {}) {
      const violations = validateXmlModel(modelForProfile(model, options.profile), root, message);
      if (violations.length > 0) throw new XmlMessageError(`invalid ${root} (${model.namespace})`, violations);
      return writeXmlModel(model, root, message, options);
    },
  };
}
