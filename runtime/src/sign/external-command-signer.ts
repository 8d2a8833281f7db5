import { commandOutputBytes, type FileCommand, fileCommandRunner } from "../process/file-command.js";
import { checkCms } from "./cms-inspect.js";
import { certificateDer } from "./raw-signer.js";

/** Makes a whole detached CMS over some bytes (a CSP's command line, a signing service). */
export interface DetachedCmsSigner {
  signDetached(content: Uint8Array): Promise<Uint8Array>;
}

export interface ExternalCommandSignerOptions extends FileCommand {
  /** The signer's certificate (PEM or DER): the CMS that comes back must name it. */
  certificate: string | Uint8Array;
  /** Its arguments for one signature; `input` is the file to sign, `output` where the signature must appear. */
  args: (files: { input: string; output: string }) => string[];
  /** Whether the command writes base64 (cryptcp's default) or DER (`-der`). */
  output?: "base64" | "der";
}

/** CryptoPro's documented workflow: `cryptcp -sign -detached -thumbprint <thumbprint> <input> <output>`. */
export const cryptcpArgs =
  (thumbprint: string, extra: readonly string[] = []) =>
  ({ input, output }: { input: string; output: string }) => ["-sign", "-detached", "-thumbprint", thumbprint, ...extra, input, output];

/**
 * Signs through an external command, as banks do with a CSP that holds a non-exportable GOST key: the bytes
 * go to a file in a private temporary folder, the command runs with an argument array (no shell) under a
 * timeout and a concurrency limit, and the CMS it writes is checked — it must have signed exactly these
 * bytes (messageDigest) with the configured certificate — before it is used. The folder is removed after.
 */
export function externalCommandSigner(options: ExternalCommandSignerOptions): DetachedCmsSigner {
  const certificate = certificateDer(options.certificate);
  const run = fileCommandRunner(options, { folder: "sign", writes: "signature" });
  return {
    async signDetached(content) {
      const cms = commandOutputBytes(await run(content, options.args), options.output, options.command);
      const wrong = checkCms(cms, content, certificate);
      if (wrong) throw new Error(`the signature ${options.command} made ${wrong}`);
      return cms;
    },
  };
}
