import { createRequire } from "node:module";
import { children, type Element, readElement, readOid } from "./der.js";
import { certificateDer, type RawSigner } from "./raw-signer.js";

/** The GOST engine of @wavesenterprise/crypto-gost-js (MIT, pure JavaScript; no type declarations). */
interface GostEngine {
  getGostDigest(algorithm: object): { digest(data: Uint8Array): ArrayBuffer };
  getGostSign(algorithm: object): { sign(key: ArrayBuffer, data: Uint8Array): ArrayBuffer };
}
const { GostEngine } = createRequire(import.meta.url)("@wavesenterprise/crypto-gost-js") as { GostEngine: GostEngine };

/** GOST R 34.10-2012 (256) parameter sets by OID → the engine's curve names. */
const curves: Record<string, string> = {
  "1.2.643.2.2.35.1": "S-256-A", // CryptoPro-A
  "1.2.643.2.2.35.2": "S-256-B", // CryptoPro-B
  "1.2.643.2.2.35.3": "S-256-C", // CryptoPro-C
  "1.2.643.2.2.36.0": "X-256-A", // CryptoPro-XchA
  "1.2.643.2.2.36.1": "X-256-B", // CryptoPro-XchB
};
const GOST_2012_256 = "1.2.643.7.1.1.1.1";
const STREEBOG_256 = "1.2.643.7.1.1.2.2";

/** The 32-byte private key and the curve of a PKCS#8 GOST R 34.10-2012 (256) key, as OpenSSL's GOST engine writes it. */
function readGostKey(pem: string): { key: Uint8Array; curve: string } {
  const der = new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64"));
  let paramset: string;
  let privateKey: Element;
  try {
    const [, algorithm, octets] = children(der, readElement(der, 0)) as [Element, Element, Element];
    const [type, parameters] = children(der, algorithm) as [Element, Element];
    if (readOid(der, type) !== GOST_2012_256) throw new Error("another algorithm");
    paramset = readOid(der, children(der, parameters)[0] as Element);
    privateKey = octets;
  } catch {
    // PKCS#1 RSA, an EC key, text that is not DER: none of them is a PKCS#8 GOST key.
    throw new Error("gostSigner: not a GOST R 34.10-2012 (256-bit) private key in PKCS#8");
  }
  const curve = curves[paramset];
  if (!curve) throw new Error(`gostSigner: parameter set ${paramset} is not supported (CryptoPro A, B, C, XchA, XchB are)`);
  const key = der.subarray(privateKey.contentStart, privateKey.end);
  if (privateKey.tag !== 0x04 || key.length !== 32) throw new Error("gostSigner: expected the private key as a 32-byte OCTET STRING");
  return { key: Uint8Array.from(key), curve };
}

/**
 * A GOST R 34.10-2012 (256-bit) signer with Streebog-256, in pure JavaScript — for tests and for users
 * without a CSP. It is not a certified implementation: production keys live in the vendor's CSP, reached
 * through `externalCommandSigner`. The key is PKCS#8 PEM as OpenSSL's GOST engine writes it.
 */
export function gostSigner(options: { key: string; certificate: string | Uint8Array }): RawSigner {
  const { key, curve } = readGostKey(options.key);
  const hash = { name: "GOST R 34.11", version: 2012, mode: "HASH", length: 256, procreator: "CP", keySize: 32 };
  const digester = GostEngine.getGostDigest(hash);
  const engine = GostEngine.getGostSign({
    name: "GOST R 34.10",
    version: 2012,
    mode: "SIGN",
    length: 256,
    procreator: "CP",
    keySize: 32,
    namedCurve: curve,
    hash,
  });
  return {
    certificate: certificateDer(options.certificate),
    digest: { oid: STREEBOG_256, hash: (data) => new Uint8Array(digester.digest(data)) },
    signatureAlgorithm: { oid: GOST_2012_256, nullParameters: false },
    sign: async (data) => new Uint8Array(engine.sign(key.buffer as ArrayBuffer, data)),
  };
}
