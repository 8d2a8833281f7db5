import { parseXml, type XmlNode } from "@bankkit/runtime";

/** The text of every element with this local name, in document order (namespace prefixes ignored). */
export function texts(nodes: XmlNode[], name: string): string[] {
  const found: string[] = [];
  const walk = (list: XmlNode[]) => {
    for (const node of list) {
      for (const [key, value] of Object.entries(node)) {
        if (key === ":@" || key === "#text" || !Array.isArray(value)) continue;
        if (key.split(":").pop() === name) {
          const text = (value as XmlNode[]).find((child) => "#text" in child)?.["#text"];
          if (typeof text === "string") found.push(text);
        }
        walk(value as XmlNode[]);
      }
    }
  };
  walk(nodes);
  return found;
}

/** Parses a message safely (runtime parseXml: no DOCTYPE, size and depth capped). */
export const readXml = (text: string) => parseXml(text);
