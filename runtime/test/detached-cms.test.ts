import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canonicalPayloadBytes } from "../src/sign/canonical-json.js";
import { detachedCms } from "../src/sign/detached-cms.js";
import { nodeCryptoSigner } from "../src/sign/raw-signer.js";
import { CertificateWorkshop } from "./support/certificates.js";

const certs = new CertificateWorkshop();
certs.selfSigned("rsa-signer", 30, "/CN=Partner KYC/O=Bank Client LLC");
certs.selfSigned("ec-signer", 30, "/CN=Partner KYC EC", "ec");
const payload = canonicalPayloadBytes({ type: "FL_RESIDENT", last_name: "Иванов", inn: "500100732259" });

describe("detachedCms with a node:crypto signer", () => {
  it.each(["rsa-signer", "ec-signer"])(
    "%s: openssl verifies it over exactly the payload bytes and finds the signer's certificate",
    async (name) => {
      const signer = nodeCryptoSigner({ key: certs.read(`${name}.key`).toString(), certificate: certs.read(`${name}.crt`).toString() });
      const signature = await detachedCms(payload, signer, { signingTime: new Date("2026-11-22T09:00:00Z") });
      const verified = certs.verifyCms(signature, payload);
      expect(verified.verified).toBe(true);
      expect(verified.signer).toBe(certs.read(`${name}.crt`).toString());
      writeFileSync(certs.path(`${name}.p7s`), signature);

      const printed = spawnSync("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", `${name}.p7s`], {
        cwd: certs.dir,
        encoding: "utf8",
      });
      expect(printed.stdout).toMatch(/object: contentType \(1\.2\.840\.113549\.1\.9\.3\)/);
      expect(printed.stdout).toMatch(/object: signingTime \(1\.2\.840\.113549\.1\.9\.5\)[\s\S]*UTCTIME:Nov 22 09:00:00 2026 GMT/);
      expect(printed.stdout).toMatch(/object: messageDigest \(1\.2\.840\.113549\.1\.9\.4\)/);
      expect(printed.stdout).toMatch(/eContent: <ABSENT>/);
    },
  );

  it("fails verification when one byte of the payload differs (the bank's invalid_sign)", async () => {
    const signer = nodeCryptoSigner({ key: certs.read("rsa-signer.key").toString(), certificate: certs.read("rsa-signer.crt").toString() });
    const signature = await detachedCms(payload, signer);
    const tampered = Uint8Array.from(payload);
    tampered[tampered.length - 1] = 0x20; // "\n" → " "
    const result = certs.verifyCms(signature, tampered);
    expect(result.verified).toBe(false);
    expect(result.stderr).toMatch(/digest failure|Verification failure/);
  });

  it("refuses a key that does not belong to the certificate", () => {
    expect(() =>
      nodeCryptoSigner({ key: certs.read("ec-signer.key").toString(), certificate: certs.read("rsa-signer.crt").toString() }),
    ).toThrow(/does not belong to the certificate/);
  });
});
