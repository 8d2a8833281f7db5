import { unzipSync } from "fflate";
import { type ErrorContext, ResponseValidationError } from "../errors.js";
import { valueAtPointer } from "../http/json-pointer.js";

/** One file of a zip archive an answer carried. */
export interface ZipFile {
  /** The file's path inside the archive. */
  name: string;
  bytes: Uint8Array;
}

/** Beyond this many unpacked bytes an archive is refused: a small answer must not unpack into gigabytes. */
const maxUnpackedBytes = 64 * 1024 * 1024;
const base64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/**
 * The files of the base64 zip at `pointer` in a JSON answer (`x-bankkit-unzip`), in archive order, without
 * directories. An answer whose field is not a base64 zip, or that unpacks beyond 64 MB, breaks the contract.
 */
export function unzipAnswer(answer: unknown, pointer: string, context: ErrorContext, status: number): ZipFile[] {
  const refuse = (rule: string, message: string, cause?: unknown) =>
    new ResponseValidationError(context, status, [{ path: `/body${pointer}`, rule, message }], cause);
  const text = valueAtPointer(answer, pointer);
  if (typeof text !== "string" || !base64.test(text)) throw refuse("contentEncoding", "must be base64 text");
  let unpacked = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(Buffer.from(text, "base64"), {
      filter: (file) => {
        unpacked += file.originalSize;
        if (unpacked > maxUnpackedBytes) throw new RangeError(`unpacks beyond ${maxUnpackedBytes} bytes`);
        return !file.name.endsWith("/");
      },
    });
  } catch (error) {
    const reason = error instanceof RangeError ? error.message : "is not a zip archive that can be read";
    throw refuse("x-bankkit-unzip", `must be a base64 zip archive: ${reason}`, error);
  }
  return Object.entries(files).map(([name, bytes]) => ({ name, bytes }));
}
