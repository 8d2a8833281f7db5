import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

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
    const dir = mkdtempSync(join(tmpdir(), "bankkit-cli-"));
    const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "k.pem",
      "-out",
      "c.pem",
      "-days",
      "14",
      "-subj",
      "/CN=K0531900/O=Bank",
    );
    openssl("pkcs12", "-export", "-legacy", "-in", "c.pem", "-inkey", "k.pem", "-out", "client.p12", "-passout", "pass:secret");
    const ok = run(["tls", "inspect", join(dir, "client.p12"), "--password-env", "P12_PASS"], { P12_PASS: "secret" });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^subject: {2}CN=K0531900, O=Bank$/m);
    expect(ok.stdout).toMatch(/^days left: 1[34] \(renew soon\)$/m);
    const wrong = run(["tls", "inspect", join(dir, "client.p12"), "--password-env", "P12_PASS"], { P12_PASS: "nope" });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/wrong password or not a PKCS#12 file/);
  });
});
