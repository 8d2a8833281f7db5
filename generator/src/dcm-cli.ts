import type { ParsedArgs } from "./cli/args.js";
import { UsageError } from "./cli/args.js";
import { readInput } from "./cli/read-input.js";
import { GeneratorError } from "./errors.js";

/**
 * `bankkit dcm jwk --key KEY.pem`: prints the body of DCM's `createJwk` for the bank's key — the public JWK
 * (RSA → RS256, EC P-256 → ES256) with `kid` = its RFC 7638 thumbprint, the id bank JWTs name. A private
 * key may be given: only its public half is printed.
 */
export async function dcmCommand({ values }: ParsedArgs): Promise<number> {
  const file = values.key as string | undefined;
  if (!file) throw new UsageError("needs --key KEY.pem");
  const pem = await readInput(file, "utf8");
  const { bankJwk } = await import("@bankkit/runtime/jwt").catch(() => {
    throw new GeneratorError("the runtime is not built: run `npm run build` first", "#");
  });
  try {
    console.log(JSON.stringify({ data: await bankJwk(pem) }, null, 2));
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new GeneratorError(`${file}: ${(error as Error).message}${code ? ` (${code})` : ""}`, "#");
  }
  return 0;
}
