import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { parse as parseYaml } from "yaml";
import { buildXmlIr } from "../src/xsd/build-xml-ir.js";
import { readXsd } from "../src/xsd/read-xsd.js";
import type { XsdGroup } from "../src/xsd/xsd-model.js";

const xsdDir = join(import.meta.dirname, "../../specs/xsd");
const read = (file: string) => readXsd(readFileSync(join(xsdDir, file), "utf8"), `specs/xsd/${file}`);
const names = (group: XsdGroup) => group.particles.map((p) => (p.kind === "element" ? p.name : p.kind));

describe("the message schemas in specs/xsd", () => {
  it.each(readdirSync(xsdDir).filter((file) => file.endsWith(".xsd")))(
    "%s reads, every type reference resolves and every pattern compiles",
    (file) => {
      const schema = read(file);
      expect(schema.qualified).toBe(true);
      expect(schema.targetNamespace).toBe(`urn:iso:std:iso:20022:tech:xsd:${file.replace(/\.xsd$/, "")}`);
      // Building the IR resolves every type reference and translates every pattern; each must compile.
      for (const type of buildXmlIr(schema).types) {
        for (const step of type.kind === "complex" ? [] : type.value.patterns)
          for (const source of step) expect(() => new RegExp(source, "u")).not.toThrow();
      }
    },
  );

  it("head.001.001.01 has the standard's header: element order, multiplicity, the sender choice and a lax signature", () => {
    const head = read("head.001.001.01.xsd");
    expect(head.elements.map((e) => e.name)).toEqual(["AppHdr"]);
    const header = head.complexTypes.get("BusinessApplicationHeaderV01");
    if (header?.content.kind !== "elements") throw new Error("BusinessApplicationHeaderV01 has no element content");
    expect(names(header.content.group)).toEqual([
      "CharSet",
      "Fr",
      "To",
      "BizMsgIdr",
      "MsgDefIdr",
      "BizSvc",
      "CreDt",
      "CpyDplct",
      "PssblDplct",
      "Prty",
      "Sgntr",
      "Rltd",
    ]);
    const required = header.content.group.particles.filter((p) => p.kind === "element" && p.minOccurs === 1);
    expect(required.map((p) => (p.kind === "element" ? p.name : ""))).toEqual(["Fr", "To", "BizMsgIdr", "MsgDefIdr", "CreDt"]);

    const party = head.complexTypes.get("Party9Choice");
    expect(party?.content.kind === "elements" && party.content.group.kind).toBe("choice");
    const signature = head.complexTypes.get("SignatureEnvelope");
    expect(signature?.content.kind === "elements" && signature.content.group.particles).toEqual([
      expect.objectContaining({ kind: "any", namespace: "http://www.w3.org/2000/09/xmldsig#", processContents: "lax", minOccurs: 1 }),
    ]);
    expect(head.simpleTypes.get("ISONormalisedDateTime")?.facets.patterns).toEqual([".*Z"]);
    expect(head.simpleTypes.get("BICFIIdentifier")?.facets.patterns).toEqual(["[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3,3}){0,1}"]);
  });
});

// libxml2 (through xmllint-wasm) is the independent judge: our XSD must be a schema it compiles, and must
// accept and refuse the same headers the standard does.
describe("head.001.001.01 judged by libxml2", () => {
  const xsd = readFileSync(join(xsdDir, "head.001.001.01.xsd"), "utf8");
  const sample = parseYaml(readFileSync(join(import.meta.dirname, "../../specs/samples/kisc-etsfo/message-pacs002.response.yaml"), "utf8"))
    .value as string;
  const kiscHeader = /<AppHdr[\s\S]*<\/AppHdr>/.exec(sample)?.[0] ?? "";
  const validate = async (xml: string) =>
    (await validateXML({ xml: [{ fileName: "AppHdr.xml", contents: xml }], schema: [xsd] })).errors.map((e) => e.message);

  it("refuses the header as KISC sends it: CreDt with +06:00 and an empty Sgntr break the standard", async () => {
    const errors = await validate(kiscHeader);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/Element '\{urn:iso:std:iso:20022:tech:xsd:head\.001\.001\.01\}CreDt': \[facet 'pattern'\]/);
    expect(errors[1]).toMatch(/Element '\{urn:iso:std:iso:20022:tech:xsd:head\.001\.001\.01\}Sgntr': Missing child element/);
  });

  it("accepts it in the standard's form: CreDt in UTC and an XML signature in Sgntr", async () => {
    const standard = kiscHeader
      .replace("2021-05-11T18:18:28+06:00", "2021-05-11T12:18:28Z")
      .replace("<Sgntr/>", '<Sgntr><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></Sgntr>');
    expect(await validate(standard)).toEqual([]);
  });

  it("refuses what the standard forbids: a second sender choice, a bad BIC, an element out of order", async () => {
    const withBic = (bic: string) => kiscHeader.replace("<FinInstnId>", `<FinInstnId><BICFI>${bic}</BICFI>`);
    expect(await validate(withBic("HSBKKZKX")).then((e) => e.filter((m) => m.includes("BICFI")))).toEqual([]);
    expect((await validate(withBic("xxHSBKKZKXyy"))).some((m) => m.includes("BICFI") && m.includes("pattern"))).toBe(true);
    const twoChoices = kiscHeader.replace(/<\/FIId>(\s*)<\/Fr>/, "</FIId><OrgId/>$1</Fr>");
    expect((await validate(twoChoices)).some((m) => m.includes("OrgId") && m.includes("not expected"))).toBe(true);
    const reordered = kiscHeader.replace(/(<BizMsgIdr>.*<\/BizMsgIdr>)(\s*)(<MsgDefIdr>.*<\/MsgDefIdr>)/, "$3$2$1");
    expect((await validate(reordered)).some((m) => m.includes("MsgDefIdr") && m.includes("not expected"))).toBe(true);
  });
});
