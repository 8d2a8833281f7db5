import { describe, expect, it } from "vitest";
import { maxBytes, utf8Length } from "../src/validation/validator-helpers.js";

describe("utf8Length: bytes of UTF-8 without encoding", () => {
  it.each([
    ["", 0],
    ["ascii", 5],
    ["Платёж", 12],
    ["₸ 100", 7],
    ["😀 emoji", 10],
    ["lone \ud800 surrogate", 18],
    ["\udc00", 3],
  ])("%j is %i bytes, as Buffer.byteLength says", (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(Buffer.byteLength(text)).toBe(bytes);
  });

  it("maxBytes reports the bytes a value has", () => {
    const violations: { path: string; rule: string; message: string }[] = [];
    maxBytes("Ж".repeat(6), 10, violations, "", "/text");
    maxBytes("Ж".repeat(5), 10, violations, "", "/fits");
    expect(violations).toEqual([{ path: "/text", rule: "x-bankkit-max-bytes", message: "must be at most 10 bytes in UTF-8 (is 12)" }]);
  });
});
