import { readFile } from "node:fs/promises";

/**
 * A command's input file. Node leaves the path out of some failures (reading a folder gives EISDIR without
 * one); the path is put back so the message names the file.
 */
export async function readInput(path: string): Promise<Buffer>;
export async function readInput(path: string, encoding: "utf8"): Promise<string>;
export async function readInput(path: string, encoding?: "utf8"): Promise<Buffer | string> {
  try {
    return encoding ? await readFile(path, encoding) : await readFile(path);
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).path === undefined) (error as NodeJS.ErrnoException).path = path;
    throw error;
  }
}
