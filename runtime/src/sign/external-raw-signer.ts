import { commandOutputBytes, type FileCommand, fileCommandRunner } from "../process/file-command.js";
import { certificateDer, type JwsSigner } from "./raw-signer.js";

/**
 * Kazakhstan's GOST 34.310-2004 signature (with the GOST 34.311-95 digest): what KISC's certificates carry.
 * It is not Russia's GOST R 34.10-2012 (`gostSigner`); no library on npm makes it, a CSP does (Kalkan,
 * NCALayer, Tumar).
 */
export const gost34310 = { oid: "1.2.398.3.10.1.1.1.2", nullParameters: false } as const;

export interface ExternalRawSignerOptions extends FileCommand {
  /** The signer's certificate (PEM or DER). */
  certificate: string | Uint8Array;
  /** Its arguments for one signature; `input` is the file to sign, `output` where the raw signature must appear. */
  args: (files: { input: string; output: string }) => string[];
  /** The signature algorithm the command applies (default Kazakhstan's GOST 34.310-2004). */
  signatureAlgorithm?: { oid: string; nullParameters: boolean };
  /** Whether the command writes the signature as base64 or as bytes. */
  output?: "base64" | "der";
}

/**
 * A signer for detached JWS headers whose key stays in the bank's CSP: each signature is one run of an
 * external command (no shell, a private 0700 folder, a timeout, a concurrency limit) that reads the signing
 * input from a file and writes the raw signature — the bytes a JWS carries — to another.
 */
export function externalRawSigner(options: ExternalRawSignerOptions): JwsSigner {
  const run = fileCommandRunner(options, { folder: "jws", writes: "signature" });
  return {
    certificate: certificateDer(options.certificate),
    signatureAlgorithm: options.signatureAlgorithm ?? gost34310,
    async sign(data) {
      return commandOutputBytes(await run(data, options.args), options.output, options.command);
    },
  };
}
