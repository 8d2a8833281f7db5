import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ResponseValidationError } from "../src/errors.js";
import { calendarDate } from "../src/validation/calendar-date.js";
import { unzipAnswer } from "../src/zip/unzip-answer.js";

/** A base64 zip made by Python's zipfile: an archive the runtime did not write itself. */
function pythonZip(files: Record<string, string | { zeros: number }>): string {
  const script = `import base64, io, json, sys, zipfile
files = json.loads(sys.argv[1]); out = io.BytesIO()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("reports/", "")
    for name, content in files.items():
        z.writestr(name, content if isinstance(content, str) else bytes(content["zeros"]))
print(base64.b64encode(out.getvalue()).decode())`;
  return spawnSync("python3", ["-c", script, JSON.stringify(files)], { encoding: "utf8", maxBuffer: 1 << 26 }).stdout.trim();
}

const context = { operationId: "act", attempts: 1 };
const hasPython = spawnSync("python3", ["--version"]).status === 0;

describe.skipIf(!hasPython)("unzipAnswer (x-bankkit-unzip)", () => {
  it("returns the files of the archive in order, without directory entries", () => {
    const binary = pythonZip({ "reports/act.txt": "Акт за август", "reports/rows.csv": "a;b\n1;2\n" });
    const files = unzipAnswer({ binary }, "/binary", context, 200);
    expect(files.map((f) => [f.name, new TextDecoder().decode(f.bytes)])).toEqual([
      ["reports/act.txt", "Акт за август"],
      ["reports/rows.csv", "a;b\n1;2\n"],
    ]);
  });

  it.each([
    ["a field that is not base64", { binary: "not base64!" }, "/body/binary contentEncoding"],
    ["base64 that is not a zip", { binary: Buffer.from("plain text").toString("base64") }, "/body/binary x-bankkit-unzip"],
    ["a missing field", {}, "/body/binary contentEncoding"],
  ])("refuses %s as a contract violation", (_, answer, violation) => {
    const error = (() => {
      try {
        unzipAnswer(answer, "/binary", context, 200);
      } catch (e) {
        return e;
      }
    })() as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.violations.map((v) => `${v.path} ${v.rule}`)).toEqual([violation]);
  });

  it("refuses an archive that unpacks beyond 64 MB before unpacking it", () => {
    const bomb = pythonZip({ "big.bin": { zeros: 65 * 1024 * 1024 } });
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => unzipAnswer({ binary: bomb }, "/binary", context, 200)).toThrow(/unpacks beyond 67108864 bytes/);
  });
});

describe("calendarDate", () => {
  it("writes a Date's local calendar day and passes strings through", () => {
    expect(calendarDate(new Date(2021, 9, 1, 23, 59), "YYYYMMDD")).toBe("20211001");
    expect(calendarDate(new Date(987, 0, 5), "DD.MM.YYYY")).toBe("05.01.0987");
    expect(calendarDate("2021-10-01", "YYYYMMDD")).toBe("2021-10-01");
    expect(calendarDate(new Date(Number.NaN), "YYYYMMDD")).toBe("");
  });
});
