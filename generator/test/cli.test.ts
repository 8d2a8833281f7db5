import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";

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
});
