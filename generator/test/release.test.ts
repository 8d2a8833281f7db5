import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const bin = join(import.meta.dirname, "..", "bin", "bankkit.js");
const repository = join(import.meta.dirname, "..", "..");

/** A small repository of its own: one spec, its samples, a lock file, git. */
function workspace(): { dir: string; run: (...args: string[]) => ReturnType<typeof spawnSync>; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), "bankkit-release-"));
  mkdirSync(join(dir, "specs", "openapi"), { recursive: true });
  cpSync(join(repository, "specs/openapi/kisc-identity.yaml"), join(dir, "specs/openapi/kisc-identity.yaml"));
  cpSync(join(repository, "specs/samples/kisc-identity"), join(dir, "specs/samples/kisc-identity"), { recursive: true });
  const lock = {
    name: "w",
    lockfileVersion: 3,
    packages: { "generated/kisc-identity": { name: "@bankkit/kisc-identity", version: "0.1.0" } },
  };
  writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir, encoding: "utf8" });
  git("init", "-q");
  return { dir, git, run: (...args) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" }) };
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
const version = (dir: string) => (JSON.parse(read(dir, "generated/kisc-identity/package.json")) as { version: string }).version;

describe("npm run generate: versions and changelogs of generated packages", { timeout: 240_000 }, () => {
  it("bumps a package and writes what changed for callers only when its content changed", () => {
    const { dir, run, git } = workspace();
    const first = run("generate");
    expect(first.status, String(first.stderr)).toBe(0);
    expect(version(dir)).toBe("0.1.0");
    expect(read(dir, "generated/kisc-identity/CHANGELOG.md")).toContain(
      "## 0.1.0\n\nFirst version, generated from specs/openapi/kisc-identity.yaml.",
    );
    git("add", "-A");
    git("commit", "-qm", "first");

    // Nothing changed: no new version, no new entry, --check passes.
    const again = run("generate");
    expect(String(again.stdout)).not.toContain("version");
    expect(git("status", "--porcelain")).toBe("");

    // A field's type changed: breaking → 0.2.0, with the change and its pointer in the changelog and the lock updated.
    const spec = join(dir, "specs/openapi/kisc-identity.yaml");
    writeFileSync(
      spec,
      read(dir, "specs/openapi/kisc-identity.yaml").replace(
        "similarity: { type: number, minimum: 0, maximum: 1 }",
        "similarity: { type: string }",
      ),
    );
    const breaking = run("generate");
    expect(String(breaking.stdout)).toContain("version 0.1.0 → 0.2.0");
    expect(version(dir)).toBe("0.2.0");
    const changelog = read(dir, "generated/kisc-identity/CHANGELOG.md");
    expect(changelog).toMatch(
      /## 0\.2\.0\n\n### Breaking for callers\n\n- GET \/report\/transactions\/\{fromDate\}\/\{toDate\} \(transactionsReport\): type number → string \(`#\/components\/schemas\/ReportRow\/properties\/similarity\/type`\)/,
    );
    expect(changelog.indexOf("## 0.2.0")).toBeLessThan(changelog.indexOf("## 0.1.0"));
    expect(changelog.endsWith("generated from specs/openapi/kisc-identity.yaml.\n")).toBe(true);
    // bankkit diff, asked after generating, agrees with what generate wrote: counted from the commit, no second bump.
    const report = JSON.parse(String(run("diff", "--since", "HEAD", "--json").stdout)) as { package: { version: string; next: string } }[];
    expect(report[0]?.package).toMatchObject({ name: "@bankkit/kisc-identity", version: "0.1.0", next: "0.2.0" });
    expect(String(run("diff", "--since", "HEAD").stdout)).toContain("@bankkit/kisc-identity 0.1.0 → 0.2.0 (breaking)");
    // Another edit before committing: still one release counted from the commit, not a second bump.
    writeFileSync(
      spec,
      read(dir, "specs/openapi/kisc-identity.yaml").replace(
        "        subject: { type: string }",
        "        subject: { type: string }\n        link: { type: string }",
      ),
    );
    run("generate");
    expect(version(dir)).toBe("0.2.0");
    expect(read(dir, "generated/kisc-identity/CHANGELOG.md").match(/## 0\.2\.0/g)).toHaveLength(1);
    expect(read(dir, "generated/kisc-identity/CHANGELOG.md")).toMatch(/### Added\n\n- GET \/news \(news\): optional property link added/);
    expect(JSON.parse(read(dir, "package-lock.json")).packages["generated/kisc-identity"].version).toBe("0.2.0");
    // The lock carries the package's dependency ranges as its package.json has them (npm ci compares the two).
    expect(JSON.parse(read(dir, "package-lock.json")).packages["generated/kisc-identity"].dependencies).toEqual(
      JSON.parse(read(dir, "generated/kisc-identity/package.json")).dependencies,
    );
    expect(run("generate", "--check").status).toBe(0);
    git("add", "-A");
    git("commit", "-qm", "breaking");

    // An optional field added: an addition → 0.2.1 (below 1.0 additions move the patch number).
    writeFileSync(
      spec,
      read(dir, "specs/openapi/kisc-identity.yaml").replace(
        "        vendor_name: { type: string }",
        "        vendor_name: { type: string }\n        channel: { type: string }",
      ),
    );
    run("generate");
    expect(version(dir)).toBe("0.2.1");
    expect(read(dir, "generated/kisc-identity/CHANGELOG.md")).toMatch(/## 0\.2\.1\n\n### Added\n\n- GET .*optional property channel added/);
  });
});
