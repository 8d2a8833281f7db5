import { createHash, createPrivateKey, type KeyObject, sign, X509Certificate } from "node:crypto";

/**
 * What a signature format (detached CMS, JWS) needs from a key, wherever the key lives: node:crypto here,
 * a CSP behind an external command, a signing service, a pure-JS GOST implementation in tests.
 */
export interface RawSigner {
  /** DER of the signer's X.509 certificate. */
  readonly certificate: Uint8Array;
  /** The digest the signature is made over, with its OID (SHA-256, or Streebog-256 for GOST). */
  readonly digest: { oid: string; hash(data: Uint8Array): Uint8Array };
  /** The signature algorithm's OID, and whether its AlgorithmIdentifier carries NULL parameters (RSA). */
  readonly signatureAlgorithm: { oid: string; nullParameters: boolean };
  /** Signs `data`, hashing it with `digest` itself. */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** What a detached JWS needs of a signer: its certificate, its algorithm and the signature itself. */
export type JwsSigner = Pick<RawSigner, "certificate" | "signatureAlgorithm" | "sign">;

const sha256 = {
  oid: "2.16.840.1.101.3.4.2.1",
  hash: (data: Uint8Array) => new Uint8Array(createHash("sha256").update(data).digest()),
};

/** A certificate given as PEM text or DER bytes, as DER. */
export function certificateDer(certificate: string | Uint8Array): Uint8Array {
  return new Uint8Array(new X509Certificate(certificate).raw);
}

/**
 * An RSA (PKCS#1 v1.5) or ECDSA signer with SHA-256 whose private-key operation runs in node:crypto — an
 * order of magnitude faster than pure JavaScript, and the key object is made once, not per signature.
 */
export function nodeCryptoSigner(options: { key: string | KeyObject; certificate: string | Uint8Array }): RawSigner {
  const key = typeof options.key === "string" ? createPrivateKey(options.key) : options.key;
  const certificate = certificateDer(options.certificate);
  if (!new X509Certificate(certificate).checkPrivateKey(key)) throw new Error("the private key does not belong to the certificate");
  const type = key.asymmetricKeyType;
  if (type !== "rsa" && type !== "ec") throw new Error(`node:crypto signer: ${type} keys are not supported (RSA or ECDSA)`);
  return {
    certificate,
    digest: sha256,
    signatureAlgorithm:
      type === "rsa"
        ? { oid: "1.2.840.113549.1.1.1", nullParameters: true } // rsaEncryption, as CMS names PKCS#1 v1.5 signatures
        : { oid: "1.2.840.10045.4.3.2", nullParameters: false }, // ecdsa-with-SHA256
    sign: async (data) => new Uint8Array(sign("sha256", data, key)),
  };
}
