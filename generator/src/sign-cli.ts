import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { GeneratorError } from "./errors.js";

async function input(file: string | undefined): Promise<string> {
  if (file) return readFile(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * For users debugging Bank 131's `invalid_sign`: `bankkit sign canonical [FILE]` writes the exact bytes that
 * get signed (Python's `json.dumps(payload, sort_keys=True) + '\r\n'`), `bankkit sign cms --key KEY.pem
 * --cert CERT.pem [FILE]` the base64 detached CMS of those bytes (RSA, ECDSA or GOST R 34.10-2012 keys).
 * FILE is the JSON payload; stdin without one.
 */
export async function signCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { key: { type: "string" }, cert: { type: "string" } },
  });
  const [command, file] = positionals;
  if (command !== "canonical" && command !== "cms")
    throw new GeneratorError("usage: bankkit sign canonical [FILE] | bankkit sign cms --key KEY.pem --cert CERT.pem [FILE]", "#");
  const runtime = await import("@bankkit/runtime").catch(() => {
    throw new GeneratorError("the runtime is not built: run `npm run build` first", "#");
  });
  let payload: unknown;
  try {
    payload = JSON.parse(await input(file));
  } catch (error) {
    throw new GeneratorError(`the payload is not JSON: ${(error as Error).message}`, "#");
  }
  let bytes: Uint8Array;
  try {
    bytes = runtime.canonicalPayloadBytes(payload);
  } catch (error) {
    if (error instanceof runtime.CanonicalJsonError)
      throw new GeneratorError(`the payload cannot be signed byte-exactly: ${error.message}`, "#");
    throw error;
  }
  if (command === "canonical") {
    process.stdout.write(bytes);
    return 0;
  }
  if (!values.key || !values.cert) throw new GeneratorError("bankkit sign cms needs --key KEY.pem and --cert CERT.pem", "#");
  const key = await readFile(values.key, "utf8");
  const certificate = await readFile(values.cert, "utf8");
  // A GOST key (as OpenSSL's GOST engine writes it) is signed in pure JavaScript; RSA and ECDSA in node:crypto.
  const gost = (() => {
    try {
      return runtime.gostSigner({ key, certificate });
    } catch (error) {
      if (/not a GOST/.test((error as Error).message)) return undefined;
      throw new GeneratorError((error as Error).message, "#");
    }
  })();
  const signer = gost ?? runtime.nodeCryptoSigner({ key, certificate });
  process.stdout.write(`${Buffer.from(await runtime.detachedCms(bytes, signer)).toString("base64")}\n`);
  return 0;
}
