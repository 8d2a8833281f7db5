import type { ParsedArgs } from "./cli/args.js";
import { readInput } from "./cli/read-input.js";
import { GeneratorError } from "./errors.js";

/** `bankkit tls inspect FILE.p12 [--password-env NAME]`: what a bank needs to know before the certificate expires. */
export async function inspectCommand({ values, positionals }: ParsedArgs): Promise<number> {
  const file = positionals[0] as string;
  const variable = (values["password-env"] as string | undefined) ?? "BANKKIT_P12_PASSWORD";
  const bytes = await readInput(file);
  // The runtime reads the file; it is loaded only for this command.
  const { readPkcs12, daysLeft } = await import("@bankkit/runtime/tls").catch(() => {
    throw new GeneratorError("the runtime is not built: run `npm run build` first", "#");
  });
  let certificate: ReturnType<typeof readPkcs12>;
  try {
    certificate = readPkcs12(bytes, process.env[variable] ?? "");
  } catch (error) {
    throw new GeneratorError(`${file}: ${(error as Error).message}`, "#");
  }
  const left = daysLeft(certificate);
  console.log(`subject:  ${certificate.subject}`);
  console.log(`issuer:   ${certificate.issuer}`);
  console.log(`valid:    ${certificate.validFrom.toISOString()} → ${certificate.validTo.toISOString()}`);
  console.log(`days left: ${left}${left < 0 ? " (EXPIRED)" : left <= 30 ? " (renew soon)" : ""}`);
  console.log(`chain:    ${certificate.chain.length} more certificate(s) in the file (sent as the chain, never trusted as roots)`);
  return left < 0 ? 1 : 0;
}
