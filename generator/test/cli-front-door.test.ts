import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CertificateWorkshop } from "../../runtime/test/support/certificates.js";
import { commands } from "../src/cli/commands.js";
import { main } from "../src/cli.js";

/** Runs the CLI in this process, as the bin does, and collects what it prints. */
async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(`${parts.join(" ")}\n`));
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(`${parts.map(String).join(" ")}\n`));
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    return { status: await main(args), stdout: out.join(""), stderr: err.join("") };
  } finally {
    vi.restoreAllMocks();
  }
}

// A frame of a stack trace, as Node prints them: `    at fn (file:line:col)`.
const stackFrame = /^\s+at .+(:\d+:\d+|\(native\)|<anonymous>)\)?$/m;

const dir = mkdtempSync(join(tmpdir(), "bankkit-cli-"));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const certs = new CertificateWorkshop();

beforeAll(() => {
  certs.selfSigned("signer", 30);
  certs.selfSigned("other", 30);
});
afterEach(() => vi.restoreAllMocks());

describe("bankkit: one front door for every command", { timeout: 180_000 }, () => {
  it.each(commands.map((command) => command.name))("`%s --help` prints its usage and options and exits 0", async (name) => {
    const { status, stdout, stderr } = await cli(...name.split(" "), "--help");
    expect(status).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toMatch(new RegExp(`^Usage: bankkit ${name}`));
    expect(stdout).toContain("--help");
    expect((await cli(...name.split(" "), "-h")).stdout).toBe(stdout);
  });

  it("prints every command in `bankkit --help`, without a raw line break in any line", async () => {
    const { status, stdout } = await cli("--help");
    expect(status).toBe(0);
    for (const command of commands) expect(stdout).toContain(`bankkit ${command.name}`);
    expect(stdout).not.toMatch(/\r/);
    expect(stdout).toContain('json.dumps(payload, sort_keys=True) + "\\r\\n"');
  });

  it.each(commands.map((command) => command.name))("`%s --bogus` names the option, prints the usage and exits 2", async (name) => {
    const { status, stdout, stderr } = await cli(...name.split(" "), "--bogus");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe(`bankkit ${name}: unknown option --bogus`);
    expect(stderr).toContain(`Usage: bankkit ${name}`);
    expect(stderr).not.toMatch(stackFrame);
  });

  it.each([
    [["nosuch"], /^bankkit: unknown command "nosuch"$/m],
    [["tls"], /^bankkit: tls needs one of: inspect$/m],
    [["xml", "validate", "a.xml"], /^bankkit: xml needs one of: check, roundtrip \(not "validate"\)$/m],
    [["generate", "--only"], /^bankkit generate: --only needs a value \(--only API\)$/m],
    [["generate", "--out", "--check"], /^bankkit generate: --out needs a value/m],
    [["generate", "--check=yes"], /^bankkit generate: --check takes no value$/m],
    [["generate", "stray"], /^bankkit generate: unexpected argument "stray"$/m],
    [["generate", "--spec", "x.yaml"], /^bankkit generate: --spec and --out go together$/m],
    [["diff"], /^bankkit diff: give two files \(OLD NEW\), or --since REV$/m],
    [["diff", "a.yaml", "b.yaml", "--fail-on", "warnings"], /^bankkit diff: --fail-on takes `breaking`$/m],
    [["tls", "inspect"], /^bankkit tls inspect: a file is missing$/m],
    [["xml", "check"], /^bankkit xml check: a file is missing$/m],
    [["xml", "check", "a.xml", "--profile", "swift"], /^bankkit xml check: --profile must be iso or kisc, not swift$/m],
    [["sign", "cms", "payload.json"], /^bankkit sign cms: needs --key KEY\.pem --cert CERT\.pem$/m],
    [["sign", "canonical", "a.json", "b.json"], /^bankkit sign canonical: unexpected argument "b\.json"$/m],
    [["dcm", "jwk"], /^bankkit dcm jwk: needs --key KEY\.pem$/m],
    [["docs", "--out"], /^bankkit docs: --out needs a value/m],
    [["pack", "extra"], /^bankkit pack: unexpected argument "extra"$/m],
  ])("a wrong command line %j: one line naming the problem, the usage, exit 2", async (args, line) => {
    const { status, stderr } = await cli(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(line);
    expect(stderr).toMatch(/Usage:/);
    expect(stderr).not.toMatch(stackFrame);
  });

  it("unreadable files, bad keys and unwritable folders: `bankkit: <what> (<code>)`, exit 1", async () => {
    const missing = join(dir, "missing");
    const aFile = file("a-file", "not a folder");
    const payload = file("payload.json", '{"amount": "10.00"}');
    const cases: [string[], RegExp][] = [
      [["tls", "inspect", `${missing}.p12`], /^bankkit: cannot read .*missing\.p12: no such file or directory \(ENOENT\)$/],
      [
        ["tls", "inspect", file("garbage.p12", "garbage")],
        /^bankkit: .*garbage\.p12: cannot read the PKCS#12 file: wrong password or not a PKCS#12 file$/,
      ],
      [["xml", "check", `${missing}.xml`], /^bankkit: cannot read .*missing\.xml: no such file or directory \(ENOENT\)$/],
      [["xml", "roundtrip", dir], /^bankkit: cannot read .*: illegal operation on a directory \(EISDIR\)$/],
      [["sign", "canonical", `${missing}.json`], /^bankkit: cannot read .*missing\.json: no such file or directory \(ENOENT\)$/],
      [["sign", "canonical", file("broken.json", "{")], /^bankkit: .*broken\.json is not JSON: /],
      [
        ["sign", "cms", "--key", `${missing}.pem`, "--cert", certs.path("signer.crt"), payload],
        /^bankkit: cannot read .*missing\.pem: no such file or directory \(ENOENT\)$/,
      ],
      [
        [
          "sign",
          "cms",
          "--key",
          file("bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
          "--cert",
          certs.path("signer.crt"),
          payload,
        ],
        /^bankkit: .*bad\.pem: not a private key in PEM that can be read \(ERR_OSSL_[A-Z_]+\)$/,
      ],
      [
        ["sign", "cms", "--key", certs.path("other.key"), "--cert", certs.path("signer.crt"), payload],
        /^bankkit: .*other\.key is not the key of .*signer\.crt \(key-mismatch\)$/,
      ],
      [
        ["sign", "cms", "--key", certs.path("signer.key"), "--cert", file("bad.crt", "not a certificate"), payload],
        /^bankkit: .*bad\.crt: not an X\.509 certificate in PEM \(ERR_[A-Z_0-9]+\)$/,
      ],
      [["dcm", "jwk", "--key", `${missing}.pem`], /^bankkit: cannot read .*missing\.pem: no such file or directory \(ENOENT\)$/],
      [
        ["generate", "--spec", join(import.meta.dirname, "fixtures", "petstore-30.yaml"), "--out", aFile],
        /^bankkit: cannot write .*a-file.*: .* \((ENOTDIR|EEXIST)\)$/,
      ],
      [["docs", "--out", join(aFile, "site")], /^bankkit: cannot (read|write) .*a-file.*: .* \((ENOTDIR|EEXIST)\)$/],
      [["diff", `${missing}.yaml`, `${missing}.yaml`], /^bankkit: cannot read .*missing\.yaml: no such file or directory \(ENOENT\)$/],
      [["xml", "check", file("empty.xml", "")], /^.*empty\.xml: not well-formed XML: the document is empty \(no root element\)$/],
      [
        ["xml", "check", file("open.xml", "<Document><GrpHdr>")],
        /^.*open\.xml: not well-formed XML: the document ends with <Document>, <GrpHdr> still open$/,
      ],
    ];
    for (const [args, line] of cases) {
      const { status, stderr } = await cli(...args);
      expect(status, args.join(" ")).toBe(1);
      expect(stderr.trimEnd(), args.join(" ")).toMatch(line);
      expect(stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(stderr).not.toMatch(/undefined|\[object /);
    }
  });

  it("the bin itself: no stack trace unless BANKKIT_DEBUG is set", () => {
    const bin = join(import.meta.dirname, "..", "bin", "bankkit.js");
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
    const unknown = run(["generate", "--help-me"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^bankkit generate: unknown option --help-me\n/);
    const missing = run(["xml", "check", join(dir, "nothing.xml")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).not.toMatch(stackFrame);
    const debug = run(["xml", "check", join(dir, "nothing.xml")], { BANKKIT_DEBUG: "1" });
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(stackFrame);
    mkdirSync(join(dir, "help"), { recursive: true });
    expect(run(["--help"]).status).toBe(0);
  });
});
