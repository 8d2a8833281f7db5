import { type ErrorContext, PreparationError, RequestValidationError, SignatureError } from "../errors.js";
import { CanonicalJsonError, canonicalPayloadBytes } from "../sign/canonical-json.js";
import { detachedCms } from "../sign/detached-cms.js";
import type { DetachedCmsSigner } from "../sign/external-command-signer.js";
import type { RawSigner } from "../sign/raw-signer.js";

/** A body field the client fills with a signature over the rest of the body (`x-bankkit-signature`). */
export interface BodySignatureSpec {
  field: string;
  /** The exact bytes signed: Python's `json.dumps(body without the field, sort_keys=True) + '\r\n'`. */
  bytes: "python-json-sorted-crlf";
  format: "cms-detached-base64";
}

/**
 * Where the signed data travel: next to the signature (`flat`, what bankkit assumes for Bank 131) or inside
 * a `payload` object (`payload-wrapped`, the other reading of the bank's "take the payload content").
 */
export type BodySignatureLayout = "flat" | "payload-wrapped";

/**
 * Signs a validated body and returns it with the signature in its field. Runs once per call: every retry
 * sends the same body and signature. Nothing is sent when the body has no byte-exact form or the signer fails.
 */
export async function signBody(
  spec: BodySignatureSpec,
  body: unknown,
  signer: RawSigner | DetachedCmsSigner | undefined,
  context: ErrorContext,
  layout: BodySignatureLayout = "flat",
): Promise<unknown> {
  if (!signer) throw new PreparationError(`needs a signer (client option \`signer\`) to fill the body's "${spec.field}"`, context);
  // Validation may be switched off (validateRequests: false): a body that is not an object has no field to fill.
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new RequestValidationError(context, [{ path: "/body", rule: "type", message: "must be a JSON object to be signed" }]);
  const { [spec.field]: _ignored, ...payload } = body as Record<string, unknown>;
  let bytes: Uint8Array;
  try {
    bytes = canonicalPayloadBytes(payload);
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    throw new RequestValidationError(context, [{ path: `/body${error.path}`, rule: "canonical-json", message: error.rule }]);
  }
  try {
    const cms = "signDetached" in signer ? await signer.signDetached(bytes) : await detachedCms(bytes, signer);
    const signature = Buffer.from(cms).toString("base64");
    return layout === "payload-wrapped" ? { payload, [spec.field]: signature } : { ...payload, [spec.field]: signature };
  } catch (error) {
    throw new SignatureError(`the signer failed: ${(error as Error).message}`, context, { cause: error });
  }
}
