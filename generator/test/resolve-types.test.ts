import { describe, expect, it } from "vitest";
import { GeneratorError } from "../src/errors.js";
import { readXsd } from "../src/xsd/read-xsd.js";
import { checkTypeReferences, resolveType } from "../src/xsd/resolve-types.js";

const ns = "urn:iso:std:iso:20022:tech:xsd:pacs.002.001.11";
const schema = (body: string) =>
  readXsd(
    `<xs:schema xmlns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" targetNamespace="${ns}">${body}</xs:schema>`,
    "test.xsd",
  );
const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GeneratorError);
    return (error as GeneratorError).message;
  }
  throw new Error("expected a GeneratorError");
};

describe("resolveType / checkTypeReferences", () => {
  const valid = schema(`
    <xs:element name="Document" type="Document"/>
    <xs:complexType name="Document"><xs:sequence><xs:element name="Amt" type="Amount"/></xs:sequence></xs:complexType>
    <xs:complexType name="Amount">
      <xs:simpleContent><xs:extension base="Decimal"><xs:attribute name="Ccy" type="xs:string" use="required"/></xs:extension></xs:simpleContent>
    </xs:complexType>
    <xs:simpleType name="Decimal"><xs:restriction base="xs:decimal"><xs:totalDigits value="18"/></xs:restriction></xs:simpleType>`);

  it("resolves schema types and built-ins", () => {
    expect(resolveType(valid, { namespace: ns, local: "Amount" }, "/here")).toMatchObject({ kind: "complex", type: { name: "Amount" } });
    expect(resolveType(valid, { namespace: ns, local: "Decimal" }, "/here")).toMatchObject({ kind: "simple", type: { name: "Decimal" } });
    expect(resolveType(valid, { namespace: "http://www.w3.org/2001/XMLSchema", local: "decimal" }, "/here")).toEqual({
      kind: "builtin",
      name: "decimal",
    });
    expect(() => checkTypeReferences(valid)).not.toThrow();
  });

  it("names an undefined type and where it is used", () => {
    const typo = schema(`
      <xs:element name="Document" type="Document"/>
      <xs:complexType name="Document"><xs:sequence><xs:element name="MsgId" type="Max35Txt"/></xs:sequence></xs:complexType>`);
    expect(refusal(() => checkTypeReferences(typo))).toBe(
      `test.xsd: type {${ns}}Max35Txt used at /xs:schema/xs:complexType[@name='Document']/xs:sequence/xs:element[@name='MsgId'] is not defined in the schema`,
    );
  });

  it("refuses built-ins the generated models cannot keep losslessly, naming them", () => {
    const float = schema(`<xs:simpleType name="Rate"><xs:restriction base="xs:float"/></xs:simpleType>`);
    expect(refusal(() => checkTypeReferences(float))).toMatch(
      /^test\.xsd: xs:float at \/xs:schema\/xs:simpleType\[@name='Rate'\] is not a supported built-in type/,
    );
  });

  it("refuses a simple type or attribute built on a complex type", () => {
    const restriction = schema(`
      <xs:complexType name="Party"><xs:sequence><xs:element name="Nm" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:simpleType name="Code"><xs:restriction base="Party"/></xs:simpleType>`);
    expect(refusal(() => checkTypeReferences(restriction))).toMatch(/restricts complex type Party/);
    const attribute = schema(`
      <xs:complexType name="Party"><xs:sequence><xs:element name="Nm" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="Amount">
        <xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="Ccy" type="Party"/></xs:extension></xs:simpleContent>
      </xs:complexType>`);
    expect(refusal(() => checkTypeReferences(attribute))).toMatch(/attribute at .*\[@name='Ccy'\] has complex type Party/);
  });
});
