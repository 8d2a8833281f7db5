import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { GeneratorError } from "../src/errors.js";
import { xsdPatternToRegExpSource } from "../src/xsd/xsd-pattern.js";

const compile = (pattern: string) => new RegExp(xsdPatternToRegExpSource(pattern, "/here"), "u");

// Patterns as the ISO 20022 schemas write them, plus the places where the XSD and JavaScript dialects part.
const cases: Array<[pattern: string, values: string[]]> = [
  ["[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3,3}){0,1}", ["HSBKKZKX", "HSBKKZKXXXX", "xxHSBKKZKXyy", "HSBKKZKXyy", "HSBKKZ1X", "HSBKKZKO"]],
  ["[A-Z]{2,2}[0-9]{2,2}[a-zA-Z0-9]{1,30}", ["KZ86125KZT5004100100", "kz86125", "KZ8", "KZ86 125"]],
  ["[A-Z0-9]{18,18}[0-9]{2,2}", ["5493001KJTIIGC8Y1R12", "5493001KJTIIGC8Y1R1X", "5493001KJTIIGC8Y1R123"]],
  ["\\+[0-9]{1,3}-[0-9()+\\-]{1,30}", ["+7-7172555555", "+7-(727)-555", "7-7172555555", "+7-"]],
  [".*Z", ["2021-05-11T12:18:28Z", "2021-05-11T18:18:28+06:00", "Z", "a\nZ"]],
  ["[a-zA-Z0-9]{4}", ["ACSP", "AC$P", "ACSPX"]],
  ["[0-9]{1,15}", ["080540001234", "044525974", "", "1e5", "١٢٣"]],
  ["\\d{3}", ["123", "١٢٣", "12a"]],
  ["a$b", ["a$b", "ab"]],
  ["^a", ["^a", "a"]],
  ["a.c", ["abc", "a\nc", "a\rc", "a\u2028c"]],
  ["\\s\\S", [" x", "\tx", "\u00a0x", "xx"]],
  ["[^A-Z]+", ["abc", "aBc"]],
  ["a|bc", ["a", "bc", "abc"]],
  ["\\p{Lu}+", ["ABC", "AbC", "ÄÖ"]],
  ["(ab)+\\.\\-", ["abab.-", "ab-"]],
];

describe("xsdPatternToRegExpSource", () => {
  it("anchors the pattern: a BIC with extra characters around it is not a BIC", () => {
    expect(compile("[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3,3}){0,1}").test("xxHSBKKZKXyy")).toBe(false);
  });

  // libxml2 is the reference implementation of XSD patterns: every value must be accepted or refused by the
  // translated RegExp exactly as xmllint accepts or refuses it.
  it("agrees with libxml2 (xmllint-wasm) on every pattern and value", async () => {
    const xmlText = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;");
    for (const [pattern, values] of cases) {
      const schema = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="R"><xs:complexType><xs:sequence><xs:element name="V" maxOccurs="unbounded">
    <xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="${xmlText(pattern).replace(/"/g, "&quot;")}"/></xs:restriction></xs:simpleType>
  </xs:element></xs:sequence></xs:complexType></xs:element>
</xs:schema>`;
      // One value per line, so libxml2's line numbers say which values it refused.
      const xml = `<R>\n${values.map((value) => `<V>${xmlText(value)}</V>`).join("\n")}\n</R>`;
      const result = await validateXML({ xml: [{ fileName: "v.xml", contents: xml }], schema: [schema] });
      const refusedLines = new Set(result.errors.map((error) => error.loc?.lineNumber));
      const libxml2 = values.map((_, index) => !refusedLines.has(index + 2));
      const ours = values.map((value) => compile(pattern).test(value));
      expect({ pattern, ours }).toEqual({ pattern, ours: libxml2 });
    }
  });

  it.each([
    ["[a-z-[aeiou]]", "character class subtraction"],
    ["\\i\\c*", "the XML name escape \\i"],
    ["\\p{IsBasicLatin}+", "the Unicode block escape \\p{IsBasicLatin}"],
    ["[A-Z", "an unterminated character class"],
    ["a\\'", "the escape \\'"],
  ])("refuses %s, naming the construct and the location", (pattern, what) => {
    const at = "/xs:schema/xs:simpleType[@name='X']";
    const refusal = (() => {
      try {
        xsdPatternToRegExpSource(pattern, at);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(GeneratorError);
    expect(refusal).toMatchObject({ message: `pattern "${pattern}" at ${at}: ${what} is not supported`, pointer: at });
  });

  it("refuses a pattern malformed in both dialects instead of failing later at run time", () => {
    expect(() => xsdPatternToRegExpSource("[A-Z]{3}(", "/here")).toThrow(
      expect.objectContaining({
        name: "GeneratorError",
        message: expect.stringMatching(/^pattern "\[A-Z\]\{3\}\(" at \/here: malformed syntax \(/),
      }),
    );
  });
});
