// Environment: KISC_IDENTITY_URL, KISC_P12 and KISC_P12_PASSWORD (the bank's RSA client certificate), KISC_CA,
// KISC_JWS_CERT (the signing certificate, PEM), KISC_IIN, and the signing key: in production
// KISC_SIGN_COMMAND, the bank's CSP command that signs with the GOST 34.310-2004 key of KISC's GOST (*.pfx)
// certificate (Kalkan, NCALayer or Tumar based; called as `<command> <input> <output>`, writing base64);
// for the mock KISC_JWS_KEY, a PEM key node:crypto signs with. npm start provides a mock behind a mutual-TLS
// front and certificates made for the run.
import { readFileSync } from "node:fs";
import { externalRawSigner, type JwsSigner, nodeCryptoSigner } from "@bankkit/runtime";
import { runIdentityFlow } from "./identity-flow.js";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};

// ЦОИД's signatures are Kazakhstan's GOST 34.310-2004, not Russia's GOST R 34.10-2012: gostSigner does not serve.
const command = process.env.KISC_SIGN_COMMAND;
const signer: JwsSigner = command
  ? externalRawSigner({ command, certificate: readFileSync(env("KISC_JWS_CERT")), args: ({ input, output }) => [input, output] })
  : nodeCryptoSigner({ key: readFileSync(env("KISC_JWS_KEY"), "utf8"), certificate: readFileSync(env("KISC_JWS_CERT")) });

await runIdentityFlow({
  baseUrl: env("KISC_IDENTITY_URL"),
  p12: readFileSync(env("KISC_P12")),
  p12Password: env("KISC_P12_PASSWORD"),
  ca: readFileSync(env("KISC_CA"), "utf8"),
  signer,
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
