import { describe, expect, it } from "vitest";
import { validateXmlModel } from "../src/xml/validate-xml-model.js";
import type { XmlModel } from "../src/xml/xml-model.js";

// A slice of pacs.008.001.08 in the model's shape, with the standard's facets.
const bic = /^(?:[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9](?:[A-Z0-9]{3,3}){0,1})$/u;
const pacs008: XmlModel = {
  namespace: "urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08",
  roots: { Document: "Document" },
  types: {
    Document: {
      kind: "complex",
      content: {
        kind: "sequence",
        min: 1,
        max: 1,
        items: [{ kind: "element", name: "FIToFICstmrCdtTrf", type: "Transfer", min: 1, max: 1 }],
      },
    },
    Transfer: {
      kind: "complex",
      content: {
        kind: "sequence",
        min: 1,
        max: 1,
        items: [
          { kind: "element", name: "CdtTrfTxInf", type: "Transaction", min: 1, max: Number.POSITIVE_INFINITY },
          { kind: "any", namespace: "##any", min: 0, max: Number.POSITIVE_INFINITY },
        ],
      },
    },
    Transaction: {
      kind: "complex",
      content: {
        kind: "sequence",
        min: 1,
        max: 1,
        items: [
          { kind: "element", name: "IntrBkSttlmAmt", type: "ActiveCurrencyAndAmount", min: 1, max: 1 },
          { kind: "element", name: "IntrBkSttlmDt", type: "xs:date", min: 0, max: 1 },
          { kind: "element", name: "DbtrAgt", type: "Agent", min: 1, max: 1 },
          { kind: "element", name: "Purp", type: "Purpose2Choice", min: 0, max: 1 },
          { kind: "element", name: "RgltryRptg", type: "Max35Text", min: 0, max: 10 },
        ],
      },
    },
    ActiveCurrencyAndAmount: {
      kind: "value",
      value: { builtin: "decimal", fractionDigits: 5, totalDigits: 18, minInclusive: "0" },
      attributes: [{ name: "Ccy", required: true, value: { builtin: "string", patterns: [[/^(?:[A-Z]{3,3})$/u]] } }],
    },
    Agent: {
      kind: "complex",
      content: { kind: "sequence", min: 1, max: 1, items: [{ kind: "element", name: "BICFI", type: "BICFIIdentifier", min: 0, max: 1 }] },
    },
    BICFIIdentifier: { kind: "simple", value: { builtin: "string", patterns: [[bic]] } },
    Purpose2Choice: {
      kind: "complex",
      content: {
        kind: "choice",
        min: 1,
        max: 1,
        items: [
          { kind: "element", name: "Cd", type: "Max35Text", min: 1, max: 1 },
          { kind: "element", name: "Prtry", type: "Max35Text", min: 1, max: 1 },
        ],
      },
    },
    Max35Text: { kind: "simple", value: { builtin: "string", minLength: 1, maxLength: 35 } },
  },
};

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
      { path: `${tx}[2]/IntrBkSttlmDt`, rule: "must be an xs:date (2021-02-29 does not exist)" },
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
