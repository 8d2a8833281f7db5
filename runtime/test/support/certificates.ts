import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Certificates made by openssl for a test, in a temporary folder: certification authorities, certificates
 * they issue (with the extensions given), self-signed ones, and PKCS#12 files as CSPs export them.
 */
export class CertificateWorkshop {
  readonly dir = mkdtempSync(join(tmpdir(), "bankkit-certs-"));

  openssl(...args: string[]): void {
    execFileSync("openssl", args, { cwd: this.dir, stdio: "pipe" });
  }

  read(name: string): Buffer {
    return readFileSync(join(this.dir, name));
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  /** A self-signed certificate and its key: `<name>.crt`, `<name>.key` (a CA, or a lone client); RSA or P-256. */
  selfSigned(name: string, days: number, subject = `/CN=${name}`, key: "rsa" | "ec" = "rsa"): void {
    this.openssl(
      "req",
      "-x509",
      "-newkey",
      ...(key === "rsa" ? ["rsa:2048"] : ["ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]),
      "-nodes",
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.crt`,
      "-days",
      String(days),
      "-subj",
      subject,
    );
  }

  /** A certificate for `name` issued by the CA `ca`, with the given X.509 v3 extensions (one per line). */
  issue(name: string, ca: string, days: number, extensions: string): void {
    writeFileSync(join(this.dir, `${name}.ext`), `${extensions}\n`);
    this.openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`);
    this.openssl(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      `${ca}.crt`,
      "-CAkey",
      `${ca}.key`,
      "-CAcreateserial",
      "-days",
      String(days),
      "-out",
      `${name}.crt`,
      "-extfile",
      `${name}.ext`,
    );
  }

  /** `<file>`: the certificate and key of `name` (and `extra` certificates) as PKCS#12; legacy = RC2-40/3DES. */
  pkcs12(file: string, name: string, password: string, options: { legacy?: boolean; extra?: string } = {}): void {
    this.openssl(
      "pkcs12",
      "-export",
      ...(options.legacy ? ["-legacy"] : []),
      "-in",
      `${name}.crt`,
      "-inkey",
      `${name}.key`,
      ...(options.extra ? ["-certfile", options.extra] : []),
      "-out",
      file,
      "-passout",
      `pass:${password}`,
    );
  }

  /**
   * openssl as the independent verifier of a detached CMS (DER) over `content`: `verified` when the
   * signature and the digest of exactly these bytes hold (the chain is not checked); `signer` is the PEM of
   * the certificate that signed.
   */
  verifyCms(cms: Uint8Array, content: Uint8Array): { verified: boolean; signer: string; stderr: string } {
    const name = `cms-${++this.#verified}`;
    writeFileSync(join(this.dir, `${name}.p7s`), cms);
    writeFileSync(join(this.dir, `${name}.bin`), content);
    const args = ["cms", "-verify", "-binary", "-inform", "DER", "-in", `${name}.p7s`, "-content", `${name}.bin`, "-noverify"];
    const result = spawnSync("openssl", [...args, "-signer", `${name}.signer.pem`, "-out", "/dev/null"], {
      cwd: this.dir,
      encoding: "utf8",
    });
    const verified = result.status === 0 && result.stderr.includes("Verification successful");
    return { verified, signer: verified ? this.read(`${name}.signer.pem`).toString() : "", stderr: result.stderr };
  }

  #verified = 0;
}
