import { parseXml, type XmlNode } from "./parse-xml.js";
import { emptyScope, type NamespaceScope, qualifiedName, readXmlModel, scopeOf, tagOf } from "./read-xml-model.js";
import type { XmlViolation } from "./validate-xml-model.js";
import { escapeAttribute, type XmlWriteOptions } from "./write-xml-model.js";
import { XmlMessageError } from "./xml-errors.js";
import { documentElement, type XmlMessageCodec, type XmlReadOptions } from "./xml-message.js";
import { rawElementNames } from "./xml-model-walk.js";
import type { XmlProfile } from "./xml-profiles.js";

/**
 * A list of one message type inside wrapper elements — KISC's unread list is
 * `soapenv:Envelope/soapenv:Body/Data/MESSAGES*`. Wrappers are written in Clark notation
 * (`{http://schemas.xmlsoap.org/soap/envelope/}Envelope`; a bare name is in no namespace).
 */
export interface XmlListSpec<T> {
  wrappers: readonly string[];
  item: XmlMessageCodec<T>;
}

export interface XmlListCodec<T> {
  parse(text: string, options?: XmlReadOptions): T[];
  validate(items: unknown, options?: { profile?: XmlProfile }): XmlViolation[];
  serialize(items: T[], options?: XmlWriteOptions & { profile?: XmlProfile }): string;
}

const clark = (name: string) => {
  const match = /^\{([^}]*)\}(.+)$/.exec(name);
  return match ? { namespace: match[1] as string, local: match[2] as string } : { namespace: "", local: name };
};

export function xmlListCodec<T>(spec: XmlListSpec<T>): XmlListCodec<T> {
  const wrappers = spec.wrappers.map(clark);
  const rawElements = rawElementNames(spec.item.model);
  const itemPath = `/${wrappers.map((w) => w.local).join("/")}/${spec.item.root}`;
  const validate = (items: unknown, options: { profile?: XmlProfile } = {}) => {
    if (!Array.isArray(items)) return [{ path: itemPath, rule: "must be a list" }];
    return items.flatMap((item, index) =>
      spec.item.validate(item, options).map((v) => ({ ...v, path: `${itemPath}[${index + 1}]${v.path.slice(spec.item.root.length + 1)}` })),
    );
  };
  return {
    validate,
    parse(text, options = {}) {
      let node = documentElement(parseXml(text, { ...options.limits, rawElements }));
      let scope: NamespaceScope = scopeOf(node, emptyScope);
      const path: string[] = [];
      for (const [depth, wrapper] of wrappers.entries()) {
        const name = qualifiedName(tagOf(node) as string, scope);
        path.push(name.local);
        if (name.local !== wrapper.local || name.namespace !== wrapper.namespace)
          throw new XmlMessageError("unexpected wrapper", [{ path: `/${path.join("/")}`, rule: `must be ${spec.wrappers[depth]}` }]);
        if (depth === wrappers.length - 1) break;
        const children = (node[tagOf(node) as string] as XmlNode[]).filter((child) => tagOf(child) !== undefined);
        if (children.length !== 1)
          throw new XmlMessageError("unexpected wrapper", [
            { path: `/${path.join("/")}`, rule: `must hold one ${spec.wrappers[depth + 1]}` },
          ]);
        node = children[0] as XmlNode;
        scope = scopeOf(node, scope);
      }
      const items: T[] = [];
      const violations: XmlViolation[] = [];
      const children = (node[tagOf(node) as string] as XmlNode[]).filter((child) => tagOf(child) !== undefined);
      for (const [index, child] of children.entries()) {
        const reading = readXmlModel(spec.item.model, child, scope, options.profile);
        const at = `/${path.join("/")}/${reading.root}[${index + 1}]`;
        if (reading.root !== spec.item.root) violations.push({ path: at, rule: `is not ${spec.item.root}` });
        for (const v of reading.violations) violations.push({ ...v, path: at + v.path.slice(reading.root.length + 1) });
        items.push(reading.message as T);
      }
      if (violations.length > 0) throw new XmlMessageError(`invalid ${spec.item.root} list`, violations);
      return items;
    },
    serialize(items, options = {}) {
      const violations = validate(items, options);
      if (violations.length > 0) throw new XmlMessageError(`invalid ${spec.item.root} list`, violations);
      const open = wrappers.map((w, depth) => {
        const declared = depth === 0 || w.namespace !== wrappers[depth - 1]?.namespace;
        return `<${w.local}${declared ? ` xmlns="${escapeAttribute(w.namespace)}"` : ""}>`;
      });
      const close = [...wrappers].reverse().map((w) => `</${w.local}>`);
      return `${open.join("")}${items.map((item) => spec.item.serialize(item, { ...options, declaration: false })).join("")}${close.join("")}`;
    },
  };
}
