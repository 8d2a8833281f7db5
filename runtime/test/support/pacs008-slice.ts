import type { XmlModel } from "../../src/xml/xml-model.js";

// A slice of pacs.008.001.08 in the model's shape, with the standard's facets.
export const bic = /^(?:[A-Z]{6,6}[A-Z2-9][A-NP-Z0-9](?:[A-Z0-9]{3,3}){0,1})$/u;
export const pacs008: XmlModel = {
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
          { kind: "element", name: "Sgntr", type: "SignatureEnvelope", min: 0, max: 1 },
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
          { kind: "element", name: "BtchBookg", type: "xs:boolean", min: 0, max: 1 },
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
    SignatureEnvelope: {
      kind: "complex",
      content: { kind: "sequence", min: 1, max: 1, items: [{ kind: "any", namespace: "##any", min: 1, max: 1 }] },
    },
    Max35Text: { kind: "simple", value: { builtin: "string", minLength: 1, maxLength: 35 } },
  },
};
