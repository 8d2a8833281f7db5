import type { XmlGroupModel, XmlModel } from "./xml-model.js";
import { isGroup } from "./xml-model-walk.js";

export interface XmlWriteOptions {
  /** Indentation per level (`"  "`); omitted, the document is written on one line. */
  indent?: string;
  /** Prefix an XML declaration (`<?xml version="1.0" encoding="UTF-8"?>`). */
  declaration?: boolean;
  /** How deep the root sits when the XML goes inside another element (indentation only). */
  depth?: number;
}

const textEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
const attributeEscapes: Record<string, string> = { ...textEscapes, '"': "&quot;", "\n": "&#10;", "\t": "&#9;" };
export const escapeText = (text: string) => text.replace(/[&<>\r]/g, (c) => textEscapes[c] as string);
export const escapeAttribute = (text: string) => text.replace(/[&<>"\r\n\t]/g, (c) => attributeEscapes[c] as string);

type Fields = Record<string, unknown>;

/**
 * Writes a message object as XML in its model's order — the sequence of each type, not the order of the
 * object's keys — with the model's namespace as the default namespace of the root. Values are written as
 * the text they hold; `$any` fragments are written byte for byte. Call it on a validated message: it
 * writes what it finds and does not judge it.
 */
export function writeXmlModel(model: XmlModel, root: string, message: unknown, options: XmlWriteOptions = {}): string {
  const rootType = model.roots[root];
  if (rootType === undefined) throw new Error(`${root} is not a root element of ${model.namespace}`);
  const indent = options.indent;
  const parts: string[] = options.declaration ? ['<?xml version="1.0" encoding="UTF-8"?>'] : [];
  const base = options.depth ?? 0;
  const newline = (depth: number) => {
    if (indent !== undefined && parts.length > 0) parts.push(`\n${indent.repeat(base + depth)}`);
  };

  const writeElement = (name: string, type: string, value: unknown, depth: number, extra = "") => {
    newline(depth);
    const described = type.startsWith("xs:") ? undefined : model.types[type];
    if (described === undefined || described.kind === "simple") {
      parts.push(`<${name}${extra}>${escapeText(String(value))}</${name}>`);
      return;
    }
    const fields = value as Fields;
    let open = `<${name}${extra}`;
    for (const attribute of described.attributes ?? []) {
      const text = fields[attribute.name];
      if (text !== undefined) open += ` ${attribute.name}="${escapeAttribute(String(text))}"`;
    }
    if (described.kind === "value") {
      parts.push(`${open}>${escapeText(String(fields.value))}</${name}>`);
      return;
    }
    const before = parts.length;
    parts.push(`${open}>`);
    if (described.content) writeGroup(described.content, fields, depth + 1);
    if (parts.length === before + 1) parts[before] = `${open}/>`;
    else {
      newline(depth);
      parts.push(`</${name}>`);
    }
  };

  const writeGroup = (group: XmlGroupModel, fields: Fields, depth: number) => {
    for (const item of group.items) {
      if (isGroup(item)) writeGroup(item, fields, depth);
      else if (item.kind === "any") {
        for (const fragment of (fields.$any as string[] | undefined) ?? []) {
          newline(depth);
          parts.push(fragment);
        }
      } else {
        const value = fields[item.name];
        if (value === undefined) continue;
        if (item.max === 1) writeElement(item.name, item.type, value, depth);
        else for (const entry of value as unknown[]) writeElement(item.name, item.type, entry, depth);
      }
    }
  };

  writeElement(root, rootType, message, 0, ` xmlns="${escapeAttribute(model.namespace)}"`);
  return parts.join("");
}
