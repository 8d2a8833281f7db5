import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// What a team does with bankkit's output outside this repository: install the packed tarballs into an app of
// its own, type-check it under strict NodeNext, call a mock; and build a package generated from its own spec.

const root = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), "bankkit-consumer-"));
const tarballs = join(work, "packages");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const npm = (cwd: string, ...args: string[]) =>
  run("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd, maxBuffer: 16 << 20 });

/** The tarball `bankkit pack` wrote for a package id (`runtime`, `pc-server`). */
const tarball = (id: string) => {
  const name = readdirSync(tarballs).find((file) => new RegExp(`^bankkit-${id}-\\d+\\.\\d+\\.\\d+\\.tgz$`).test(file));
  if (!name) throw new Error(`no tarball for ${id} in ${readdirSync(tarballs).join(", ")}`);
  return join(tarballs, name);
};

/** Every package folder under node_modules (scoped ones as `@scope/name`), and their bytes on disk. */
function installed(app: string): { names: string[]; bytes: number } {
  const modules = join(app, "node_modules");
  const names = readdirSync(modules)
    .filter((name) => !name.startsWith("."))
    .flatMap((name) => (name.startsWith("@") ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name]));
  const size = (path: string): number =>
    statSync(path).isDirectory() ? readdirSync(path).reduce((sum, entry) => sum + size(join(path, entry)), 0) : statSync(path).size;
  return { names, bytes: size(modules) };
}

/** An app of the team's own: a package.json, strict NodeNext settings, one source file. */
function app(name: string, source: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name, private: true, type: "module" }, null, 2)}\n`);
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    types: ["node"],
    rootDir: "src",
    outDir: "dist",
  };
  writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify({ compilerOptions, include: ["src"] }, null, 2)}\n`);
  writeFileSync(join(dir, "src", "main.ts"), source);
  return dir;
}

