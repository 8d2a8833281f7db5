import { GeneratorError } from "../errors.js";

/** A failure of the operating system on a path (Node's SystemError): ENOENT, EISDIR, ENOTDIR, EACCES … */
interface SystemError extends Error {
  code: string;
  syscall: string;
  path?: string;
}

const reading = new Set(["open", "read", "stat", "lstat", "scandir", "readlink", "access"]);

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as SystemError).code === "string" && typeof (error as SystemError).syscall === "string";
}

/** `ENOENT: no such file or directory, open 'x'` (or `…, read`) → `no such file or directory`. */
function reason(error: SystemError): string {
  return error.message.replace(/^[A-Z]+: /, "").replace(/, \w+( '.*')?$/s, "");
}

/**
 * One line saying what failed, for `bankkit: <line>`: the generator's own refusals as they are, an operating
 * system failure as `cannot read|write PATH: reason (CODE)`, any other error's first line with its code.
 * Never a stack frame; the front door prints the stack only under BANKKIT_DEBUG.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof GeneratorError) return error.message;
  if (isSystemError(error)) {
    const verb = reading.has(error.syscall) ? "cannot read" : "cannot write";
    return error.path ? `${verb} ${error.path}: ${reason(error)} (${error.code})` : `${reason(error)} (${error.code})`;
  }
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? `${message} (${code})` : message;
}
