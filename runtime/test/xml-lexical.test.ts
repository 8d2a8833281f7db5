import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { checkDecimalFacets, checkLengthFacets, checkLexical, compareDecimals, type LexicalType } from "../src/xml/lexical.js";

const xmlText = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;");

/** Which of the values libxml2 accepts for a simple type restriction written in XSD. */
async function libxml2Accepts(restriction: string, values: string[]): Promise<boolean[]> {
  const schema = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="R"><xs:complexType><xs:sequence><xs:element name="V" maxOccurs="unbounded">
    <xs:simpleType>${restriction}</xs:simpleType>
  </xs:element></xs:sequence></xs:complexType></xs:element>
</xs:schema>`;
  const xml = `<R>\n${values.map((value) => `<V>${xmlText(value)}</V>`).join("\n")}\n</R>`;
  const result = await validateXML({ xml: [{ fileName: "v.xml", contents: xml }], schema: [schema] });
  const refusedLines = new Set(result.errors.map((error) => error.loc?.lineNumber));
  return values.map((_, index) => !refusedLines.has(index + 2));
}

const lexicalCases: Array<[LexicalType, string[]]> = [
  ["decimal", ["100.10", "0", "-0.5", "+1", ".5", "5.", "1e5", "1,5", "", " 12.30 ", "0044525974", "-"]],
  ["boolean", ["true", "false", "1", "0", "TRUE", "yes", " false "]],
  [
    "date",
    [
      "2021-05-11",
      "2021-05-11+06:00",
      "2021-02-29",
      "2020-02-29",
      "1900-02-29",
      "2000-02-29",
      "2021-13-01",
      "2021-04-31",
      "21-05-11",
      "2021-05-11Z",
      "0000-01-01",
      "2021-05-11+15:00",
    ],
  ],
  [
    "dateTime",
    [
      "2021-05-11T18:18:28+06:00",
      "2021-05-11T12:18:28Z",
      "2021-05-11T12:18:28.123456",
      "2021-05-11T24:00:00",
      "2021-05-11T24:00:01",
      "2021-05-11T12:60:00",
      "2021-05-11 12:00:00",
      "2021-05-11T12:18",
    ],
  ],
  ["time", ["12:18:28", "12:18:28.5+06:00", "25:00:00", "12:18"]],
  ["gYear", ["2021", "2021Z", "21", "-0044"]],
  ["gYearMonth", ["2021-05", "2021-13", "2021-5"]],
  ["gMonth", ["--05", "--05Z", "--12-01:00", "--13", "--00", "--5", "05", "--05--"]],
  ["positiveInteger", ["1", "+7", "007", "0", "-1", "1.0", "", "12345678901234567890123"]],
  // Each value once: libxml2 also refuses an ID used twice in a document (we do not check uniqueness).
  ["ID", ["a1", "_x", "ид-1.2", "1a", "a:b", "a b", "-a", ""]],
  ["base64Binary", ["", "TWFu", "TWE=", "TQ==", "TWFu TWE=", "TWF", "TQ=", "TR==", "TWE=TWFu"]],
];

const facetCases: Array<[restriction: string, values: string[]]> = [
  [
    `<xs:restriction base="xs:decimal"><xs:fractionDigits value="5"/><xs:totalDigits value="18"/><xs:minInclusive value="0"/></xs:restriction>`,
    [
      "100.10",
      "0.00000",
      "0.000001",
      "123456789012345678",
      "1234567890123456789",
      "12345678901234.56789",
      "-0",
      "-0.01",
      "000000000000000000001.10000000",
    ],
  ],
  [
    `<xs:restriction base="xs:decimal"><xs:maxExclusive value="100"/><xs:minExclusive value="-1.5"/></xs:restriction>`,
    ["99.999", "100", "100.0", "-1.5", "-1.49", "-2"],
  ],
  [
    `<xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="4"/></xs:restriction>`,
    ["", "a", "абвг", "😀😀😀😀", "abcde"],
  ],
  [`<xs:restriction base="xs:string"><xs:length value="3"/></xs:restriction>`, ["KZT", "KZ", "ТНГ", "KZTX"]],
];

describe("lexical rules and facets agree with libxml2 (xmllint-wasm)", () => {
  it.each(lexicalCases)("xs:%s", async (type, values) => {
    const ours = values.map((value) => checkLexical(type, value) === undefined);
    expect(ours).toEqual(await libxml2Accepts(`<xs:restriction base="xs:${type}"/>`, values));
  });

  it.each(facetCases)("%s", async (restriction, values) => {
    const facets = Object.fromEntries(
      [...restriction.matchAll(/<xs:(\w+) value="([^"]*)"\/>/g)].map(([, name, value]) => [
        name,
        /Digits|Length|^length/.test(name as string) ? Number(value) : value,
      ]),
    );
    const ours = restriction.includes("xs:decimal")
      ? values.map((value) => checkLexical("decimal", value) === undefined && checkDecimalFacets(value, facets) === undefined)
      : values.map((value) => checkLengthFacets(value, facets) === undefined);
    expect(ours).toEqual(await libxml2Accepts(restriction, values));
  });
});

describe("what the rules say when a value breaks them", () => {
  it("names the rule", () => {
    expect(checkLexical("decimal", "1e5")).toBe("must be an xs:decimal");
    expect(checkLexical("date", "2021-02-29")).toBe("must be an xs:date (that day does not exist)");
    expect(checkDecimalFacets("0.000001", { fractionDigits: 5 })).toBe("must have at most 5 fraction digits (fractionDigits)");
    expect(checkLengthFacets("", { minLength: 1 })).toBe("must be at least 1 characters long (minLength)");
  });

  it("compares decimals exactly where doubles cannot", () => {
    expect(compareDecimals("12345678901234567.8", "12345678901234567.9")).toBe(-1);
    expect(compareDecimals("0.30", "0.3")).toBe(0);
    expect(compareDecimals("-0", "0.0")).toBe(0);
    expect(compareDecimals("-10", "-9")).toBe(-1);
    expect(compareDecimals("010", "9.99")).toBe(1);
  });
});