describe("the packages outside the repository", { timeout: 600_000 }, () => {
  beforeAll(async () => {
    const packed = await run(process.execPath, [join(root, "generator", "bin", "bankkit.js"), "pack", "--out", tarballs], { cwd: root });
    expect(packed.stdout).toMatch(/bankkit-pc-server-\d+\.\d+\.\d+\.tgz {2}@bankkit\/pc-server@/);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("pack writes one tarball per package, naming its siblings by caret ranges", () => {
    const manifests = readdirSync(tarballs).map((file) => file.replace(/-\d+\.\d+\.\d+\.tgz$/, ""));
    expect(manifests.sort()).toEqual(
      ["runtime", "bank131-kyc", "dcm", "dcm-bank", "iso20022", "kisc-etsfo", "kisc-identity", "pc-server", "pc-server-signer"]
        .map((id) => `bankkit-${id}`)
        .sort(),
    );
    const etsfo = JSON.parse(readFileSync(join(root, "generated", "kisc-etsfo", "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    for (const [name, range] of Object.entries(etsfo.dependencies)) expect(range, name).toMatch(/^\^\d+\.\d+\.\d+$/);
  });

  it("a PC Server app: installs from the tarballs without XML, TLS, JWT or GOST libraries, type-checks under strict NodeNext, calls the mock", async () => {
    const dir = app(
      "pc-app",
      [
        'import { createPcServerClient, RequestValidationError } from "@bankkit/pc-server";',
        "",
        'const pc = createPcServerClient({ baseUrl: process.env.PC_URL ?? "", timeoutMs: 10_000 });',
        'const system_id = "70b5fab6-d3d1-4098-aaf9-450a496855f5";',
        'const user = await pc.createUser({ path: { system_id }, body: { return_key_method: "QR_WITH_ACTIVATION_CODE", activation_code_length: 8 } });',
        "console.log(JSON.stringify({ created: typeof user.user_id }));",
        "try {",
        "  // @ts-expect-error: the enum has no such value; the client refuses it before sending as well",
        '  await pc.createUser({ path: { system_id }, body: { return_key_method: "PIGEON" } });',
        "} catch (error) {",
        "  console.log(JSON.stringify({ refused: error instanceof RequestValidationError }));",
        "}",
        "",
      ].join("\n"),
    );
    await npm(dir, "install", tarball("runtime"), tarball("pc-server"), "@types/node@^20");
    const { names, bytes } = installed(dir);
    for (const heavy of ["fast-xml-parser", "node-forge", "undici", "jose", "fflate", "@wavesenterprise/crypto-gost-js"])
      expect(names, heavy).not.toContain(heavy);
    expect(names).toEqual(expect.arrayContaining(["@bankkit/pc-server", "@bankkit/runtime", "openapi-fetch"]));
    console.log(`@bankkit/pc-server app: ${names.length} packages, ${(bytes / 1024 / 1024).toFixed(1)} MB (with @types/node)`);
    await run(process.execPath, [tsc, "-p", dir], { cwd: dir });
    const started = await run(process.execPath, [join(dir, "dist", "main.js")], {
      env: { ...process.env, PC_URL: inject("mocks")["pc-server"] },
    });
    expect(
      started.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([{ created: "string" }, { refused: true }]);
  });

  it("a KISC ETSFO app gets the XML package, the XML parser and the TLS libraries, and still no GOST", async () => {
    const dir = app(
      "kisc-app",
      [
        'import { createKiscEtsfoClient, mutualTlsFetch, oauth2PasswordAuth, readPkcs12 } from "@bankkit/kisc-etsfo";',
        'import { kiscEnvelope } from "@bankkit/iso20022";',
        "",
        "export const make = (p12: Uint8Array, ca: string) =>",
        "  createKiscEtsfoClient({",
        '    fetch: mutualTlsFetch({ certificate: readPkcs12(p12, process.env.P12_PASSWORD ?? ""), ca }),',
        '    auth: oauth2PasswordAuth({ tokenUrl: "https://ax.kisc.kz:8243/token", clientId: "c", clientSecret: "s", username: "u", password: "p" }),',
        "  });",
        "console.log(typeof kiscEnvelope.parse);",
        "",
      ].join("\n"),
    );
    await npm(dir, "install", tarball("runtime"), tarball("iso20022"), tarball("kisc-etsfo"), "@types/node@^20");
    const { names, bytes } = installed(dir);
    expect(names).toEqual(expect.arrayContaining(["@bankkit/iso20022", "fast-xml-parser", "undici", "node-forge"]));
    expect(names).not.toContain("@wavesenterprise/crypto-gost-js");
    console.log(`@bankkit/kisc-etsfo app: ${names.length} packages, ${(bytes / 1024 / 1024).toFixed(1)} MB (with @types/node)`);
    await run(process.execPath, [tsc, "-p", dir], { cwd: dir });
    expect((await run(process.execPath, [join(dir, "dist", "main.js")])).stdout.trim()).toBe("function");
  });

  it("a package generated from someone else's spec builds where it lies, with the runtime's tarball", async () => {
    const out = join(work, "petstore-client");
    const spec = join(root, "generator", "test", "fixtures", "petstore-30.yaml");
    await run(process.execPath, [join(root, "generator", "bin", "bankkit.js"), "generate", "--spec", spec, "--out", out], { cwd: work });
    await npm(out, "install", tarball("runtime"));
    await npm(out, "install");
    await run("npm", ["run", "build"], { cwd: out });
    expect(existsSync(join(out, "dist", "index.d.ts"))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(manifest.dependencies["@bankkit/runtime"]).toMatch(/^file:|^\^/);
  });

  it("a package generated from a published ISO 20022 schema builds where it lies and reads a message", async () => {
    const out = join(work, "calendar-messages");
    const xsd = join(root, "generator", "test", "fixtures", "xsd-catalogue", "reda.064.001.02.xsd");
    await run(process.execPath, [join(root, "generator", "bin", "bankkit.js"), "generate", "--xsd", xsd, "--out", out], { cwd: work });
    await npm(out, "install", tarball("runtime"));
    await npm(out, "install");
    await run("npm", ["run", "build"], { cwd: out });
    const query =
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:reda.064.001.02"><CalQry><MsgHdr><MsgId>Q1</MsgId></MsgHdr></CalQry></Document>';
    const script = `import { reda064 } from "./dist/index.js"; console.log(reda064.codec.parse(${JSON.stringify(query)}).CalQry.MsgHdr.MsgId);`;
    expect((await run(process.execPath, ["--input-type=module", "-e", script], { cwd: out })).stdout.trim()).toBe("Q1");
  });
});
