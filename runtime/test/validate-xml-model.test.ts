import { describe, expect, it } from "vitest";
import { validateXmlModel } from "../src/xml/validate-xml-model.js";
import { bic, pacs008 } from "./support/pacs008-slice.js";

const transaction = {
  IntrBkSttlmAmt: { value: "100.10", Ccy: "KZT" },
  IntrBkSttlmDt: "2021-05-11",
  DbtrAgt: { BICFI: "HSBKKZKX" },
  Purp: { Prtry: "KNP 119" },
  RgltryRptg: ["KOD 19", "KBE 17"],
};

describe("validateXmlModel", () => {
  it("accepts a valid message", () => {
    expect(validateXmlModel(pacs008, "Document", { FIToFICstmrCdtTrf: { CdtTrfTxInf: [transaction], $any: ["<Sgntr/>"] } })).toEqual([]);
  });

  it("returns every violation with its path and the rule it broke", () => {
    const broken = {
      FIToFICstmrCdtTrf: {
        CdtTrfTxInf: [
          transaction,
          {
            IntrBkSttlmAmt: { value: "100.123456", Ccy: "kzt" },
            IntrBkSttlmDt: "2021-02-29",
            DbtrAgt: { BICFI: "xxHSBKKZKXyy", Nm: "Bank" },
            Purp: { Cd: "SALA", Prtry: "119" },
            RgltryRptg: Array.from({ length: 11 }, () => "KOD 19"),
          },
          { IntrBkSttlmAmt: { value: 100.1 }, Purp: {}, RgltryRptg: "KOD 19" },
        ],
      },
    };
    const tx = "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf";
    expect(validateXmlModel(pacs008, "Document", broken)).toEqual([
      { path: `${tx}[2]/IntrBkSttlmAmt/@Ccy`, rule: "must match ^(?:[A-Z]{3,3})$ (pattern)" },
      { path: `${tx}[2]/IntrBkSttlmAmt`, rule: "must have at most 5 fraction digits (fractionDigits)" },
      { path: `${tx}[2]/IntrBkSttlmDt`, rule: "must be an xs:date (that day does not exist)" },
      { path: `${tx}[2]/DbtrAgt/BICFI`, rule: `must match ${bic.source} (pattern)` },
      { path: `${tx}[2]/DbtrAgt/Nm`, rule: "is not an element or attribute of Agent" },
      { path: `${tx}[2]/Purp`, rule: "must hold only one of Cd, Prtry, found Cd and Prtry" },
      { path: `${tx}[2]/RgltryRptg`, rule: "must occur at most 10 times (maxOccurs), found 11" },
      { path: `${tx}[3]/IntrBkSttlmAmt/@Ccy`, rule: "is required" },
      { path: `${tx}[3]/IntrBkSttlmAmt`, rule: "must be text (xs:decimal as written), found a number" },
      { path: `${tx}[3]/DbtrAgt`, rule: "is required (minOccurs 1)" },
      { path: `${tx}[3]/Purp`, rule: "must hold one of Cd, Prtry" },
      { path: `${tx}[3]/RgltryRptg`, rule: "must be a list (maxOccurs 10)" },
    ]);
  });

  it("checks counts of required repeats and xs:any content, and names an unknown root", () => {
    expect(validateXmlModel(pacs008, "Document", { FIToFICstmrCdtTrf: { CdtTrfTxInf: [], $any: [42] } })).toEqual([
      { path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf", rule: "must occur at least 1 times (minOccurs), found 0" },
      { path: "/Document/FIToFICstmrCdtTrf/$any", rule: "must be a list of XML texts" },
    ]);
    const noAmount = { FIToFICstmrCdtTrf: { CdtTrfTxInf: [{ ...transaction, IntrBkSttlmAmt: { Ccy: "KZT" } }] } };
    expect(validateXmlModel(pacs008, "Document", noAmount)).toEqual([
      { path: "/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[1]/IntrBkSttlmAmt", rule: "must be text (xs:decimal as written), found nothing" },
    ]);
    expect(validateXmlModel(pacs008, "AppHdr", {})).toEqual([
      { path: "/AppHdr", rule: "is not a root element of urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08 (roots: Document)" },
    ]);
  });
});
