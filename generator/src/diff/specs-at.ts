import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GeneratorError } from "../errors.js";

/**
 * The repository's `specs/` as it was at `revision`, extracted into a temporary folder (specs reference
 * samples beside them, so one file is not enough). The caller removes the folder.
 */
export async function specsAt(root: string, revision: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bankkit-specs-"));
  try {
    const archive = execFileSync("git", ["archive", revision, "specs"], {
      cwd: root,
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "pipe"],
    });
    execFileSync("tar", ["-x", "-C", dir], { input: archive });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new GeneratorError(`cannot read specs/ at ${revision}: ${(error as Error).message.split("\n")[0]}`, "#");
  }
  return dir;
}
