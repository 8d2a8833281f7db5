import { type DetachedJwsOptions, detachedJws } from "../sign/detached-jws.js";
import type { JwsSigner } from "../sign/raw-signer.js";
import type { AttemptStep } from "./attempt-context.js";

/** `x-bankkit-jws`: the header that carries a detached JWS over the exact body bytes of each attempt. */
export interface JwsHeaderSpec {
  header: string;
  /** RFC 7797: the body's bytes signed as they are (`b64: false`), not their base64url. */
  unencodedPayload: boolean;
  /** The `alg` the API expects for signature algorithms JOSE has no name for: signature OID → alg. */
  algorithms?: Record<string, string>;
}

/**
 * The attempt step that signs a request's body as it is sent — per attempt, after every other change to
 * the request — and puts the detached JWS in the spec's header.
 */
export function jwsHeaderStep(
  spec: JwsHeaderSpec,
  signer: JwsSigner,
  options: Omit<DetachedJwsOptions, "unencodedPayload"> = {},
): AttemptStep {
  const alg = options.alg ?? spec.algorithms?.[signer.signatureAlgorithm.oid];
  return async (request) => {
    const body = new Uint8Array(await request.clone().arrayBuffer());
    const token = await detachedJws(body, signer, { ...options, ...(alg ? { alg } : {}), unencodedPayload: spec.unencodedPayload });
    request.headers.set(spec.header, token);
    return request;
  };
}
