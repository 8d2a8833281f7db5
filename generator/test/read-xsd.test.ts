import { describe, expect, it } from "vitest";
import { GeneratorError } from "../src/errors.js";
import { readXsd, XSD_NAMESPACE } from "../src/xsd/read-xsd.js";

const ns = "urn:iso:std:iso:20022:tech:xsd:head.001.001.01";
const schema = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" targetNamespace="${ns}">
${body}
</xs:schema>`;

// The constructs of the ISO 20022 message schemas, in the shape the official files write them.
const head = schema(`
  <xs:element name="AppHdr" type="BusinessApplicationHeaderV01"/>
  <xs:complexType name="BusinessApplicationHeaderV01">
    <xs:sequence>
      <xs:element name="Fr" type="Party9Choice"/>
      <xs:element name="BizMsgIdr" type="Max35Text"/>
      <xs:element name="CreDt" type="ISONormalisedDateTime"/>
      <xs:element maxOccurs="1" minOccurs="0" name="Prty" type="BusinessMessagePriorityCode"/>
      <xs:element maxOccurs="1" minOccurs="0" name="Sgntr" type="SignatureEnvelope"/>
      <xs:element maxOccurs="unbounded" minOccurs="0" name="Rltd" type="Max35Text"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="Party9Choice">
    <xs:choice>
      <xs:element name="OrgId" type="Max35Text"/>
      <xs:element name="FIId" type="Max35Text"/>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="SignatureEnvelope">
    <xs:annotation><xs:documentation>Any signature.</xs:documentation></xs:annotation>
    <xs:sequence>
      <xs:any namespace="##other" processContents="lax"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="ActiveCurrencyAndAmount">
    <xs:simpleContent>
      <xs:extension base="ActiveCurrencyAndAmount_SimpleType">
        <xs:attribute name="Ccy" type="ActiveCurrencyCode" use="required"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:simpleType name="ActiveCurrencyAndAmount_SimpleType">
    <xs:restriction base="xs:decimal">
      <xs:fractionDigits value="5"/>
      <xs:totalDigits value="18"/>
      <xs:minInclusive value="0"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="ActiveCurrencyCode">
    <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3,3}"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="Max35Text">
    <xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="35"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="ISONormalisedDateTime">
    <xs:restriction base="xs:dateTime"><xs:pattern value=".*Z"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="BusinessMessagePriorityCode">
    <xs:restriction base="xs:string"><xs:enumeration value="NORM"/><xs:enumeration value="HIGH"/></xs:restriction>
  </xs:simpleType>`);

describe("readXsd", () => {
  const read = readXsd(head, "head.xsd");

  it("reads the target namespace, the global element and qualified local elements", () => {
    expect(read.targetNamespace).toBe(ns);
    expect(read.qualified).toBe(true);
    expect(read.elements).toEqual([
      {
        name: "AppHdr",
        type: { namespace: ns, local: "BusinessApplicationHeaderV01" },
        minOccurs: 1,
        maxOccurs: 1,
        at: "/xs:schema/xs:element[@name='AppHdr']",
      },
    ]);
  });

  it("reads sequences with multiplicity, choices and lax xs:any", () => {
    const header = read.complexTypes.get("BusinessApplicationHeaderV01")!;
    expect(header.content.kind).toBe("elements");
    const group = header.content.kind === "elements" ? header.content.group : undefined;
    expect(group?.kind).toBe("sequence");
    expect(group?.particles.map((p) => (p.kind === "element" ? [p.name, p.minOccurs, p.maxOccurs] : p.kind))).toEqual([
      ["Fr", 1, 1],
      ["BizMsgIdr", 1, 1],
      ["CreDt", 1, 1],
      ["Prty", 0, 1],
      ["Sgntr", 0, 1],
      ["Rltd", 0, Number.POSITIVE_INFINITY],
    ]);
    const choice = read.complexTypes.get("Party9Choice")!.content;
    expect(choice.kind === "elements" && choice.group.kind).toBe("choice");
    const signature = read.complexTypes.get("SignatureEnvelope")!.content;
    expect(signature.kind === "elements" && signature.group.particles[0]).toMatchObject({
      kind: "any",
      namespace: "##other",
      processContents: "lax",
    });
  });

  it("reads an amount: simple content with a required currency attribute", () => {
    expect(read.complexTypes.get("ActiveCurrencyAndAmount")).toMatchObject({
      content: { kind: "simple", base: { namespace: ns, local: "ActiveCurrencyAndAmount_SimpleType" } },
      attributes: [{ name: "Ccy", type: { namespace: ns, local: "ActiveCurrencyCode" }, required: true }],
    });
  });

  it("keeps every facet, numbers where they are counts and text where they are values", () => {
    expect(read.simpleTypes.get("ActiveCurrencyAndAmount_SimpleType")).toMatchObject({
      base: { namespace: XSD_NAMESPACE, local: "decimal" },
      facets: { patterns: [], enumeration: [], fractionDigits: 5, totalDigits: 18, minInclusive: "0" },
    });
    expect(read.simpleTypes.get("Max35Text")?.facets).toEqual({ patterns: [], enumeration: [], minLength: 1, maxLength: 35 });
    expect(read.simpleTypes.get("BusinessMessagePriorityCode")?.facets.enumeration).toEqual(["NORM", "HIGH"]);
    expect(read.simpleTypes.get("ISONormalisedDateTime")?.facets.patterns).toEqual([".*Z"]);
  });

  it.each([
    [
      "xs:all",
      '<xs:complexType name="A"><xs:all><xs:element name="B" type="xs:string"/></xs:all></xs:complexType>',
      "<xs:all> at /xs:schema/xs:complexType[@name='A']/xs:all",
    ],
    ["xs:import", '<xs:import namespace="urn:x" schemaLocation="x.xsd"/>', "<xs:import> at /xs:schema/xs:import"],
    [
      "xs:union",
      '<xs:simpleType name="U"><xs:union memberTypes="xs:int xs:string"/></xs:simpleType>',
      "<xs:union> at /xs:schema/xs:simpleType[@name='U']",
    ],
    [
      "complexContent",
      '<xs:complexType name="C"><xs:complexContent><xs:extension base="A"/></xs:complexContent></xs:complexType>',
      "<xs:complexContent> at /xs:schema/xs:complexType[@name='C']/xs:complexContent",
    ],
    ["an anonymous type", '<xs:element name="E"><xs:complexType/></xs:element>', "needs a name and a named type"],
    [
      "an unknown facet",
      '<xs:simpleType name="S"><xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>',
      "<xs:whiteSpace> at /xs:schema/xs:simpleType[@name='S']/xs:restriction/xs:whiteSpace",
    ],
    ["an undeclared prefix", '<xs:element name="E" type="nope:T"/>', 'unknown namespace prefix "nope"'],
    [
      "a multiplicity that is not a count",
      '<xs:complexType name="A"><xs:sequence><xs:element name="B" type="xs:string" maxOccurs="many"/></xs:sequence></xs:complexType>',
      `maxOccurs="many" at /xs:schema/xs:complexType[@name='A']/xs:sequence/xs:element[@name='B'] is not a non-negative integer`,
    ],
    [
      "minOccurs above maxOccurs",
      '<xs:complexType name="A"><xs:sequence minOccurs="2"><xs:element name="B" type="xs:string"/></xs:sequence></xs:complexType>',
      "minOccurs 2 exceeds maxOccurs 1 at /xs:schema/xs:complexType[@name='A']/xs:sequence",
    ],
    [
      "a facet count that is not a count",
      '<xs:simpleType name="S"><xs:restriction base="xs:string"><xs:maxLength value="-1"/></xs:restriction></xs:simpleType>',
      `maxLength="-1" at /xs:schema/xs:simpleType[@name='S']/xs:restriction/xs:maxLength is not a non-negative integer`,
    ],
    [
      "an unknown processContents",
      '<xs:complexType name="A"><xs:sequence><xs:any processContents="loose"/></xs:sequence></xs:complexType>',
      "processContents=\"loose\" at /xs:schema/xs:complexType[@name='A']/xs:sequence/xs:any[1] is not lax, skip or strict",
    ],
    [
      "a type defined twice",
      '<xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType><xs:complexType name="T"/>',
      "type T at /xs:schema/xs:complexType[@name='T'] is defined twice",
    ],
  ])("refuses %s, naming it and where", (_, body, message) => {
    const error = (() => {
      try {
        readXsd(schema(body), "bad.xsd");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GeneratorError);
    expect((error as Error).message).toContain(message);
  });

  it("refuses a document that is not an XML Schema", () => {
    expect(() => readXsd("<Document/>", "x.xml")).toThrow(/expected an xs:schema root element, found <Document>/);
  });
});
