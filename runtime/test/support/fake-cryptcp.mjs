#!/usr/bin/env node
// A stand-in for CryptoPro's `cryptcp -sign -detached -thumbprint X <input> <output>`: openssl cms makes the
// signature with the key and certificate in FAKE_CRYPTCP_KEY / FAKE_CRYPTCP_CERT and writes it base64, as
// cryptcp does. FAKE_CRYPTCP_MODE: ok | other-bytes | slow | fail. FAKE_CRYPTCP_LOG: a file it appends to.
import { execFileSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";

const args = process.argv.slice(2);
const [input, output] = args.slice(-2);
if (args[0] !== "-sign" || !args.includes("-detached") || !args.includes("-thumbprint")) {
  console.error("usage: cryptcp -sign -detached -thumbprint <thumbprint> <input> <output>");
  process.exit(2);
}
const mode = process.env.FAKE_CRYPTCP_MODE ?? "ok";
if (process.env.FAKE_CRYPTCP_LOG) appendFileSync(process.env.FAKE_CRYPTCP_LOG, `start ${Date.now()} ${input}\n`);
if (mode === "fail") {
  console.error("ErrorCode: 0x8009200b (no key for this thumbprint)");
  process.exit(1);
}
if (mode === "slow") await new Promise((resolve) => setTimeout(resolve, 5_000));
if (mode === "other-bytes") writeFileSync(input, "something else\r\n");
const der = execFileSync("openssl", [
  "cms",
  "-sign",
  "-binary",
  "-md",
  "sha256",
  "-outform",
  "DER",
  "-in",
  input,
  "-signer",
  process.env.FAKE_CRYPTCP_CERT,
  "-inkey",
  process.env.FAKE_CRYPTCP_KEY,
]);
await new Promise((resolve) => setTimeout(resolve, Number(process.env.FAKE_CRYPTCP_DELAY_MS ?? 0)));
writeFileSync(output, der.toString("base64").replace(/(.{64})/g, "$1\n"));
if (process.env.FAKE_CRYPTCP_LOG) appendFileSync(process.env.FAKE_CRYPTCP_LOG, `end ${Date.now()} ${readFileSync(output).length}\n`);
