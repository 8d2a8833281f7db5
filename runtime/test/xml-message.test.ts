import { describe, expect, it } from "vitest";
import { XmlMessageError } from "../src/xml/xml-errors.js";
import { xmlMessageCodec } from "../src/xml/xml-message.js";
import { pacs008 } from "./support/pacs008-slice.js";

const ns = "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08";
const codec = xmlMessageCodec<Record<string, unknown>>(pacs008, "Document");
const signature =
  '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo Id="a&amp;b"/>\n  <ds:SignatureValue>AQID&#10;BA==</ds:SignatureValue></ds:Signature>';

const document = (transactions: string, tail = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>
<!-- from a test -->
<Document xmlns="${ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${ns} pacs.008.xsd">
  <FIToFICstmrCdtTrf>${transactions}${tail}</FIToFICstmrCdtTrf>
</Document>`;

const transaction = `
    <CdtTrfTxInf>
      <IntrBkSttlmAmt Ccy="KZT">100.10</IntrBkSttlmAmt>
      <IntrBkSttlmDt>2021-05-11</IntrBkSttlmDt>
      <BtchBookg>false</BtchBookg>
      <DbtrAgt><BICFI>HSBKKZKX</BICFI></DbtrAgt>
      <Purp><Prtry>011</Prtry></Purp>
      <RgltryRptg>KOD 19</RgltryRptg>
      <RgltryRptg>KBE 17</RgltryRptg>
    </CdtTrfTxInf>`;

function violationsOf(text: string) {
  try {
    codec.parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(XmlMessageError);
    return (error as XmlMessageError).violations;
  }
  throw new Error("expected the document to be refused");
}

describe("xmlMessageCodec: parse", () => {
  it("reads values as their lexical text, lists as arrays, and the xs:any signature byte for byte", () => {
    const message = codec.parse(document(transaction, `<Sgntr>\n${signature}\n</Sgntr>`));
    expect(message).toEqual({
      FIToFICstmrCdtTrf: {
        CdtTrfTxInf: [
          {
            IntrBkSttlmAmt: { value: "100.10", Ccy: "KZT" },
            IntrBkSttlmDt: "2021-05-11",
            BtchBookg: "false",
            DbtrAgt: { BICFI: "HSBKKZKX" },
            Purp: { Prtry: "011" },
            RgltryRptg: ["KOD 19", "KBE 17"],
          },
        ],
        Sgntr: { $any: [signature] },
      },
    });
  });

  it("accepts the same document written with a namespace prefix", () => {
    const prefixed = `<p:Document xmlns:p="${ns}"><p:FIToFICstmrCdtTrf><p:CdtTrfTxInf><p:IntrBkSttlmAmt Ccy="KZT">5</p:IntrBkSttlmAmt><p:DbtrAgt/></p:CdtTrfTxInf></p:FIToFICstmrCdtTrf></p:Document>`;
    expect(codec.parse(prefixed)).toEqual({
      FIToFICstmrCdtTrf: { CdtTrfTxInf: [{ IntrBkSttlmAmt: { value: "5", Ccy: "KZT" }, DbtrAgt: {} }] },
    });
  });

  it("names every element it cannot place: unknown, out of order, wrong namespace, stray text and attributes", () => {
    const tx = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf";
    const broken = `
    <CdtTrfTxInf>
      <IntrBkSttlmDt>2021-05-11</IntrBkSttlmDt>
      <IntrBkSttlmAmt Ccy="KZT">100.10</IntrBkSttlmAmt>
      <DbtrAgt Rate="1"><BICFI>HSBKKZKX</BICFI><Nm>Bank</Nm></DbtrAgt>
      loose text
      <Purp><Cd>SALA</Cd><Prtry>011</Prtry></Purp>
      <x:RgltryRptg xmlns:x="urn:other">KOD 19</x:RgltryRptg>
    </CdtTrfTxInf>`;
    expect(violationsOf(document(transaction + broken))).toEqual([
      { path: `${tx}[2]`, rule: "holds text, but Transaction holds only elements" },
      // The required IntrBkSttlmAmt is there, after it: IntrBkSttlmDt is the one out of place, as libxml2 says too.
      { path: `${tx}[2]/IntrBkSttlmDt`, rule: "is out of order: Transaction holds it after IntrBkSttlmAmt" },
      { path: `${tx}[2]/DbtrAgt/@Rate`, rule: "is not an attribute of this element" },
      { path: `${tx}[2]/DbtrAgt/Nm`, rule: "is not an element of Agent" },
      { path: `${tx}[2]/Purp/Prtry`, rule: "is a second choice: Purpose2Choice holds only one of Cd, Prtry" },
      { path: `${tx}[2]/RgltryRptg[1]`, rule: `is in namespace urn:other, not ${ns}` },
    ]);
  });

  it("refuses a document of another message, and reports lexical and facet violations after reading", () => {
    expect(violationsOf(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.002.001.11"/>`)).toEqual([
      { path: "/Document", rule: `is not a root element of ${ns} (found namespace urn:iso:std:iso:20022:tech:xsd:pacs.002.001.11)` },
    ]);
    const bad = transaction.replace("100.10", "1.1234567890123456789").replace("false", "no").replace("HSBKKZKX", "xxHSBKKZKXyy");
    expect(violationsOf(document(bad)).map((v) => v.path)).toEqual([
      "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt",
      "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/BtchBookg",
      "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/DbtrAgt/BICFI",
    ]);
  });

  it("reads an empty signature as an empty list, which the model's minOccurs refuses", () => {
    expect(violationsOf(document(transaction, "<Sgntr/>"))).toEqual([
      { path: "/Document/FIToFICstmrCdtTrf/Sgntr/$any", rule: "must occur at least 1 times (minOccurs), found 0" },
    ]);
  });
});

