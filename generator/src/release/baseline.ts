import { execFileSync } from "node:child_process";
import { rm } from "node:fs/promises";
import { specsAt } from "../diff/specs-at.js";

/**
 * The specs as they were when a generated package was last committed: the baseline its changelog entry is
 * written against. Each revision's `specs/` is extracted once (specs reference samples beside them).
 */
export class SpecBaselines {
  readonly #extracted = new Map<string, Promise<string | undefined>>();

  constructor(readonly root: string) {}

  /** The folder holding `specs/` at the last commit that touched `packageDir`, or undefined outside git / for a new package. */
  async forPackage(packageDir: string): Promise<{ revision: string; dir: string } | undefined> {
    const revision = this.#git(["log", "-1", "--format=%H", "--", packageDir]);
    if (!revision) return undefined;
    let extracted = this.#extracted.get(revision);
    if (!extracted) {
      extracted = this.#extract(revision);
      this.#extracted.set(revision, extracted);
    }
    const dir = await extracted;
    return dir ? { revision, dir } : undefined;
  }

  /** A file as it was committed at `revision`, or undefined. */
  fileAt(revision: string, path: string): string | undefined {
    return this.#git(["show", `${revision}:${path.split("\\").join("/")}`], { trim: false });
  }

  async #extract(revision: string): Promise<string | undefined> {
    return specsAt(this.root, revision).catch(() => undefined);
  }

  #git(args: string[], { trim = true } = {}): string | undefined {
    try {
      const output = execFileSync("git", args, { cwd: this.root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
      return (trim ? output.trim() : output) || undefined;
    } catch {
      return undefined;
    }
  }

  async dispose(): Promise<void> {
    for (const dir of await Promise.all(this.#extracted.values())) if (dir) await rm(dir, { recursive: true, force: true });
  }
}
