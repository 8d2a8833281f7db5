import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A program that reads one file and writes another: a CSP's signing or encryption command, OpenSSL. */
export interface FileCommand {
  /** The program, run without a shell. */
  command: string;
  /** Variables added to the command's environment (it inherits the process's). */
  env?: Record<string, string>;
  timeoutMs?: number;
  /** How many of its processes may run at once (a CSP and its token serialize anyway). */
  concurrency?: number;
}

/**
 * Runs commands of one kind under a concurrency limit: each run gets a private temporary folder (0700) with
 * the input in a 0600 file, an argument array (no shell), a timeout that kills it, and the folder removed
 * after. Returns what the command wrote to the output file; says which command failed and how.
 */
export function fileCommandRunner(options: FileCommand, names: { folder: string; writes: string }) {
  const limit = Math.max(1, options.concurrency ?? 2);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (content: Uint8Array, args: (files: { input: string; output: string }) => string[]): Promise<Uint8Array> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    const dir = await mkdtemp(join(tmpdir(), `bankkit-${names.folder}-`));
    try {
      const input = join(dir, "input.bin");
      const output = join(dir, "output.bin");
      await writeFile(input, content, { mode: 0o600 });
      await new Promise<void>((resolve, reject) => {
        execFile(
          options.command,
          args({ input, output }),
          {
            timeout: timeoutMs,
            killSignal: "SIGKILL",
            windowsHide: true,
            ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
          },
          (error, _stdout, stderr) => {
            if (!error) return resolve();
            const why = error.killed ? `did not finish within ${timeoutMs} ms` : `failed (${error.code ?? error.message})`;
            reject(new Error(`${options.command} ${why}${stderr ? `: ${String(stderr).trim().slice(0, 300)}` : ""}`));
          },
        );
      });
      return new Uint8Array(
        await readFile(output).catch(() => {
          throw new Error(`${options.command} wrote no ${names.writes}`);
        }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * The bytes a command wrote as `output` says: as they are (`der`), or base64 — PEM armour and line breaks
 * allowed, as CSPs write it. Anything else in a base64 output is the command's fault, said as such.
 */
export function commandOutputBytes(written: Uint8Array, output: "base64" | "der" | undefined, command: string): Uint8Array {
  if (output === "der") return written;
  const text = Buffer.from(written)
    .toString("latin1")
    .replace(/-----[^-]+-----|\s/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw new Error(`${command} wrote no base64 signature`);
  return new Uint8Array(Buffer.from(text, "base64"));
}
