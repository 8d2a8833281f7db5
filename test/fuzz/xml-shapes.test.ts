import { pacs008 } from "@bankkit/iso20022";
import { XmlError, XmlMessageError } from "@bankkit/runtime/xml";
import { describe, expect, it } from "vitest";

// Documents at the size cap (32 MiB) in the shapes that cost a parser the most, each read as a bank would
// read an answer: it must come back as a typed refusal (or a message) within 5 s. Before the markup counts,
// 32 MiB of `<a/>` took 11 s and 1.7 GB, one element with a million attributes 14 s and 2.6 GB.
const cap = 32 * 1024 * 1024;
const open = '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08"><FIToFICstmrCdtTrf>';
const close = "</FIToFICstmrCdtTrf></Document>";
const filled = (unit: string, room = cap - 200) =>
  open + unit.repeat(Math.floor((room - open.length - close.length) / unit.length)) + close;

const shapes: Array<[string, () => string, RegExp]> = [
  ["8 million empty elements", () => filled("<a/>"), /more than 2000000 elements/],
  ["2.4 million empty transactions", () => filled("<CdtTrfTxInf/>"), /more than 2000000 elements/],
  ["attributes spread over elements", () => filled('<a b="" c="" d=""/>'), /more than (2000000 elements|1000000 attributes)/],
  [
    "one element with 300 attributes",
    () => `${open}<GrpHdr ${Array.from({ length: 300 }, (_, i) => `a${i}=""`).join(" ")}/>${close}`,
    /more than 256 attributes/,
  ],
  ["nesting 10,000 deep", () => open + "<a>".repeat(10_000) + "</a>".repeat(10_000) + close, /nested deeper than 100/],
  [
    "an undefined entity at the end of 32 MiB",
    () => filled("<a>x</a>", cap - 400).replace(close, `<a>&xxe;</a>${close}`),
    /&xxe; is not defined/,
  ],
  ["one byte over the cap", () => `<a>${"x".repeat(cap)}</a>`, /larger than 33554432 bytes/],
  // fast-xml-parser's tree took 7 s and 1.2 GB for this one; saxes reads it in half a second.
  ["one text node of 32 MiB", () => `${open}<GrpHdr><MsgId>${"x".repeat(cap - 400)}</MsgId></GrpHdr>${close}`, /at most 35 characters/],
  // Accepted by the markup counts, refused by the model: the violations stop at 1,000.
  ["a million empty transactions", () => open + "<CdtTrfTxInf/>".repeat(1_000_000) + close, /reading stopped after 1000 violations/],
];

describe("XML of the cap's size in costly shapes: refused with its rule, in bounded time", { timeout: 60_000 }, () => {
  it.each(shapes)("%s", (_, make, refusal) => {
    const text = make();
    const started = performance.now();
    let error: unknown;
    try {
      pacs008.codec.parse(text);
    } catch (caught) {
      error = caught;
    }
    const elapsed = performance.now() - started;
    expect(error instanceof XmlError || error instanceof XmlMessageError, String(error)).toBe(true);
    const said = error instanceof XmlMessageError ? error.violations.map((v) => v.rule).join("; ") : String(error);
    expect(said).toMatch(refusal);
    expect(elapsed).toBeLessThan(5_000);
  });
});
