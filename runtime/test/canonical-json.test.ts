import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalPayloadBytes, compareCodePoints, pythonJsonDumps } from "../src/sign/canonical-json.js";

/** Python itself is the judge: `json.dumps(json.loads(line), sort_keys=True)` for each value. */
function python(values: unknown[]): string[] {
  const script = "import json,sys\nfor line in sys.stdin.read().split('\\n'):\n    print(json.dumps(json.loads(line), sort_keys=True))";
  const result = spawnSync("python3", ["-c", script], { input: values.map((v) => JSON.stringify(v)).join("\n"), encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.split("\n").slice(0, values.length);
}

// Raw UTF-16 units, so lone surrogates, controls, DEL, Cyrillic and astral characters all turn up.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x400, max: 0x4ff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.integer({ min: 0xe000, max: 0xffff }),
  fc.integer({ min: 0, max: 0xffff }),
);
const text = fc.array(unit, { maxLength: 12 }).map((units) => String.fromCharCode(...units));
const astral = fc.integer({ min: 0x10000, max: 0x10ffff }).map((point) => String.fromCodePoint(point));
const key = fc.oneof(text, astral, fc.constantFrom("a", "B", "_", "é", "\ue000", "𝔸"));
const number = fc.oneof(
  fc.maxSafeInteger(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-4, max: 1e15 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: -1e-4 }),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, astral, number, fc.boolean(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
}));

// Python judges when it is installed (it is on CI and on the machines this project runs on).
const hasPython = spawnSync("python3", ["--version"]).status === 0;

describe.skipIf(!hasPython)("pythonJsonDumps: byte-identical to Python's json.dumps(value, sort_keys=True)", () => {
  it("agrees with Python on 400 generated values (Cyrillic, astral, lone surrogates, controls, nesting)", () => {
    const values = fc.sample(value, { numRuns: 400, seed: 131 });
    expect(values.map(pythonJsonDumps)).toEqual(python(values));
  });

  it("writes a KYC payload as the bank's Python does, then \\r\\n", () => {
    const payload = {
      type: "FL_RESIDENT",
      last_name: "Иванов",
      first_name: "Иван",
      inn: "500100732259",
      documents: [{ type: "PASSPORT_RF", number: "4509 123456" }],
      email: "ivan@example.ru",
      birthday: "01.02.1990",
    };
    const expected = python([payload])[0];
    expect(pythonJsonDumps(payload)).toBe(expected);
    expect(expected).toContain('"last_name": "\\u0418\\u0432\\u0430\\u043d\\u043e\\u0432"');
    expect(Buffer.from(canonicalPayloadBytes(payload)).toString("latin1")).toBe(`${expected}\r\n`);
  });

  it("orders keys by code point, as Python does, not by UTF-16 unit", () => {
    expect(["\uffff", "𝔸", "z"].sort(compareCodePoints)).toEqual(["z", "\uffff", "𝔸"]);
    expect(pythonJsonDumps({ 𝔸: 1, "\uffff": 2 })).toBe(python([{ 𝔸: 1, "\uffff": 2 }])[0]);
  });

  it("refuses what Python would write differently, naming the path", () => {
    const refused = (value: unknown) => {
      try {
        pythonJsonDumps(value);
      } catch (error) {
        expect(error).toBeInstanceOf(CanonicalJsonError);
        return `${(error as CanonicalJsonError).path} ${(error as CanonicalJsonError).rule}`;
      }
      throw new Error("expected a refusal");
    };
    expect(refused({ amount: { value: 0.00001 } })).toMatch(/^\/amount\/value is a number Python prints differently/);
    expect(refused({ n: 2 ** 60 })).toMatch(/^\/n is an integer beyond 2\^53/);
    expect(refused({ a: [1, Number.NaN] })).toMatch(/^\/a\/1 is NaN/);
    expect(refused({ when: new Date(0) })).toMatch(/^\/when is a Date, not plain data/);
    expect(refused({ "a/b": { f: () => 1 } })).toMatch(/^\/a~1b\/f is a function/);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(refused(loop)).toMatch(/^\/self refers back to itself/);
    expect(pythonJsonDumps({ skipped: undefined, kept: 1 })).toBe('{"kept": 1}');
  });
});
