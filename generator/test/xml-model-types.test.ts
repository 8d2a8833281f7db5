import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { printStructure } from "../src/emit/printer.js";
import { xmlModelTypeStatements } from "../src/emit/xml-model-types.js";
import { buildXmlIr } from "../src/xsd/build-xml-ir.js";
import { readXsd } from "../src/xsd/read-xsd.js";

const head = buildXmlIr(
  readXsd(readFileSync(join(import.meta.dirname, "../../specs/xsd/head.001.001.01.xsd"), "utf8"), "specs/xsd/head.001.001.01.xsd"),
);
const source = printStructure("", { statements: xmlModelTypeStatements(head) });

/** Type-checks `usage` against the emitted types under strict; an unused @ts-expect-error is an error too. */
function diagnostics(usage: string, types = source): string[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { strict: true, noEmit: true, exactOptionalPropertyTypes: true },
  });
  project.createSourceFile("types.ts", types);
  project.createSourceFile("usage.ts", `import type * as H from "./types.js";\n${usage}`);
  return project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}: ${String(d.getMessageText())}`);
}

describe("TypeScript types of an ISO 20022 message (head.001.001.01)", () => {
  it("prints each type with the standard's names, lexical strings, enumerations and exclusive choices", () => {
    expect(source).toContain("export type Max35Text = string;");
    expect(source).toContain('export type CopyDuplicate1Code = "CODU" | "COPY" | "DUPL";');
    expect(source).toContain(
      "export type Party9Choice = { OrgId: PartyIdentification42; FIId?: never } | { FIId: BranchAndFinancialInstitutionIdentification5; OrgId?: never };",
    );
    expect(source).toContain("export type SignatureEnvelope = { $any: string[] };");
    expect(source).toContain("AdrLine?: Max70Text[]");
  });

  it("compiles under strict and accepts the header KISC sends", () => {
    expect(
      diagnostics(`
        const header: H.BusinessApplicationHeaderV01 = {
          Fr: { FIId: { FinInstnId: { Othr: { Id: "SGROSS00", SchmeNm: { Prtry: "KZGRO" } } } } },
          To: { FIId: { FinInstnId: { BICFI: "HSBKKZKX" } } },
          BizMsgIdr: "GRO2021051114106",
          MsgDefIdr: "pacs.002.001.11",
          CreDt: "2021-05-11T18:18:28+06:00",
          PssblDplct: "false",
          Prty: "NORM",
          Sgntr: { $any: [] },
        };
        void header;`),
    ).toEqual([]);
  });

  it("rejects at compile time: both sides of a choice, a missing required element, a number for a lexical value, an unknown code", () => {
    expect(
      diagnostics(`
        const fi = { FinInstnId: { BICFI: "HSBKKZKX" } };
        // @ts-expect-error a choice holds exactly one of its elements
        const both: H.Party9Choice = { FIId: fi, OrgId: { Nm: "Bank" } };
        // @ts-expect-error MsgDefIdr is required
        const missing: H.BusinessApplicationHeaderV01 = { Fr: { FIId: fi }, To: { FIId: fi }, BizMsgIdr: "1", CreDt: "2021-05-11T12:18:28Z" };
        // @ts-expect-error dates stay the text they were written as
        const date: H.DateAndPlaceOfBirth = { BirthDt: 20210511, CityOfBirth: "Astana", CtryOfBirth: "KZ" };
        // @ts-expect-error not a CopyDuplicate1Code
        const code: H.CopyDuplicate1Code = "ORIG";
        void [both, missing, date, code];`),
    ).toEqual([]);
  });

  it("keeps a choice exclusive next to attributes and inside a sequence with no elements of its own", () => {
    const ns = "urn:example:groups";
    const model = buildXmlIr(
      readXsd(
        `<xs:schema xmlns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified" targetNamespace="${ns}">
          <xs:complexType name="Tagged">
            <xs:choice><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/></xs:choice>
            <xs:attribute name="Tag" type="xs:string" use="required"/>
          </xs:complexType>
          <xs:complexType name="Wrapped">
            <xs:sequence><xs:choice><xs:element name="A" type="xs:string"/><xs:element name="B" type="xs:string"/></xs:choice></xs:sequence>
          </xs:complexType>
        </xs:schema>`,
        "groups.xsd",
      ),
    );
    const types = printStructure("", { statements: xmlModelTypeStatements(model) });
    expect(
      diagnostics(
        `
        const tagged: H.Tagged[] = [{ Tag: "t", A: "a" }, { Tag: "t", B: "b" }];
        // @ts-expect-error the attribute is required whichever element is chosen
        const untagged: H.Tagged = { B: "b" };
        const wrapped: H.Wrapped = { A: "a" };
        // @ts-expect-error still exactly one
        const both: H.Wrapped = { A: "a", B: "b" };
        void [tagged, untagged, wrapped, both];`,
        types,
      ),
    ).toEqual([]);
  });
});

describe("a choice with a sequence branch (as some ISO 20022 schemas have)", () => {
  const schema = buildXmlIr(
    readXsd(
      `<xs:schema xmlns="urn:x" xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x" elementFormDefault="qualified">
        <xs:element name="Document" type="Period"/>
        <xs:complexType name="Period">
          <xs:choice>
            <xs:element name="Dt" type="xs:date"/>
            <xs:sequence><xs:element name="FrDt" type="xs:date"/><xs:element name="ToDt" type="xs:date" minOccurs="0"/></xs:sequence>
          </xs:choice>
        </xs:complexType>
      </xs:schema>`,
      "period.xsd",
    ),
  );
  const types = printStructure("", { statements: xmlModelTypeStatements(schema) });

  it("types the sequence branch as its elements, excluding the other branch and excluded by it", () => {
    expect(types).toContain(
      "export type Period = { Dt: string; FrDt?: never; ToDt?: never } | ({ FrDt: string; ToDt?: string } & { Dt?: never });",
    );
    expect(
      diagnostics(
        `
        const one: H.Period = { Dt: "2026-11-22" };
        const range: H.Period = { FrDt: "2026-11-01", ToDt: "2026-11-22" };
        // @ts-expect-error both branches
        const both: H.Period = { Dt: "2026-11-22", FrDt: "2026-11-01" };
        void one; void range; void both;`,
        types,
      ),
    ).toEqual([]);
  });
});
