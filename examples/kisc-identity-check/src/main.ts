// Environment: KISC_IDENTITY_URL, KISC_P12 and KISC_P12_PASSWORD (the bank's client certificate), KISC_CA,
// KISC_JWS_KEY and KISC_JWS_CERT (PEM files), KISC_IIN. npm start provides a mock behind a mutual-TLS
// front and certificates made for the run.
import { readFileSync } from "node:fs";
import { nodeCryptoSigner } from "@bankkit/runtime";
import { runIdentityFlow } from "./identity-flow.js";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};

await runIdentityFlow({
  baseUrl: env("KISC_IDENTITY_URL"),
  p12: readFileSync(env("KISC_P12")),
  p12Password: env("KISC_P12_PASSWORD"),
  ca: readFileSync(env("KISC_CA"), "utf8"),
  signer: nodeCryptoSigner({ key: readFileSync(env("KISC_JWS_KEY"), "utf8"), certificate: readFileSync(env("KISC_JWS_CERT")) }),
  keyId: "bank-identity-1",
  iin: env("KISC_IIN"),
  // A stand-in for the camera's frame (the mock does not compare faces).
  photo: readFileSync(new URL("../sample-photo.png", import.meta.url)),
  consentText: "Я согласен на сбор и обработку моих персональных данных",
  threshold: 0.8,
  print: (line) => console.log(line),
  logger: (e) => {
    if (e.event === "attempt") console.log(`   · ${e.operationId} ${e.method} ${e.path} → ${e.status ?? e.outcome} in ${e.durationMs} ms`);
  },
});
