// Environment: BANK131_URL, BANK131_PROJECT, BANK131_KEY and BANK131_CERT (PEM files); npm start provides a
// mock and a certificate made for the run.
import { readFileSync } from "node:fs";
import { runKycFlow } from "./kyc-flow.js";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};

await runKycFlow({
  baseUrl: env("BANK131_URL"),
  project: env("BANK131_PROJECT"),
  key: readFileSync(env("BANK131_KEY"), "utf8"),
  certificate: readFileSync(env("BANK131_CERT"), "utf8"),
  print: (line) => console.log(line),
  logger: (e) => {
    if (e.event === "attempt") console.log(`   · ${e.operationId} ${e.method} ${e.path} → ${e.status ?? e.outcome} in ${e.durationMs} ms`);
  },
});
