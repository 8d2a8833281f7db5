import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXmlModel, type XmlModel } from "@bankkit/runtime/xml";
import { describe, expect, it } from "vitest";
import { printXmlModelTable, xmlModelTable } from "../src/emit/xml-model-table.js";
import { buildXmlIr } from "../src/xsd/build-xml-ir.js";
import { readXsd } from "../src/xsd/read-xsd.js";

const xsd = join(import.meta.dirname, "../../specs/xsd/head.001.001.01.xsd");
const head = xmlModelTable(buildXmlIr(readXsd(readFileSync(xsd, "utf8"), "head.001.001.01.xsd")));

// The header of the seed's pacs.002 sample, as KISC sends it.
const kiscHeader = {
  Fr: { FIId: { FinInstnId: { Othr: { Id: "SGROSS00", SchmeNm: { Prtry: "KZGRO" } } } } },
  To: { FIId: { FinInstnId: { Othr: { Id: "K0000014", SchmeNm: { Prtry: "KZGRO" } } } } },
  BizMsgIdr: "GRO2021051114106",
  MsgDefIdr: "pacs.002.001.11",
  CreDt: "2021-05-11T18:18:28+06:00",
  Prty: "NORM",
  Sgntr: { $any: [] },
};

describe("the model table of head.001.001.01 from specs/xsd", () => {
  // The same two findings libxml2 reports for this header (generator/test/xsd-specs.test.ts).
  it("finds what the standard's schema finds in the KISC header: a CreDt outside UTC and an empty signature", () => {
    expect(validateXmlModel(head, "AppHdr", kiscHeader)).toEqual([
      { path: "/AppHdr/CreDt", rule: "must match ^(?:[^\\n\\r]*Z)$ (pattern)" },
      { path: "/AppHdr/Sgntr/$any", rule: "must occur at least 1 times (minOccurs), found 0" },
    ]);
    const standard = {
      ...kiscHeader,
      CreDt: "2021-05-11T12:18:28Z",
      Sgntr: { $any: ['<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>'] },
    };
    expect(validateXmlModel(head, "AppHdr", standard)).toEqual([]);
  });

  it("prints as a TypeScript expression that evaluates to the same table", () => {
    const printed = printXmlModelTable(head);
    expect(printed).toContain(
      `"ISONormalisedDateTime": {"kind":"simple","value":{"builtin":"dateTime","patterns":[[/^(?:[^\\n\\r]*Z)$/u]]}},`,
    );
    const evaluated = new Function(`return ${printed};`)() as XmlModel;
    expect(evaluated).toEqual(head);
    expect(validateXmlModel(evaluated, "AppHdr", kiscHeader)).toEqual(validateXmlModel(head, "AppHdr", kiscHeader));
  });
});
