import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkCms } from "./cms-inspect.js";
import { certificateDer } from "./raw-signer.js";

/** Makes a whole detached CMS over some bytes (a CSP's command line, a signing service). */
export interface DetachedCmsSigner {
  signDetached(content: Uint8Array): Promise<Uint8Array>;
}

export interface ExternalCommandSignerOptions {
  /** The signer's certificate (PEM or DER): the CMS that comes back must name it. */
  certificate: string | Uint8Array;
  /** The program, run without a shell (`cryptcp`, `/opt/cprocsp/bin/amd64/cryptcp`). */
  command: string;
  /** Its arguments for one signature; `input` is the file to sign, `output` where the signature must appear. */
  args: (files: { input: string; output: string }) => string[];
  /** Variables added to the command's environment (it inherits the process's). */
  env?: Record<string, string>;
  /** Whether the command writes base64 (cryptcp's default) or DER (`-der`). */
  output?: "base64" | "der";
  timeoutMs?: number;
  /** How many signing processes may run at once (a CSP and its token serialize anyway). */
  concurrency?: number;
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
  const limit = Math.max(1, options.concurrency ?? 2);
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };

  return {
    async signDetached(content) {
      await acquire();
      // mkdtemp makes the folder 0700: the bytes and the signature are not readable by other users.
      const dir = await mkdtemp(join(tmpdir(), "bankkit-sign-"));
      try {
        const input = join(dir, "payload.bin");
        const output = join(dir, "payload.sig");
        await writeFile(input, content, { mode: 0o600 });
        await new Promise<void>((resolve, reject) => {
          execFile(
            options.command,
            options.args({ input, output }),
            {
              timeout: options.timeoutMs ?? 30_000,
              killSignal: "SIGKILL",
              windowsHide: true,
              ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
            },
            (error, _stdout, stderr) => {
              if (!error) return resolve();
              const why = error.killed
                ? `did not finish within ${options.timeoutMs ?? 30_000} ms`
                : `failed (${error.code ?? error.message})`;
              reject(new Error(`${options.command} ${why}${stderr ? `: ${String(stderr).trim().slice(0, 300)}` : ""}`));
            },
          );
        });
        const written = await readFile(output).catch(() => {
          throw new Error(`${options.command} wrote no signature`);
        });
        const cms =
          options.output === "der"
            ? new Uint8Array(written)
            : new Uint8Array(Buffer.from(written.toString("latin1").replace(/-----[^-]+-----|\s/g, ""), "base64"));
        const wrong = checkCms(cms, content, certificate);
        if (wrong) throw new Error(`the signature ${options.command} made ${wrong}`);
        return cms;
      } finally {
        await rm(dir, { recursive: true, force: true });
        release();
      }
    },
  };
}
