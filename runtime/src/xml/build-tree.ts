import { SaxesParser } from "saxes";
import type { XmlNode } from "./parse-xml.js";
import { XmlError } from "./xml-errors.js";

/**
 * The document as a tree of nodes in document order — elements as `{ name: children, ":@": { "@_attr": value } }`,
 * text as `{ "#text": value }` — built from saxes' events. Comments and processing instructions are not
 * content; CDATA is text; character and the predefined entity references are decoded. The content of a
 * raw element (a signature, `xs:any`) is kept as one text node holding its XML exactly as written.
 *
 * Why not fast-xml-parser's own tree: it reads text a character at a time and keeps copies — one 32 MiB
 * text node took 5.7 s and 1.1 GB — while saxes reads it in 0.3 s. saxes is a conformant XML 1.0 parser:
 * the first thing XML forbids is thrown as its error.
 */
export function buildTree(text: string, rawElements: ReadonlySet<string>): XmlNode[] {
  const parser = new SaxesParser({ position: true });
  // The children of every open element, one run after another on one stack; `starts[i]` is where the i-th
  // open element's run begins. On its end tag an element takes its run as an array of exactly its size:
  // arrays grown by push keep room for 17 and more, which was 40 % of the tree's memory.
  const stack: XmlNode[] = [];
  const starts: number[] = [];
  const openNodes: XmlNode[] = [];
  let raw: { name: string; start: number; depth: number } | undefined;
  let depth = 0;
  // The text node being filled: text, CDATA and references between two tags are one run, as the reader expects.
  let run: XmlNode | undefined;
  const addText = (value: string) => {
    if (run) run["#text"] += value;
    else {
      run = { "#text": value };
      stack.push(run);
    }
  };

  // Whitespace between two elements is layout, not content (no ISO 20022 type has mixed content): kept, it
  // would be a node for every element of a pretty-printed message. Whitespace that is an element's only
  // content stays — `<Nm> </Nm>` is a value its model judges.
  const dropLayout = (beforeChild: boolean) => {
    const siblings = stack.length - (starts[starts.length - 1] ?? 0);
    if (run && isBlank(run["#text"] as string) && (beforeChild || siblings > 1)) stack.pop();
  };

  parser.on("opentag", (tag) => {
    depth++;
    if (!raw) dropLayout(true);
    run = undefined;
    if (raw) return;
    if (tag.name === "__proto__" || tag.name === "constructor" || tag.name === "prototype")
      throw new XmlError("name", `element name ${tag.name} is not accepted`);
    // A computed key defines the property on the object itself, whatever the name.
    const node: XmlNode = { [tag.name]: noChildren };
    let attributes: Record<string, string> | undefined;
    for (const name in tag.attributes) {
      attributes ??= {};
      attributes[`@_${name}`] = tag.attributes[name] as string;
    }
    if (attributes) node[":@"] = attributes;
    stack.push(node);
    if (tag.isSelfClosing) {
      node[tag.name] = [];
      return;
    }
    const colon = tag.name.indexOf(":");
    if (rawElements.size > 0 && rawElements.has(colon < 0 ? tag.name : tag.name.slice(colon + 1)))
      raw = { name: tag.name, start: parser.position, depth };
    else {
      starts.push(stack.length);
      openNodes.push(node);
    }
  });
  parser.on("closetag", (tag) => {
    if (!raw && !tag.isSelfClosing) dropLayout(false);
    run = undefined;
    if (raw && depth === raw.depth) {
      const end = text.lastIndexOf("</", parser.position - 1);
      const content = text.slice(raw.start, end);
      (stack[stack.length - 1] as XmlNode)[raw.name] = content === "" ? [] : [{ "#text": content }];
      raw = undefined;
    } else if (!raw && !tag.isSelfClosing) {
      (openNodes.pop() as XmlNode)[tag.name] = stack.splice(starts.pop() as number);
    }
    depth--;
  });
  parser.on("text", (value) => {
    if (!raw && depth > 0) addText(value);
  });
  parser.on("cdata", (value) => {
    if (!raw) addText(value);
  });
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(text).close();
  return stack;
}

const noChildren: XmlNode[] = [];

const isBlank = (text: string) => /^[ \t\r\n]*$/.test(text);
