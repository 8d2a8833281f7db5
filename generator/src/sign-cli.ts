import { X509Certificate } from "node:crypto";
import type { ParsedArgs } from "./cli/args.js";
import { UsageError } from "./cli/args.js";
import { readInput } from "./cli/read-input.js";
import { GeneratorError } from "./errors.js";

// For users debugging Bank 131's `invalid_sign`: the exact bytes that get signed, and their detached CMS.

async function runtimeSign() {
  return import("@bankkit/runtime").catch(() => {
    throw new GeneratorError("the runtime is not built: run `npm run build` first", "#");
  });
}

async function input(file: string | undefined): Promise<string> {
  if (file) return readInput(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Python's `json.dumps(payload, sort_keys=True) + '\r\n'` of the JSON in FILE (stdin without one), as UTF-8. */
async function canonicalBytes(file: string | undefined): Promise<Uint8Array> {
  const runtime = await runtimeSign();
  const text = await input(file);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new GeneratorError(`${file ?? "stdin"} is not JSON: ${(error as Error).message}`, "#");
  }
  try {
    return runtime.canonicalPayloadBytes(payload);
  } catch (error) {
    if (error instanceof runtime.CanonicalJsonError)
      throw new GeneratorError(`the payload cannot be signed byte-exactly: ${error.message}`, "#");
    throw error;
  }
}

/** `bankkit sign canonical [FILE.json]`. */
export async function canonicalCommand({ positionals }: ParsedArgs): Promise<number> {
  process.stdout.write(await canonicalBytes(positionals[0]));
  return 0;
}

/** A key file's failure in node:crypto, said as what it means for this file. */
function keyFailure(file: string, error: unknown): GeneratorError {
  const code = (error as { code?: string }).code;
  const message = code?.startsWith("ERR_OSSL") ? "not a private key in PEM that can be read" : (error as Error).message;
  return new GeneratorError(`${file}: ${message}${code ? ` (${code})` : ""}`, "#");
}

/** `bankkit sign cms --key KEY.pem --cert CERT.pem [FILE.json]`: RSA and ECDSA in node:crypto, GOST in pure JavaScript. */
export async function cmsCommand({ values, positionals }: ParsedArgs): Promise<number> {
  const keyFile = values.key as string | undefined;
  const certFile = values.cert as string | undefined;
  if (!keyFile || !certFile) throw new UsageError(`needs ${keyFile ? "" : "--key KEY.pem "}${certFile ? "" : "--cert CERT.pem"}`.trim());
  const [key, certificate] = await Promise.all([readInput(keyFile, "utf8"), readInput(certFile, "utf8")]);
  const bytes = await canonicalBytes(positionals[0]);
  const runtime = await runtimeSign();
  try {
    new X509Certificate(certificate);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new GeneratorError(`${certFile}: not an X.509 certificate in PEM${code ? ` (${code})` : ""}`, "#");
  }
  // A GOST key (as OpenSSL's GOST engine writes it) is signed in pure JavaScript; RSA and ECDSA in node:crypto.
  const { gostSigner } = await import("@bankkit/runtime/gost");
  let signer: ReturnType<typeof runtime.nodeCryptoSigner>;
  try {
    signer = gostSigner({ key, certificate });
  } catch (gostError) {
    if (!/not a GOST/.test((gostError as Error).message)) throw new GeneratorError(`${keyFile}: ${(gostError as Error).message}`, "#");
    try {
      signer = runtime.nodeCryptoSigner({ key, certificate });
    } catch (error) {
      if (/does not belong/.test((error as Error).message))
        throw new GeneratorError(`${keyFile} is not the key of ${certFile} (key-mismatch)`, "#");
      throw keyFailure(keyFile, error);
    }
  }
  process.stdout.write(`${Buffer.from(await runtime.detachedCms(bytes, signer)).toString("base64")}\n`);
  return 0;
}
