/**
 * Signing benchmark: a signed Bank 131 createCheck preparation (canonical Python bytes of the profile +
 * detached CMS, RSA-2048, private-key operation in node:crypto) against raw `crypto.sign("sha256", …)`
 * of the same bytes with the same key, in one run, in alternating rounds.
 * Run: npx tsx bench/signing.ts   (part of npm run bench)
 */
import { createPrivateKey, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { canonicalPayloadBytes, detachedCms, nodeCryptoSigner } from "@bankkit/runtime";
import { CertificateWorkshop } from "../runtime/test/support/certificates.ts";

const certs = new CertificateWorkshop();
certs.selfSigned("partner", 30, "/CN=Partner KYC/O=Partner LLC");
const keyPem = certs.read("partner.key").toString();
const key = createPrivateKey(keyPem);
const signer = nodeCryptoSigner({ key, certificate: certs.read("partner.crt").toString() });
// The resident's profile from the spec's sample, without the signature the client adds.
const { signature: _, ...profile } = (
  JSON.parse(readFileSync("specs/samples/bank131-kyc/check-resident.request.json", "utf8")) as { value: Record<string, unknown> }
).value;
const bytes = canonicalPayloadBytes(profile);

const ways = [
  { name: "raw crypto.sign(sha256) of the canonical bytes", run: async () => sign("sha256", bytes, key) },
  { name: "bankkit: canonical JSON + detached CMS", run: async () => detachedCms(canonicalPayloadBytes(profile), signer) },
];
const perRound = 200;
const rounds = 11;
for (const way of ways) for (let i = 0; i < perRound; i++) await way.run();
const rates = ways.map(() => [] as number[]);
for (let round = 0; round < rounds; round++) {
  for (const [index, way] of ways.entries()) {
    const started = performance.now();
    for (let i = 0; i < perRound; i++) await way.run();
    rates[index]?.push(perRound / ((performance.now() - started) / 1000));
  }
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
console.log(`Signed Bank 131 createCheck preparations (RSA-2048, ${bytes.length}-byte profile), median of ${rounds} rounds × ${perRound}:`);
const raw = median(rates[0] as number[]);
for (const [index, way] of ways.entries()) {
  const rate = median(rates[index] as number[]);
  console.log(`  ${way.name.padEnd(48)} ${rate.toFixed(0).padStart(6)} /s${index === 0 ? "" : `  ${(rate / raw).toFixed(2)}× raw`}`);
}
