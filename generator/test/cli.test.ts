import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { elementText, kiscSample } from "../../test/support/xml-samples.js";

const bin = join(import.meta.dirname, "..", "bin", "bankkit.js");
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, ...env } });

describe("bankkit CLI", () => {
  it("prints its usage", () => {
    const result = run(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/bankkit generate \[--check\]/);
  });

  it("tls inspect: subject, issuer, validity and days left of a .p12; a wrong password is a clear error", () => {
    const certs = new CertificateWorkshop();
    certs.selfSigned("client", 14, "/CN=K0531900/O=Bank");
    certs.pkcs12("client.p12", "client", "secret", { legacy: true });
    const file = certs.path("client.p12");
    const ok = run(["tls", "inspect", file, "--password-env", "P12_PASS"], { P12_PASS: "secret" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^subject: {2}CN=K0531900, O=Bank$/m);
    expect(ok.stdout).toMatch(/^days left: 1[34] \(renew soon\)$/m);
    const wrong = run(["tls", "inspect", file, "--password-env", "P12_PASS"], { P12_PASS: "nope" });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/wrong password or not a PKCS#12 file/);
  });

  // Each check spawns the CLI (tsx start-up, about 1.5 s; more on a loaded machine).
  describe("xml check and roundtrip", { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "bankkit-xml-"));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const envelope = file("envelope.xml", kiscSample("message-pacs008.response"));

    it("recognises a KISC envelope, a bare Document and a bare AppHdr by their namespaces", () => {
      const kisc = run(["xml", "check", envelope, "--profile", "kisc"]);
      expect(kisc.status).toBe(0);
      expect(kisc.stdout).toMatch(/valid Envelope \(transport envelope\) \(profile kisc\)/);
      const document = run(["xml", "check", file("document.xml", elementText(kiscSample("message-pacs008.response"), "Document"))]);
      expect(document.stdout).toMatch(/valid pacs\.008\.001\.08 Document \(profile iso\)/);
      const header = run([
        "xml",
        "check",
        file("header.xml", elementText(kiscSample("message-pacs002.response"), "AppHdr")),
        "--profile",
        "kisc",
      ]);
      expect(header.stdout).toMatch(/valid head\.001\.001\.01 AppHdr/);
    });

    it("exits 1 listing every violation, or naming what it could not recognise", () => {
      const iso = run(["xml", "check", envelope]);
      expect(iso.status).toBe(1);
      expect(iso.stderr).toContain("2 violation(s) (profile iso)");
      expect(iso.stderr).toMatch(/^ {2}\/Envelope\/AppHdr\/CreDt {2}must match/m);
      const unknown = run(["xml", "check", file("pain.xml", '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"/>')]);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/<Document> in namespace urn:iso:std:iso:20022:tech:xsd:pain\.001\.001\.09 is none of the messages/);
      // A message broken thousands of times: fifty lines and the count.
      const broken = kiscSample("message-pacs008.response").replace(/<CdtTrfTxInf>[\s\S]*<\/CdtTrfTxInf>/, "<CdtTrfTxInf/>".repeat(2000));
      const many = run(["xml", "check", file("many.xml", broken), "--profile", "kisc"]);
      expect(many.status).toBe(1);
      const listed = many.stderr.split("\n").filter((line) => line.startsWith("  /"));
      expect(listed).toHaveLength(50);
      expect(many.stderr).toMatch(/^ {2}… and \d+ more$/m);
      const doctype = run(["xml", "check", file("doctype.xml", '<!DOCTYPE x [<!ENTITY a "b">]><x/>')]);
      expect(doctype.status).toBe(1);
      expect(doctype.stderr).toMatch(/DOCTYPE is not accepted/);
    });

    it("roundtrip writes the message back in the schema's order, which reads back to the same message", () => {
      const written = run(["xml", "roundtrip", envelope, "--profile", "kisc"]);
      expect(written.status).toBe(0);
      expect(written.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Envelope>')).toBe(true);
      const again = run(["xml", "roundtrip", file("again.xml", written.stdout), "--profile", "kisc"]);
      expect(again.stdout).toBe(written.stdout);
    });
  });

  it("dcm jwk: the createJwk body of a key, kid = its RFC 7638 thumbprint (checked in Python), no private member", () => {
    const certs = new CertificateWorkshop();
    certs.selfSigned("bank", 30, "/CN=Bank");
    certs.openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
    const printed = run(["dcm", "jwk", "--key", certs.path("bank.key")]);
    expect(printed.status).toBe(0);
    const { data } = JSON.parse(printed.stdout) as { data: Record<string, string> };
    expect(Object.keys(data).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(data).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", e: "AQAB" });
    const script = `import base64, hashlib, json, sys
jwk = json.loads(sys.argv[1])["data"]
canonical = json.dumps({"e": jwk["e"], "kty": jwk["kty"], "n": jwk["n"]}, separators=(",", ":"), sort_keys=True)
print(base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).decode().rstrip("="))`;
    expect(spawnSync("python3", ["-c", script, printed.stdout], { encoding: "utf8" }).stdout.trim()).toBe(data.kid);
    const refused = run(["dcm", "jwk", "--key", certs.path("ed.key")]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/must be RSA or EC P-256, not ed25519/);
  });

  describe("sign canonical and sign cms", { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "bankkit-sign-"));
    const payload = join(dir, "payload.json");
    writeFileSync(
      payload,
      JSON.stringify({ type: "FL_RESIDENT", last_name: "Иванов", inn: "500100732259", documents: [{ type: "PASSPORT_RF" }] }),
    );

    it("canonical writes exactly Python's bytes plus \\r\\n, from a file or stdin", () => {
      const python = spawnSync(
        "python3",
        ["-c", "import json,sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1])), sort_keys=True) + '\\r\\n')", payload],
        { encoding: "utf8" },
      );
      const fromFile = run(["sign", "canonical", payload]);
      expect(fromFile.status).toBe(0);
      expect(fromFile.stdout).toBe(python.stdout);
      const fromStdin = spawnSync(process.execPath, [bin, "sign", "canonical"], {
        input: JSON.stringify({ amount: 0.00001 }),
        encoding: "utf8",
      });
      expect(fromStdin.status).toBe(1);
      expect(fromStdin.stderr).toMatch(/\/amount is a number Python prints differently/);
    });

    it("cms writes a base64 detached CMS that openssl verifies over those bytes", () => {
      const certs = new CertificateWorkshop();
      certs.selfSigned("partner", 30);
      const signed = run(["sign", "cms", "--key", certs.path("partner.key"), "--cert", certs.path("partner.crt"), payload]);
      expect(signed.status).toBe(0);
      const canonical = Buffer.from(run(["sign", "canonical", payload]).stdout, "latin1");
      expect(certs.verifyCms(Buffer.from(signed.stdout.trim(), "base64"), canonical).verified).toBe(true);
      if (spawnSync("openssl", ["engine", "gost"]).status !== 0) return;
      // A GOST key signs in pure JavaScript; OpenSSL's GOST engine verifies.
      certs.openssl(
        "req",
        "-x509",
        "-engine",
        "gost",
        "-newkey",
        "gost2012_256",
        "-pkeyopt",
        "paramset:A",
        "-nodes",
        "-keyout",
        "gost.key",
        "-out",
        "gost.crt",
        "-subj",
        "/CN=gost",
        "-days",
        "30",
      );
      const gost = run(["sign", "cms", "--key", certs.path("gost.key"), "--cert", certs.path("gost.crt"), payload]);
      expect(gost.status).toBe(0);
      writeFileSync(join(dir, "gost.p7s"), Buffer.from(gost.stdout.trim(), "base64"));
      writeFileSync(join(dir, "gost.bin"), canonical);
      const verified = spawnSync(
        "openssl",
        [
          "cms",
          "-verify",
          "-engine",
          "gost",
          "-binary",
          "-inform",
          "DER",
          "-in",
          "gost.p7s",
          "-content",
          "gost.bin",
          "-noverify",
          "-out",
          "/dev/null",
        ],
        { cwd: dir, encoding: "utf8" },
      );
      expect(verified.stderr).toContain("Verification successful");
    });
  });
});