describe("xmlMessageCodec: serialize", () => {
  it("writes the model's order whatever the key order, with the default namespace, and reads back equal", () => {
    const message = codec.parse(document(transaction, `<Sgntr>${signature}</Sgntr>`));
    const tx = (message.FIToFICstmrCdtTrf as { CdtTrfTxInf: Record<string, unknown>[] }).CdtTrfTxInf[0] as Record<string, unknown>;
    const shuffled = {
      FIToFICstmrCdtTrf: { ...(message.FIToFICstmrCdtTrf as object), CdtTrfTxInf: [Object.fromEntries(Object.entries(tx).reverse())] },
    };
    const xml = codec.serialize(shuffled);
    expect(xml).toBe(
      `<Document xmlns="${ns}"><FIToFICstmrCdtTrf><CdtTrfTxInf><IntrBkSttlmAmt Ccy="KZT">100.10</IntrBkSttlmAmt><IntrBkSttlmDt>2021-05-11</IntrBkSttlmDt><BtchBookg>false</BtchBookg><DbtrAgt><BICFI>HSBKKZKX</BICFI></DbtrAgt><Purp><Prtry>011</Prtry></Purp><RgltryRptg>KOD 19</RgltryRptg><RgltryRptg>KBE 17</RgltryRptg></CdtTrfTxInf><Sgntr>${signature}</Sgntr></FIToFICstmrCdtTrf></Document>`,
    );
    expect(codec.parse(xml)).toEqual(message);
    expect(codec.parse(codec.serialize(message, { indent: "  ", declaration: true }))).toEqual(message);
  });

  it("escapes text and attribute values and refuses an invalid message before writing", () => {
    const message = {
      FIToFICstmrCdtTrf: {
        CdtTrfTxInf: [{ IntrBkSttlmAmt: { value: "1", Ccy: "KZT" }, DbtrAgt: {}, Purp: { Prtry: 'A&B <"C">' } }],
      },
    };
    const xml = codec.serialize(message);
    expect(xml).toContain('<Prtry>A&amp;B &lt;"C"&gt;</Prtry>');
    expect(codec.parse(xml)).toEqual(message);
    expect(() => codec.serialize({ FIToFICstmrCdtTrf: { CdtTrfTxInf: [{ DbtrAgt: {} }] } })).toThrow(
      /CdtTrfTxInf\[1\]\/IntrBkSttlmAmt is required/,
    );
  });
});

describe("a choice with a sequence branch", () => {
  const period = xmlMessageCodec<Record<string, string>>(
    {
      namespace: "urn:x",
      roots: { Document: "Period" },
      types: {
        Period: {
          kind: "complex",
          content: {
            kind: "choice",
            min: 1,
            max: 1,
            items: [
              { kind: "element", name: "Dt", type: "xs:date", min: 1, max: 1 },
              {
                kind: "sequence",
                min: 1,
                max: 1,
                items: [
                  { kind: "element", name: "FrDt", type: "xs:date", min: 1, max: 1 },
                  { kind: "element", name: "ToDt", type: "xs:date", min: 0, max: 1 },
                ],
              },
            ],
          },
        },
      },
    },
    "Document",
  );

  it("reads and writes the sequence branch, and refuses elements of both branches", () => {
    const range = period.parse('<Document xmlns="urn:x"><FrDt>2026-11-01</FrDt><ToDt>2026-11-22</ToDt></Document>');
    expect(range).toEqual({ FrDt: "2026-11-01", ToDt: "2026-11-22" });
    expect(period.serialize(range)).toBe('<Document xmlns="urn:x"><FrDt>2026-11-01</FrDt><ToDt>2026-11-22</ToDt></Document>');
    expect(period.validate({ Dt: "2026-11-22", FrDt: "2026-11-01" })).toEqual([
      { path: "/Document", rule: "must hold only one of Dt, (sequence), found Dt and (sequence)" },
    ]);
    expect(period.validate({ ToDt: "2026-11-22" })).toEqual([{ path: "/Document/FrDt", rule: "is required (minOccurs 1)" }]);
  });
});
