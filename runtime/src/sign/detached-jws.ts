import { createHash } from "node:crypto";
import { children, readElement } from "./der.js";
import type { JwsSigner } from "./raw-signer.js";

export interface DetachedJwsOptions {
  /**
   * RFC 7797 unencoded payload (`b64: false`, with `crit: ["b64"]` — without it a verifier silently checks
   * the base64url form): the body's bytes are signed as they are, not their base64url.
   */
  unencodedPayload?: boolean;
  /** A key id for the header; `x5t#S256` (the certificate's SHA-256 thumbprint) is always included. */
  kid?: string;
  /** The JWS `alg` for signers JOSE has no name for (GOST); RS256 and ES256 are named from the key. */
  alg?: string;
}

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

/** An ECDSA signature from DER (what node:crypto and CMS use) to JOSE's fixed-width r‖s (RFC 7518 §3.4). */
function joseEcdsa(der: Uint8Array, size: number): Uint8Array {
  const [r, s] = children(der, readElement(der, 0));
  const out = new Uint8Array(size * 2);
  for (const [index, part] of [r, s].entries()) {
    if (!part) throw new Error("not a DER ECDSA signature");
    let value = der.subarray(part.contentStart, part.end);
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    out.set(value, index * size + (size - value.length));
  }
  return out;
}

/**
 * A detached JWS over exactly `payload` (RFC 7515 Appendix F): `protected..signature`, the payload itself
 * left out of the token because it travels as the request body. Sign per attempt if the body changes per
 * attempt; the bytes given are the bytes that must be sent.
 */
export async function detachedJws(payload: Uint8Array, signer: JwsSigner, options: DetachedJwsOptions = {}): Promise<string> {
  const algorithm = signer.signatureAlgorithm.oid;
  const alg = options.alg ?? (algorithm === "1.2.840.113549.1.1.1" ? "RS256" : algorithm === "1.2.840.10045.4.3.2" ? "ES256" : undefined);
  if (!alg) throw new Error(`detachedJws: name the JWS alg for signature algorithm ${algorithm} (options.alg)`);
  const header = {
    alg,
    ...(options.kid ? { kid: options.kid } : {}),
    "x5t#S256": base64url(createHash("sha256").update(signer.certificate).digest()),
    ...(options.unencodedPayload ? { b64: false, crit: ["b64"] } : {}),
  };
  const encodedHeader = base64url(new TextEncoder().encode(JSON.stringify(header)));
  const body = options.unencodedPayload ? payload : new TextEncoder().encode(base64url(payload));
  const input = new Uint8Array(encodedHeader.length + 1 + body.length);
  input.set(new TextEncoder().encode(`${encodedHeader}.`), 0);
  input.set(body, encodedHeader.length + 1);
  let signature = await signer.sign(input);
  if (alg === "ES256") signature = joseEcdsa(signature, 32);
  return `${encodedHeader}..${base64url(signature)}`;
}
