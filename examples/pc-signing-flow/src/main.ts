// Run against a real PC Server or the Prism mock: PC_SERVER_URL=http://127.0.0.1:4010 npm start
import { runSigningFlow } from "./signing-flow.js";

const baseUrl = process.env.PC_SERVER_URL;
if (!baseUrl) throw new Error("set PC_SERVER_URL to the PC Server API base URL");

await runSigningFlow({
  baseUrl,
  systemId: process.env.PC_SYSTEM_ID ?? "70b5fab6-d3d1-4098-aaf9-450a496855f5",
  customerName: "Acme Ltd.",
  print: (line) => console.log(line),
  logger: (e) => {
    if (e.event === "certificate-expiry") console.log(`  ! client certificate ${e.subject} expires in ${e.daysLeft} days`);
    else if (e.event === "contract-drift")
      console.log(`  ! ${e.operationId}: the answer differs from what the spec assumes (${e.assumptions.join(", ")})`);
    else
      console.log(
        `  · ${e.operationId} ${e.method} ${e.path} → ${e.status ?? e.outcome} in ${e.durationMs} ms${e.retryReason ? ` (retry: ${e.retryReason})` : ""}`,
      );
  },
});
