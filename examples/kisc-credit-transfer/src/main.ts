// Environment: KISC_URL, KISC_P12, KISC_P12_PASSWORD, KISC_CA, KISC_CLIENT_ID, KISC_CLIENT_SECRET,
// KISC_USERNAME, KISC_PASSWORD (npm start provides a local gateway and certificates made for the run).
import { readFileSync } from "node:fs";
import { runCreditTransferFlow } from "./credit-transfer-flow.js";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name}`);
  return value;
};

await runCreditTransferFlow({
  baseUrl: env("KISC_URL"),
  p12: readFileSync(env("KISC_P12")),
  p12Password: env("KISC_P12_PASSWORD"),
  ca: readFileSync(env("KISC_CA"), "utf8"),
  clientId: env("KISC_CLIENT_ID"),
  clientSecret: env("KISC_CLIENT_SECRET"),
  username: env("KISC_USERNAME"),
  password: env("KISC_PASSWORD"),
  print: (line) => console.log(line),
  logger: (e) => {
    if (e.event === "certificate-expiry") console.log(`   ! the certificate expires in ${e.daysLeft} days: order the one-year certificate`);
    else if (e.event === "contract-drift")
      console.log(`   ! ${e.operationId}: the answer differs from what the spec assumes (${e.assumptions.join(", ")})`);
    else
      console.log(
        `   · ${e.operationId} ${e.method} ${e.path} → ${e.status ?? e.outcome} in ${e.durationMs} ms${e.retryReason ? ` (retry: ${e.retryReason})` : ""}`,
      );
  },
});
