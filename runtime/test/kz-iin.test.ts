import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { checkIin } from "../src/validation/kz-iin.js";

// Check digits computed by an independent implementation of the published rule, in Python.
function withCheckDigit(first11: string): string {
  const script = `d=[int(c) for c in "${first11}"]
a=sum((i+1)*x for i,x in enumerate(d))%11
if a==10: a=sum(w*x for w,x in zip([3,4,5,6,7,8,9,10,11,1,2],d))%11
print("${first11}"+("X" if a==10 else str(a)))`;
  return spawnSync("python3", ["-c", script], { encoding: "utf8" }).stdout.trim();
}

const hasPython = spawnSync("python3", ["--version"]).status === 0;

describe.skipIf(!hasPython)("checkIin (Kazakh IIN)", () => {
  const valid = ["85010130012", "90021540056", "00022950123", "75123140077", "05061560001"]
    .map(withCheckDigit)
    .filter((iin) => !iin.endsWith("X"));

  it("accepts numbers with a real date of birth, a century digit and the right check digit", () => {
    expect(valid.length).toBeGreaterThanOrEqual(4);
    for (const iin of valid) expect(checkIin(iin), iin).toBeUndefined();
  });

  it.each([
    [
      "a wrong check digit",
      () => {
        const iin = valid[0] as string;
        return iin.slice(0, 11) + ((Number(iin[11]) + 1) % 10);
      },
      "has a wrong check digit",
    ],
    ["an impossible date (30 February)", () => withCheckDigit("85023030012"), "must begin with a date of birth that exists (YYMMDD)"],
    [
      "29 February of a year that has none (1900)",
      () => withCheckDigit("00022930123"),
      "must begin with a date of birth that exists (YYMMDD)",
    ],
    ["a century digit of 7", () => withCheckDigit("85010170012"), "must have a century and sex digit from 1 to 6 in position 7"],
    ["11 digits", () => "85010130012", "must be 12 digits"],
    ["letters", () => "85010130012A", "must be 12 digits"],
    ["a birth date in the future", () => withCheckDigit("99123160012"), "must begin with a date of birth that is not in the future"],
  ])("refuses %s", (_, make, rule) => {
    const iin = make();
    expect(checkIin(iin)).toBe(rule);
  });
});
