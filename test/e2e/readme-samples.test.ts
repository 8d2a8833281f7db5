import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { startKiscGateway } from "../support/kisc-gateway.js";

// Every generated README, as a reader copies it: the setup sample, then each operation's and flow's sample,
// compiled together under strict NodeNext; then, where a mock of the API runs, each sample is run against it
// with the files and variables the setup reads.

const root = join(import.meta.dirname, "..", "..");
const packages = ["bank131-kyc", "dcm", "dcm-bank", "kisc-etsfo", "kisc-identity", "pc-server", "pc-server-signer"];
const out = join(root, "test", ".readme-samples");
const readme = (id: string) => readFileSync(join(root, "generated", id, "README.md"), "utf8");
const blocks = (text: string, from: string, to?: string) => {
  const start = text.indexOf(from);
  if (start < 0) return [];
  const end = to && text.indexOf(to, start) > 0 ? text.indexOf(to, start) : text.length;
  return [...text.slice(start, end).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
};

/** A README as one module: the setup, one exported function per sample, the serving sample. */
function program(id: string): { source: string; samples: number } {
  const text = readme(id);
  const [setup] = blocks(text, "## Create the client", "## Operations");
  const samples = [...blocks(text, "## Operations", "## Serving the API")];
  const serving = blocks(text, "## Serving the API");
  const servingImports = serving.flatMap((block) => block.split("\n").filter((line) => line.startsWith("import ")));
  const servingBody = serving.map((block) =>
    block
      .split("\n")
      .filter((line) => !line.startsWith("import "))
      .join("\n"),
  );
  const source = [
    ...servingImports,
    setup!.trim(),
    ...samples.map(
      (sample, i) =>
        `export async function sample${i}(): Promise<unknown> {\n  ${sample.trim().replace(/\n/g, "\n  ")}\n  return result;\n}`,
    ),
    ...servingBody,
    `export const samples = [${samples.map((_, i) => `sample${i}`).join(", ")}];`,
    "void client;",
  ].join("\n");
  return { source: `${source}\n`, samples: samples.length };
}

/** Files the setups and samples read, made for the run: keys and certificates, a message, a photo, a PDF. */
async function readerFolder(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "bankkit-readme-"));
  const certs = new CertificateWorkshop();
  certs.selfSigned("signer", 30);
  certs.selfSigned("bank", 30);
  writeFileSync(join(dir, "signer.key"), certs.read("signer.key"));
  writeFileSync(join(dir, "signer.crt"), certs.read("signer.crt"));
  writeFileSync(join(dir, "bank.key"), certs.read("bank.key"));
  const envelope = parse(readFileSync(join(root, "specs/samples/kisc-etsfo/send-pacs008-encrypted.request.yaml"), "utf8")) as {
    value: string;
  };
  writeFileSync(join(dir, "message.xml"), envelope.value);
  // The smallest files their formats' signatures recognise: a JPEG and a PDF.
  writeFileSync(join(dir, "photo.jpg"), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]));
  writeFileSync(join(dir, "document.pdf"), "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  writeFileSync(join(dir, "file.bin"), "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
  return dir;
}

describe("the generated READMEs' samples", { timeout: 600_000 }, () => {
  let reader = "";
  const gateways: { close(): void }[] = [];
  let main: string[] = [];
  beforeAll(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    for (const id of packages) writeFileSync(join(out, `${id}.ts`), program(id).source);
    writeFileSync(join(out, "iso20022.ts"), `${blocks(readme("iso20022"), "## Read, check and write a message")[0]}export {};\n`);
    // The repository's README: each sample a module of its own.
    main = blocks(readFileSync(join(root, "README.md"), "utf8"), "# bankkit").map((block, i) => {
      writeFileSync(join(out, `repository-${i}.ts`), `${block}export {};\n`);
      return `repository-${i}`;
    });
    reader = await readerFolder();
  });
  afterAll(() => {
    for (const gateway of gateways) gateway.close();
    rmSync(out, { recursive: true, force: true });
  });

  it("compile under strict NodeNext, the setups and the repository README's samples included", () => {
    expect(main.length).toBeGreaterThanOrEqual(5);
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const options = ["--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--types", "node"];
    const result = spawnSync(
      process.execPath,
      [tsc, ...options, "--skipLibCheck", "--outDir", out, ...[...packages, "iso20022", ...main].map((id) => join(out, `${id}.ts`))],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    expect(result.stdout + result.stderr).toBe("");
  });

  // dcm-bank is the API DCM calls on a bank: no mock of it runs (its generated server is tested on its own).
  it.each(packages.filter((id) => id !== "dcm-bank"))("%s: every sample runs against the mock, as written", async (id) => {
    const mocks = inject("mocks");
    const tls = readme(id).includes("mutualTlsFetch({");
    let baseUrl = mocks[id]!;
    let gateway: Awaited<ReturnType<typeof startKiscGateway>> | undefined;
    if (tls) {
      // KISC's gateway stand-in in front of the mock: the setup's client.p12 and ca.pem are the ones it trusts.
      gateway = await startKiscGateway(mocks[id]!, "p12-password");
      gateways.push(gateway);
      writeFileSync(join(reader, "client.p12"), gateway.certs.read("K0531900.p12"));
      writeFileSync(join(reader, "ca.pem"), gateway.certs.read("kisc-ca.crt"));
      baseUrl = gateway.url;
    }
    // The setup's own server is swapped for the mock; nothing else of the sample changes.
    const compiled = join(out, `${id}.js`);
    const text = readFileSync(compiled, "utf8");
    expect(text).toMatch(/^const baseUrl = "[^"]+";/m);
    writeFileSync(compiled, text.replace(/^const baseUrl = "[^"]+";/m, `const baseUrl = ${JSON.stringify(baseUrl)};`));
    const runner = [
      `const { samples } = await import(${JSON.stringify(compiled)});`,
      "const failures = [];",
      "for (const [i, sample] of samples.entries()) {",
      "  try { await sample(); } catch (error) { failures.push({ sample: i, error: String(error?.message ?? error).slice(0, 400) }); }",
      "}",
      "console.log(JSON.stringify({ ran: samples.length, failures }));",
    ].join("\n");
    const env = { ...process.env };
    for (const [, name] of readme(id).matchAll(/process\.env\.([A-Z0-9_]+)/g)) env[name!] = "readme-test";
    env.P12_PASSWORD = "p12-password";
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", runner], { cwd: reader, env });
    const report = JSON.parse(stdout.trim().split("\n").pop()!) as { ran: number; failures: unknown[] };
    expect(report.failures).toEqual([]);
    expect(report.ran).toBe(program(id).samples);
    if (id === "kisc-etsfo") {
      // As seed 001's curl lines: the token asked for with scope=default, over the client certificate (the
      // gateway takes no call without it); every messages call with Accept: application/xml.
      const requests = gateway?.requests ?? [];
      const tokens = requests.filter((r) => r.path === "/token");
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) expect(new URLSearchParams(token.body).get("scope")).toBe("default");
      const messages = requests.filter((r) => r.path.startsWith("/etsfo/"));
      expect(messages.length).toBeGreaterThanOrEqual(3);
      for (const message of messages) expect(message.headers.accept).toBe("application/xml");
    }
  });
});
