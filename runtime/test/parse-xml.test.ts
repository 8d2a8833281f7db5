import { describe, expect, it } from "vitest";
import { parseXml, XmlError } from "../src/xml.js";

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof XmlError) return error.rule;
    throw error;
  }
  return "accepted";
};

describe("parseXml", () => {
  it("keeps bank values as written and decodes character references", () => {
    const [root] = parseXml(
      '<Ntry><Amt Ccy="KZT">100.10</Amt><BIC>044525974</BIC><Cd>01</Cd><Nm>&#1046;&#x416; &amp; Co</Nm><X>1e5</X></Ntry>',
    );
    expect(JSON.stringify(root)).toBe(
      '{"Ntry":[{"Amt":[{"#text":"100.10"}],":@":{"@_Ccy":"KZT"}},{"BIC":[{"#text":"044525974"}]},{"Cd":[{"#text":"01"}]},{"Nm":[{"#text":"ЖЖ & Co"}]},{"X":[{"#text":"1e5"}]}]}',
    );
  });

  it.each([
    ["a DOCTYPE with entities (billion laughs)", '<!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;">]><a>&l2;</a>', "doctype"],
    ["an oversized document", `<a>${"x".repeat(2048)}</a>`, "size"],
    ["nesting deeper than the cap", `${"<a>".repeat(120)}${"</a>".repeat(120)}`, "depth"],
    ["a repeated attribute", '<a Ccy="KZT" Ccy="USD">1</a>', "well-formed"],
    ["an unclosed element", "<a><b></a>", "well-formed"],
    ["a truncated document", '<Document xmlns="urn:x"><GrpHdr><MsgId>1</Ms', "well-formed"],
    ["a prototype-polluting element name", "<__proto__><polluted>1</polluted></__proto__>", "name"],
    ["an entity no DOCTYPE defines (XXE's reference without its declaration)", "<Nm>&xxe;</Nm>", "entity"],
    ["an HTML entity, which XML does not have", "<Nm>A&nbsp;B</Nm>", "entity"],
    ["an undefined entity in an attribute", '<Amt Ccy="&kzt;">1</Amt>', "entity"],
    // Characters XML 1.0 forbids, which libxml2 refuses and fast-xml-parser's validator let through.
    ["a control character in text", "<Nm>A\u0001B</Nm>", "well-formed"],
    ["a character reference to a control character", "<Nm>A&#1;B</Nm>", "well-formed"],
    ["two root elements", "<a/><b/>", "well-formed"],
  ])("refuses %s", (_, text, rule) => {
    expect(refusal(() => parseXml(text, { maxBytes: 1024 }))).toBe(rule);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["", "not well-formed XML: the document is empty (no root element)"],
    ['<?xml version="1.0"?>\n', "not well-formed XML: the document is empty (no root element)"],
    ["<Document><GrpHdr>", "not well-formed XML: the document ends with <Document>, <GrpHdr> still open"],
    ["<a></b>", "not well-formed XML: Expected closing tag 'a' (opened in line 1, col 1) instead of closing tag 'b'. (line 1, column 4)"],
  ])("says what is wrong with %j in words, and where", (text, message) => {
    expect(() => parseXml(text)).toThrow(new XmlError("well-formed", message));
  });

  it("reads DOCTYPE or an entity-like text inside a comment or CDATA as the text it is", () => {
    expect(refusal(() => parseXml("<!-- no <!DOCTYPE here --><a><!-- &nbsp; --><![CDATA[&xxe; <!DOCTYPE>]]>&amp;&#65;</a>"))).toBe(
      "accepted",
    );
    expect(refusal(() => parseXml("<!-- a --><!DOCTYPE a><a/>"))).toBe("doctype");
  });

  it("keeps no nodes for the layout between elements, and keeps whitespace that is an element's value", () => {
    expect(JSON.stringify(parseXml("<a>\n  <b>1</b>\n  <c> </c>\n  <d/>\n</a>\n"))).toBe(
      '[{"a":[{"b":[{"#text":"1"}]},{"c":[{"#text":" "}]},{"d":[]}]}]',
    );
  });

  it("reads a processing instruction inside an element as no content, as XML says", () => {
    expect(JSON.stringify(parseXml('<?xml version="1.0"?><a><?app hint?><b>x<?pi?>y</b></a>'))).toBe('[{"a":[{"b":[{"#text":"xy"}]}]}]');
  });

  it("does not count markup inside comments, CDATA or processing instructions as nesting", () => {
    const hidden = `<?xml version="1.0"?><a><!-- ${"<b>".repeat(200)} --><![CDATA[${"<c>".repeat(200)}]]></a>`;
    expect(refusal(() => parseXml(hidden))).toBe("accepted");
  });
});
