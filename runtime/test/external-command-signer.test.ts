import { spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { signBody } from "../src/http/body-signature.js";
import { canonicalPayloadBytes } from "../src/sign/canonical-json.js";
import { checkCms } from "../src/sign/cms-inspect.js";
import { cryptcpArgs, externalCommandSigner } from "../src/sign/external-command-signer.js";
import { CertificateWorkshop } from "./support/certificates.js";

const certs = new CertificateWorkshop();
certs.selfSigned("partner", 30, "/CN=Partner KYC/O=Partner LLC");
certs.selfSigned("other", 30, "/CN=Someone else");
const fake = join(import.meta.dirname, "support", "fake-cryptcp.mjs");
const payload = canonicalPayloadBytes({ type: "FL_RESIDENT", last_name: "Иванов", inn: "500100732259" });

/** A signer running the cryptcp stand-in (node + openssl) with the given behaviour. */
function signer(
  mode: string,
  options: { certificate?: string; timeoutMs?: number; concurrency?: number; delayMs?: number; log?: string } = {},
) {
  process.env.FAKE_CRYPTCP_CERT = certs.path("partner.crt");
  process.env.FAKE_CRYPTCP_KEY = certs.path("partner.key");
  return externalCommandSigner({
    certificate: certs.read(options.certificate ?? "partner.crt").toString(),
    command: process.execPath,
    args: (files) => [fake, ...cryptcpArgs("a1b2c3d4e5f6")(files)],
    env: {
      FAKE_CRYPTCP_MODE: mode,
      FAKE_CRYPTCP_DELAY_MS: String(options.delayMs ?? 0),
      ...(options.log ? { FAKE_CRYPTCP_LOG: options.log } : {}),
    },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
}

describe("externalCommandSigner (the documented cryptcp workflow)", () => {
  it("returns the command's CMS once it has checked that it signed these bytes with the configured certificate", async () => {
    const log = join(mkdtempSync(join(tmpdir(), "fake-cryptcp-")), "log");
    const cms = await signer("ok", { log }).signDetached(payload);
    writeFileSync(certs.path("ext.p7s"), cms);
    writeFileSync(certs.path("ext.bin"), payload);
    const verified = spawnSync(
      "openssl",
      ["cms", "-verify", "-binary", "-inform", "DER", "-in", "ext.p7s", "-content", "ext.bin", "-noverify", "-out", "/dev/null"],
      {
        cwd: certs.dir,
        encoding: "utf8",
      },
    );
    expect(verified.stderr).toContain("Verification successful");
    // The bytes were written to a private temporary folder, removed afterwards.
    const input = /start \d+ (\S+)/.exec(readFileSync(log, "utf8"))?.[1] as string;
    expect(input).toMatch(/bankkit-sign-/);
    expect(existsSync(input)).toBe(false);
  });

  it("refuses a signature over other bytes, by another certificate, a failing command and one that hangs", async () => {
    await expect(signer("other-bytes").signDetached(payload)).rejects.toThrow(/signed other bytes \(messageDigest differs\)/);
    await expect(signer("ok", { certificate: "other.crt" }).signDetached(payload)).rejects.toThrow(
      /another certificate than the configured one/,
    );
    await expect(signer("fail").signDetached(payload)).rejects.toThrow(/failed \(1\): ErrorCode: 0x8009200b/);
    await expect(signer("slow", { timeoutMs: 500 }).signDetached(payload)).rejects.toThrow(/did not finish within 500 ms/);
  });

  it("fills a signed body's field, as a client with this signer does", async () => {
    const profile = { type: "FL_RESIDENT", last_name: "Иванов", inn: "500100732259" };
    const spec = { field: "signature", bytes: "python-json-sorted-crlf", format: "cms-detached-base64" } as const;
    const signed = (await signBody(spec, profile, signer("ok"), { operationId: "createCheck", attempts: 0 })) as Record<string, string>;
    expect(Object.keys(signed).sort()).toEqual(["inn", "last_name", "signature", "type"]);
    const cms = new Uint8Array(Buffer.from(signed.signature as string, "base64"));
    expect(checkCms(cms, payload, new Uint8Array(new X509Certificate(certs.read("partner.crt")).raw))).toBeUndefined();
  });

  it("refuses to sign a body that is not a JSON object, before running the command", async () => {
    const spec = { field: "signature", bytes: "python-json-sorted-crlf", format: "cms-detached-base64" } as const;
    await expect(signBody(spec, "a string", signer("fail"), { operationId: "createCheck", attempts: 0 })).rejects.toThrow(
      /\/body must be a JSON object to be signed/,
    );
  });

  it("puts the signed data inside `payload` when the client is configured for that layout", async () => {
    const profile = { type: "FL_RESIDENT", last_name: "Иванов", inn: "500100732259" };
    const spec = { field: "signature", bytes: "python-json-sorted-crlf", format: "cms-detached-base64" } as const;
    const context = { operationId: "createCheck", attempts: 0 };
    const wrapped = (await signBody(spec, profile, signer("ok"), context, "payload-wrapped")) as { payload: unknown; signature: string };
    expect(wrapped.payload).toEqual(profile);
    const certificate = new Uint8Array(new X509Certificate(certs.read("partner.crt")).raw);
    expect(checkCms(new Uint8Array(Buffer.from(wrapped.signature, "base64")), payload, certificate)).toBeUndefined();
  });

  it("runs at most `concurrency` signing processes at once", async () => {
    const log = join(mkdtempSync(join(tmpdir(), "fake-cryptcp-")), "log");
    const limited = signer("ok", { concurrency: 2, delayMs: 150, log });
    await Promise.all(Array.from({ length: 6 }, () => limited.signDetached(payload)));
    let running = 0;
    let most = 0;
    for (const line of readFileSync(log, "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(" "))) {
      running += line[0] === "start" ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
  });
});
