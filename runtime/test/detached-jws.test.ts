import { createHash, verify, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { detachedJws } from "../src/sign/detached-jws.js";
import { nodeCryptoSigner } from "../src/sign/raw-signer.js";
import { CertificateWorkshop } from "./support/certificates.js";

const certs = new CertificateWorkshop();
certs.selfSigned("rsa", 30, "/CN=Bank identity client");
certs.selfSigned("ec", 30, "/CN=Bank identity client EC", "ec");
const body = new TextEncoder().encode('{"consent":"согласен на получение","mcdb":"7"}');

/** Checks a detached JWS the way the receiving side does, with node:crypto only: rebuild the signing input. */
function check(token: string, payload: Uint8Array, certificate: Buffer) {
  const [encodedHeader, empty, encodedSignature] = token.split(".") as [string, string, string];
  const header = JSON.parse(Buffer.from(encodedHeader, "base64url").toString("utf8")) as Record<string, unknown>;
  const signedPayload = header.b64 === false ? Buffer.from(payload) : Buffer.from(Buffer.from(payload).toString("base64url"));
  const input = Buffer.concat([Buffer.from(`${encodedHeader}.`), signedPayload]);
  const key = new X509Certificate(certificate).publicKey;
  const signature = Buffer.from(encodedSignature, "base64url");
  const valid =
    header.alg === "ES256"
      ? verify("sha256", input, { key, dsaEncoding: "ieee-p1363" }, signature)
      : verify("sha256", input, key, signature);
  return { header, detached: empty === "", valid };
}

describe("detachedJws", () => {
  it.each([
    ["rsa", false, "RS256"],
    ["rsa", true, "RS256"],
    ["ec", false, "ES256"],
    ["ec", true, "ES256"],
  ] as const)(
    "%s, unencoded payload %s: %s over exactly the body, verified by node:crypto; a changed body fails",
    async (name, unencoded, alg) => {
      const signer = nodeCryptoSigner({ key: certs.read(`${name}.key`).toString(), certificate: certs.read(`${name}.crt`).toString() });
      const token = await detachedJws(body, signer, { unencodedPayload: unencoded, kid: "client-key-1" });
      const result = check(token, body, certs.read(`${name}.crt`));
      expect(result.detached).toBe(true);
      expect(result.valid).toBe(true);
      expect(result.header).toEqual({
        alg,
        kid: "client-key-1",
        "x5t#S256": createHash("sha256")
          .update(new X509Certificate(certs.read(`${name}.crt`)).raw)
          .digest("base64url"),
        ...(unencoded ? { b64: false, crit: ["b64"] } : {}),
      });
      const tampered = Uint8Array.from(body);
      tampered[2] = (tampered[2] as number) ^ 1;
      expect(check(token, tampered, certs.read(`${name}.crt`)).valid).toBe(false);
    },
  );

  it("asks for the alg of a signer JOSE has no name for", async () => {
    const signer = nodeCryptoSigner({ key: certs.read("rsa.key").toString(), certificate: certs.read("rsa.crt").toString() });
    const gostLike = { ...signer, signatureAlgorithm: { oid: "1.2.643.7.1.1.1.1", nullParameters: false } };
    await expect(detachedJws(body, gostLike)).rejects.toThrow(/name the JWS alg for signature algorithm 1\.2\.643\.7\.1\.1\.1\.1/);
  });
});
