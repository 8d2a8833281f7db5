import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { strictTscOutput } from "./support/compile.js";

// `bankkit generate --xsd` on published schemas from outside specs/xsd (fixtures/xsd-catalogue/SOURCES.md):
// the constructs the current messages do not use — a message type named like the message (2006's
// pacs.003.001.01), xs:gMonth, xs:ID, xs:IDREF and xs:positiveInteger.
const root = join(import.meta.dirname, "..", "..");
const fixtures = join(import.meta.dirname, "fixtures", "xsd-catalogue");
const out = join(root, "test-artifacts", "xsd-catalogue");
const schemas = readdirSync(fixtures).filter((file) => file.endsWith(".xsd"));
const bin = join(root, "generator", "bin", "bankkit.js");

interface GeneratedCodec {
  parse(xml: string): unknown;
}

describe("bankkit generate --xsd FILE... --out DIR", { timeout: 120_000 }, () => {
  let result: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    rmSync(out, { recursive: true, force: true });
    result = spawnSync(process.execPath, [bin, "generate", "--xsd", ...schemas.map((file) => join(fixtures, file)), "--out", out], {
      encoding: "utf8",
    });
  });

  it("makes one package from published schemas wherever they lie; it compiles under strict", () => {
    expect(result.status, String(result.stderr)).toBe(0);
    expect(String(result.stdout)).toMatch(/xsd-catalogue: 7 files from 3 XSD files in \d+ ms/);
    expect(readdirSync(join(out, "src")).sort()).toEqual(["index.ts", "pacs.003.001.01.ts", "reda.064.001.02.ts", "tsin.009.001.01.ts"]);
    const manifest = JSON.parse(readFileSync(join(out, "package.json"), "utf8"));
    expect(manifest).toMatchObject({
      name: "@bankkit/iso20022",
      bankkit: { xsd: schemas },
      devDependencies: { typescript: expect.any(String) },
    });
    expect(readFileSync(join(out, "src", "pacs.003.001.01.ts"), "utf8")).toContain("export type pacs_003_001_01 = {");
    expect(strictTscOutput(out, ["src/**/*.ts"])).toBe("");
  });

  it("names the package after its one schema, or --name", () => {
    const one = join(out, "..", "xsd-catalogue-one");
    const named = spawnSync(process.execPath, [bin, "generate", "--xsd", join(fixtures, "reda.064.001.02.xsd"), "--out", one], {
      encoding: "utf8",
    });
    expect(named.status, named.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(one, "package.json"), "utf8")).name).toBe("@bankkit/iso20022-reda.064.001.02");
    const chosen = spawnSync(
      process.execPath,
      [bin, "generate", "--xsd", join(fixtures, "reda.064.001.02.xsd"), "--out", one, "--name", "calendar"],
      {
        encoding: "utf8",
      },
    );
    expect(JSON.parse(readFileSync(join(one, "package.json"), "utf8")).name, chosen.stderr).toBe("@bankkit/calendar");
  });

  it("refuses what it cannot make, saying why", () => {
    const usage = (args: string[]) => spawnSync(process.execPath, [bin, "generate", ...args], { encoding: "utf8" });
    expect(usage(["--xsd", "--out", out]).stderr).toMatch(/^bankkit generate: --xsd needs the schema files/m);
    expect(usage(["--xsd", join(fixtures, schemas[0] as string)]).stderr).toMatch(/^bankkit generate: --xsd and --out go together/m);
    expect(usage(["--xsd", "a.xsd", "--spec", "b.yaml", "--out", out]).stderr).toMatch(/--spec or --xsd, not both/);
    const twice = usage(["--xsd", join(fixtures, schemas[0] as string), join(fixtures, schemas[0] as string), "--out", out]);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/two schemas are named pacs\.003\.001\.01\.xsd/);
    const notXsd = usage(["--xsd", join(root, "package.json"), "--out", out]);
    expect(notXsd.status).toBe(1);
    expect(notXsd.stderr).toMatch(/^bankkit: .*package\.json: not an XML Schema/m);
  });

  // The new built-in types judged as libxml2 judges them, on a calendar query (reda.064) carrying a month.
  // (Not " --07 ": libxml2 refuses trailing spaces in a type derived from xs:gMonth or xs:gYear, where XML
  // Schema collapses them first, as it does for every type but strings; we follow the standard there.)
  it.each([
    ["--02", true],
    ["--12Z", true],
    ["--02+06:00", true],
    ["\n--07", true],
    ["--13", false],
    ["--00", false],
    ["--2", false],
    ["02", false],
    ["--02--", false],
  ])("xs:gMonth %j: valid %s, as libxml2 says", async (month, valid) => {
    const xml = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:reda.064.001.02"><CalQry><MsgHdr><MsgId>Q1</MsgId></MsgHdr><SchCrit><Yr>2026</Yr><Mnth>${month}</Mnth></SchCrit></CalQry></Document>`;
    const libxml2 = await validateXML({
      xml: [{ fileName: "reda.xml", contents: xml }],
      schema: [readFileSync(join(fixtures, "reda.064.001.02.xsd"), "utf8")],
    });
    expect(libxml2.valid).toBe(valid);
    const { reda064 } = (await import(join(out, "src", "index.ts"))) as { reda064: { codec: GeneratedCodec } };
    const ours = (() => {
      try {
        reda064.codec.parse(xml);
        return "valid";
      } catch (error) {
        return String(error);
      }
    })();
    if (valid) expect(ours).toBe("valid");
    else expect(ours).toMatch(/\/Document\/CalQry\/SchCrit\[1\]\/Mnth must be an xs:gMonth/);
  });
});
