import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { GeneratorError } from "./errors.js";

/**
 * `bankkit dcm jwk --key KEY.pem`: prints the body of DCM's `createJwk` for the bank's key — the public JWK
 * (RSA → RS256, EC P-256 → ES256) with `kid` = its RFC 7638 thumbprint, the id bank JWTs name. A private
 * key may be given: only its public half is printed.
 */
export async function dcmCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { key: { type: "string" } } });
  if (positionals[0] !== "jwk" || !values.key) throw new GeneratorError("usage: bankkit dcm jwk --key KEY.pem", "#");
  const runtime = await import("@bankkit/runtime").catch(() => {
    throw new GeneratorError("the runtime is not built: run `npm run build` first", "#");
  });
  const pem = await readFile(values.key, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new GeneratorError(`cannot read ${values.key} (${error.code ?? error.message})`, "#");
  });
  try {
    console.log(JSON.stringify({ data: await runtime.bankJwk(pem) }, null, 2));
  } catch (error) {
    throw new GeneratorError(`${values.key}: ${(error as Error).message}`, "#");
  }
  return 0;
}
