import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GeneratorError } from "../src/errors.js";
import { buildXmlIr } from "../src/xsd/build-xml-ir.js";
import { readXsd } from "../src/xsd/read-xsd.js";

const ns = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";
const ir = (body: string) =>
  buildXmlIr(
    readXsd(
      `<xs:schema xmlns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" targetNamespace="${ns}">${body}</xs:schema>`,
      "test.xsd",
    ),
  );
const refusal = (body: string) => {
  try {
    ir(body);
  } catch (error) {
    expect(error).toBeInstanceOf(GeneratorError);
    return (error as GeneratorError).message;
  }
  throw new Error("expected a GeneratorError");
};

describe("buildXmlIr", () => {
  it("resolves the header's fields and flattens its simple types (specs/xsd/head.001.001.01.xsd)", () => {
    const file = join(import.meta.dirname, "../../specs/xsd/head.001.001.01.xsd");
    const head = buildXmlIr(readXsd(readFileSync(file, "utf8"), "head.001.001.01.xsd"));
    expect(head).toMatchObject({ namespace: "urn:iso:std:iso:20022:tech:xsd:head.001.001.01", qualified: true });
    expect(head.roots).toEqual([expect.objectContaining({ name: "AppHdr", type: { kind: "type", name: "BusinessApplicationHeaderV01" } })]);
    const header = head.types.find((type) => type.name === "BusinessApplicationHeaderV01");
    expect(header?.kind === "complex" && header.content?.items[6]).toMatchObject({
      kind: "field",
      name: "CreDt",
      type: { kind: "type", name: "ISONormalisedDateTime" },
      minOccurs: 1,
      maxOccurs: 1,
    });
    expect(head.types.find((type) => type.name === "ISONormalisedDateTime")).toMatchObject({
      kind: "simple",
      value: { builtin: "dateTime", patterns: [["^(?:[^\\n\\r]*Z)$"]] },
    });
    expect(head.types.find((type) => type.name === "Max35Text")).toMatchObject({
      value: { builtin: "string", minLength: 1, maxLength: 35 },
    });
    expect(head.types.find((type) => type.name === "CopyDuplicate1Code")).toMatchObject({
      value: { enumeration: ["CODU", "COPY", "DUPL"] },
    });
  });

  it("keeps an amount's value facets and its currency attribute", () => {
    const model = ir(`
      <xs:complexType name="ActiveCurrencyAndAmount">
        <xs:simpleContent><xs:extension base="ActiveCurrencyAndAmount_SimpleType"><xs:attribute name="Ccy" type="ActiveCurrencyCode" use="required"/></xs:extension></xs:simpleContent>
      </xs:complexType>
      <xs:simpleType name="ActiveCurrencyAndAmount_SimpleType">
        <xs:restriction base="xs:decimal"><xs:fractionDigits value="5"/><xs:totalDigits value="18"/><xs:minInclusive value="0"/></xs:restriction>
      </xs:simpleType>
      <xs:simpleType name="ActiveCurrencyCode"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3,3}"/></xs:restriction></xs:simpleType>`);
    expect(model.types[0]).toEqual({
      kind: "value",
      name: "ActiveCurrencyAndAmount",
      value: { builtin: "decimal", fractionDigits: 5, totalDigits: 18, minInclusive: "0", patterns: [] },
      attributes: [
        expect.objectContaining({ name: "Ccy", required: true, value: { builtin: "string", patterns: [["^(?:[A-Z]{3,3})$"]] } }),
      ],
      at: "/xs:schema/xs:complexType[@name='ActiveCurrencyAndAmount']",
    });
  });

  it("narrows facets along a restriction chain and requires a pattern of every step", () => {
    const model = ir(`
      <xs:simpleType name="Text"><xs:restriction base="xs:string"><xs:maxLength value="35"/><xs:pattern value="[A-Z]+"/><xs:pattern value="[0-9]+"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="ShortText"><xs:restriction base="Text"><xs:maxLength value="4"/><xs:pattern value="K.*"/></xs:restriction></xs:simpleType>`);
    expect(model.types[1]).toMatchObject({
      name: "ShortText",
      value: { builtin: "string", maxLength: 4, patterns: [["^(?:[A-Z]+)$", "^(?:[0-9]+)$"], ["^(?:K[^\\n\\r]*)$"]] },
    });
  });

  it("keeps nested groups, choices and xs:any with their multiplicity", () => {
    const model = ir(`
      <xs:complexType name="Party"><xs:sequence>
        <xs:element name="Nm" type="xs:string" minOccurs="0"/>
        <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:decimal"/></xs:choice>
        <xs:any namespace="##any" processContents="lax" maxOccurs="unbounded"/>
      </xs:sequence></xs:complexType>`);
    const party = model.types[0];
    expect(party?.kind === "complex" && party.content?.items.map((item) => [item.kind, item.minOccurs, item.maxOccurs])).toEqual([
      ["field", 0, 1],
      ["choice", 0, Number.POSITIVE_INFINITY],
      ["any", 1, Number.POSITIVE_INFINITY],
    ]);
  });

  it("refuses facets that do not apply, restriction cycles and complex types used as values, naming where", () => {
    expect(
      refusal(`<xs:simpleType name="Amount"><xs:restriction base="xs:decimal"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>`),
    ).toBe("test.xsd: facet maxLength at /xs:schema/xs:simpleType[@name='Amount'] does not apply to xs:decimal");
    expect(
      refusal(
        `<xs:simpleType name="Rate"><xs:restriction base="xs:decimal"><xs:minInclusive value="zero"/></xs:restriction></xs:simpleType>`,
      ),
    ).toBe(`test.xsd: facet minInclusive="zero" at /xs:schema/xs:simpleType[@name='Rate'] is not an xs:decimal`);
    expect(
      refusal(
        `<xs:simpleType name="A"><xs:restriction base="B"/></xs:simpleType><xs:simpleType name="B"><xs:restriction base="A"/></xs:simpleType>`,
      ),
    ).toMatch(/simple type A at \/xs:schema\/xs:simpleType\[@name='A'\] restricts itself \(A → B → A\)/);
    expect(
      refusal(`
        <xs:complexType name="Party"><xs:sequence><xs:element name="Nm" type="xs:string"/></xs:sequence></xs:complexType>
        <xs:complexType name="Amount"><xs:simpleContent><xs:extension base="Party"/></xs:simpleContent></xs:complexType>`),
    ).toMatch(/simple content at \/xs:schema\/xs:complexType\[@name='Amount'\] extends complex type Party/);
  });
});
