import { describe, expect, it } from "vitest";
import { lossyNumbers, scanJson } from "../src/http/json-text.js";

describe("scanJson: one pass that finds deep nesting and numbers a double may not hold", () => {
  it.each([
    ["brackets inside strings do not nest", '{"s":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', false, false],
    ["an escaped quote does not end a string", '{"a":"x\\"[[[[","b":1}', false, false],
    ["an escaped backslash before the closing quote", '{"a":"\\\\","b":12345678901234567}', false, true],
    ["an exponent", '["\\\\\\"[", 1e5]', false, true],
    ["true, false and short numbers", '{"a":true,"b":false,"c":-12.5,"d":123456789012345}', false, false],
    ["65 levels", `${"[".repeat(65)}${"]".repeat(65)}`, true, false],
    ["64 levels", `${"[".repeat(64)}${"]".repeat(64)}`, false, false],
    ["an unterminated string", '{"a":"never ends', false, false],
  ])("%s", (_, text, tooDeep, longNumbers) => {
    expect(scanJson(text)).toEqual({ tooDeep, longNumbers });
  });

  it("lossyNumbers names each place whose number a double would round, and only those", () => {
    expect(lossyNumbers('{"a":[1,{"b~/c":12345678901234567.89}],"d":0.1,"e":9007199254740993}').map((v) => v.path)).toEqual([
      "/body/a/1/b~0~1c",
      "/body/e",
    ]);
  });
});
