import { XMLValidator } from "fast-xml-parser";
import { buildTree } from "./build-tree.js";
import { XmlError } from "./xml-errors.js";

/** Caps on what an incoming XML document may cost to parse. */
export interface XmlLimits {
  /** Largest document accepted, in bytes of UTF-8 (default 32 MiB). */
  maxBytes?: number;
  /** Deepest element nesting accepted (default 100; ISO 20022 messages stay far below). */
  maxDepth?: number;
  /**
   * Most elements accepted (default 2,000,000: a 32 MiB camt.054 of busy entries holds about 1,000,000). The
   * parser's tree costs some 200 bytes per element whatever the element's size: without this cap 32 MiB of
   * `<a/>` took 11 s and 1.7 GB.
   */
  maxElements?: number;
  /** Most attributes in the document (default 1,000,000) and on one element (default 256). */
  maxAttributes?: number;
  maxAttributesPerElement?: number;
  /**
   * Local names of elements whose content comes back as its raw XML text, byte for byte: signatures and
   * other `xs:any` content that must pass through untouched.
   */
  rawElements?: readonly string[];
}

/** A parsed node in document order (the form fast-xml-parser's `preserveOrder` gives). */
export type XmlNode = Record<string, unknown>;

/**
 * How much structure a document's markup holds, counted in one pass before any parser builds a tree:
 * tags scanned without a regular expression, comments, CDATA and PIs skipped.
 */
interface MarkupShape {
  depth: number;
  elements: number;
  attributes: number;
  /** The most attributes (and namespace declarations) on one element. */
  widest: number;
}

function markupShape(text: string): MarkupShape {
  const shape: MarkupShape = { depth: 0, elements: 0, attributes: 0, widest: 0 };
  let depth = 0;
  let at = text.indexOf("<");
  while (at !== -1) {
    const next = text.charCodeAt(at + 1);
    let end: number;
    if (text.startsWith("<!--", at)) end = text.indexOf("-->", at) + 2;
    else if (text.startsWith("<![CDATA[", at)) end = text.indexOf("]]>", at) + 2;
    else if (next === 63 /* ? */ || next === 33 /* ! */) end = text.indexOf(">", at);
    else {
      end = text.indexOf(">", at);
      if (next === 47 /* / */) depth--;
      else {
        shape.elements++;
        if (text.charCodeAt(end - 1) !== 47 && ++depth > shape.depth) shape.depth = depth;
        // Every attribute has one `=` (a value holding one more only makes the count stricter).
        let attributes = 0;
        for (let i = at + 2; i < end; i++) if (text.charCodeAt(i) === 61 /* = */) attributes++;
        shape.attributes += attributes;
        if (attributes > shape.widest) shape.widest = attributes;
      }
    }
    if (end < at) break;
    at = text.indexOf("<", end);
  }
  return shape;
}

/** A DOCTYPE declaration in the markup — not the word inside a comment, a CDATA section or text. */
function hasDoctype(text: string): boolean {
  for (let at = text.search(/<!DOCTYPE/i); at !== -1; ) {
    const before = text.slice(0, at);
    const inComment = before.lastIndexOf("<!--") > before.lastIndexOf("-->");
    const inCdata = before.lastIndexOf("<![CDATA[") > before.lastIndexOf("]]>");
    if (!inComment && !inCdata) return true;
    const next = text.slice(at + 9).search(/<!DOCTYPE/i);
    at = next === -1 ? -1 : at + 9 + next;
  }
  return false;
}

const predefined = new Set(["amp", "lt", "gt", "quot", "apos"]);

/**
 * The first entity reference XML does not define, outside comments and CDATA: with no DOCTYPE (refused) only
 * the five predefined ones exist. fast-xml-parser would keep `&xxe;` as text and decode HTML's `&nbsp;`;
 * libxml2 refuses both.
 */
function undefinedEntity(text: string): string | undefined {
  if (!text.includes("&")) return undefined;
  const markup = text.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, "");
  for (const match of markup.matchAll(/&([^#;\s&<][^;\s&<]*);/g)) if (!predefined.has(match[1]!)) return match[1];
  return undefined;
}

/** fast-xml-parser's complaint in a reader's words, with the place when it knows one. */
function wellFormedness(text: string, err: { msg: string; line: number; col?: number }): string {
  if (text.trim() === "" || /^<\?xml[^>]*\?>\s*$/.test(text.trim())) return "the document is empty (no root element)";
  // Elements still open at the end are reported as the JSON of their names: `Invalid '[ "Document", "a" ]' found.`
  const open = /^Invalid '(\[[\s\S]*\])' found/.exec(err.msg);
  if (open) {
    const names = JSON.parse(open[1] as string) as string[];
    return `the document ends with ${names.map((name) => `<${name}>`).join(", ")} still open`;
  }
  return `${err.msg} (line ${err.line}${err.col === undefined ? "" : `, column ${err.col}`})`;
}

/**
 * Parses XML from outside the process safely: size capped, DOCTYPE refused (no entity definitions, so
 * no entity expansion attack), well-formedness checked (duplicate attributes, unclosed tags), nesting
 * capped, prototype-polluting names refused. Every refusal is an XmlError naming its rule.
 */
export function parseXml(text: string, limits: XmlLimits = {}): XmlNode[] {
  const maxBytes = limits.maxBytes ?? 32 * 1024 * 1024;
  if (text.length > maxBytes || Buffer.byteLength(text) > maxBytes) {
    throw new XmlError("size", `document larger than ${maxBytes} bytes`);
  }
  if (hasDoctype(text)) throw new XmlError("doctype", "DOCTYPE is not accepted (entity definitions could expand without bound)");
  const entity = undefinedEntity(text);
  if (entity) throw new XmlError("entity", `&${entity}; is not defined (without a DOCTYPE XML defines amp, lt, gt, quot and apos)`);
  // Counted before the parser builds anything: its cost grows with these counts.
  const shape = markupShape(text);
  const maxElements = limits.maxElements ?? 2_000_000;
  if (shape.elements > maxElements) throw new XmlError("count", `more than ${maxElements} elements`);
  const maxAttributes = limits.maxAttributes ?? 1_000_000;
  if (shape.attributes > maxAttributes) throw new XmlError("count", `more than ${maxAttributes} attributes`);
  const maxPerElement = limits.maxAttributesPerElement ?? 256;
  if (shape.widest > maxPerElement) throw new XmlError("count", `an element with more than ${maxPerElement} attributes`);
  const maxDepth = limits.maxDepth ?? 100;
  if (shape.depth > maxDepth) throw new XmlError("depth", `elements nested deeper than ${maxDepth}`);
  try {
    return buildTree(text, new Set(limits.rawElements));
  } catch (error) {
    if (error instanceof XmlError) throw error;
    // saxes stops at the first thing XML forbids. fast-xml-parser's validator says it in a reader's words
    // (which elements are still open, and where), so it speaks when it sees the fault too; run only on
    // failure, it costs a valid document nothing.
    const valid = XMLValidator.validate(text);
    const why = valid === true ? (error as Error).message : wellFormedness(text, valid.err);
    throw new XmlError("well-formed", `not well-formed XML: ${why}`);
  }
}
